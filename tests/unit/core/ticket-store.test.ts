import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/database';
import { PiiCipher } from '../../../src/main/core/crypto/pii-cipher';
import { TicketStore } from '../../../src/main/core/tickets/ticket-store';
import { textMessage, ticket } from '../../support/fixtures';

const newStore = () => new TicketStore(openDatabase(':memory:'));

describe('TicketStore', () => {
  it('round-trips a ticket with its messages', () => {
    const store = newStore();
    const t = ticket();
    store.upsertTicket(t);
    expect(store.get(t.id)).toEqual(t);
  });

  it('orders the queue by priority then SLA and hides closed tickets', () => {
    const store = newStore();
    const now = Date.now();
    store.upsertTicket(ticket({ id: 'late', priority: 2, slaDueAt: now + 9000 }));
    store.upsertTicket(ticket({ id: 'soon', priority: 2, slaDueAt: now + 1000 }));
    store.upsertTicket(ticket({ id: 'urgent', priority: 1, slaDueAt: now + 99_000 }));
    store.upsertTicket(ticket({ id: 'done', priority: 1, status: 'resolved' }));
    expect(store.listOpen().map((s) => s.id)).toEqual(['urgent', 'soon', 'late']);
  });

  it('ignores a message it already holds and counts unread customer messages', () => {
    const store = newStore();
    const t = ticket({ id: 't-unread' });
    store.upsertTicket(t);
    const m = textMessage(t.id, '还在吗？', { at: Date.now() + 10 });
    expect(store.addMessage(m)).toBe(true);
    expect(store.addMessage(m)).toBe(false);
    expect(store.summary(t.id)?.unread).toBe(2);
    expect(store.summary(t.id)?.lastMessagePreview).toBe('还在吗？');
    store.markRead(t.id);
    expect(store.summary(t.id)?.unread).toBe(0);
  });

  it('records first response and messages sent for the outcome', () => {
    const store = newStore();
    const t = ticket({ id: 't-facts' });
    store.upsertTicket(t);
    store.addMessage(textMessage(t.id, '您好，我来帮您查', { from: 'agent', at: 5000 }));
    store.addMessage(textMessage(t.id, '稍等', { from: 'agent', at: 6000 }));
    expect(store.handlingFacts(t.id)).toMatchObject({ firstResponseAt: 5000, messagesSent: 2 });
  });

  it('keeps the sync cursor with the data: a rolled-back transaction leaves both unchanged', () => {
    const store = newStore();
    store.setLastSeq(4);
    expect(() =>
      store.transaction(() => {
        store.upsertTicket(ticket({ id: 't-rollback' }));
        store.setLastSeq(5);
        throw new Error('crash mid-apply');
      }),
    ).toThrow('crash mid-apply');
    expect(store.lastSeq()).toBe(4);
    expect(store.get('t-rollback')).toBeUndefined();
  });
});

describe('TicketStore closing', () => {
  it('keeps a ticket closed here when a later hub snapshot still shows it open', () => {
    const store = newStore();
    const t = ticket({ id: 't-sticky' });
    store.upsertTicket(t);
    store.setStatus(t.id, 'resolved');
    store.upsertTicket({ ...t, status: 'assigned' }); // re-routed to us while the outcome was in the outbox
    expect(store.get(t.id)?.status).toBe('resolved');
    expect(store.setStatus(t.id, 'active')).toBe(false);
    expect(store.listOpen().map((s) => s.id)).not.toContain(t.id);
  });

  it('keeps since when the customer has waited for a reply, message by message and from a snapshot', () => {
    const store = newStore();
    const t0 = Date.now();
    const t = ticket({ id: 't-wait', createdAt: t0, messages: [textMessage('t-wait', '快递呢', { at: t0 - 5000 })] });
    store.upsertTicket(t);
    expect(store.summary(t.id)?.waitingSince).toBe(t0); // nobody answered since the escalation
    store.addMessage(textMessage(t.id, '亲，我查一下', { at: t0 + 1000, from: 'agent' }));
    expect(store.summary(t.id)?.waitingSince).toBeNull();
    store.addMessage(textMessage(t.id, '好了吗', { at: t0 + 2000 }));
    store.addMessage(textMessage(t.id, '？？', { at: t0 + 3000 }));
    expect(store.summary(t.id)?.waitingSince).toBe(t0 + 2000);
    // a hub snapshot with the agent's reply this store had not seen ends the wait
    store.upsertTicket({ ...t, messages: [textMessage(t.id, '已经发出了', { id: 'm-late', at: t0 + 4000, from: 'agent' })] });
    expect(store.summary(t.id)?.waitingSince).toBeNull();
  });

  it('fills waiting_since for tickets stored before the column existed', () => {
    const db = openDatabase(':memory:');
    const cipher = PiiCipher.ephemeral();
    const store = new TicketStore(db, cipher);
    const t0 = Date.now();
    store.upsertTicket(ticket({ id: 'old', createdAt: t0 }));
    store.addMessage(textMessage('old', '亲', { at: t0 + 1000, from: 'agent' }));
    store.addMessage(textMessage('old', '尺码偏大吗', { at: t0 + 2000 }));
    // back to the schema before version 5
    db.exec(
      "ALTER TABLE tickets DROP COLUMN waiting_since; ALTER TABLE messages DROP COLUMN sealed; DELETE FROM schema_migrations WHERE feature = 'tickets' AND version >= 5",
    );
    const reopened = new TicketStore(db, cipher);
    expect(reopened.summary('old')?.waitingSince).toBe(t0 + 2000);
  });
});
