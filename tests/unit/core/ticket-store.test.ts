import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/database';
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
});
