/* eslint-disable @typescript-eslint/no-explicit-any -- event payloads here are checked by the assertions */
// The socket side under abuse (issue 12): rate limits with retry-after, the per-user socket cap, the
// current user record on every command (disabled/demoted users dropped at once), a lead's transfer
// being final, the per-ticket message cap with paged snapshots, and paged kb:pull.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import type { SeedUser } from '../../../src/hub/auth/users';
import { TicketFactory } from '../../../src/simulator/factory';
import { MAX_TICKET_MESSAGES, SNAPSHOT_MESSAGES } from '../../../src/shared/hub-protocol';
import { TestClient, connectAs, testHub, until } from './helpers';
import { textMessage } from '../../support/fixtures';

const USERS: SeedUser[] = [
  { id: 'logi', username: 'logi', name: '物流专员', role: 'agent', skills: ['tracking'], capacity: 3 },
  { id: 'other', username: 'other', name: '同事', role: 'agent', skills: ['tracking'], capacity: 3 },
  { id: 'lead1', username: 'lead1', name: '组长', role: 'lead', skills: [], capacity: 5 },
];

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const newTicket = (f: TicketFactory) => {
  const g = f.next(Date.now(), 'tracking');
  g.ticket.aiActions = [];
  return g.ticket;
};
const disconnected = (c: TestClient) =>
  new Promise<void>((resolve) =>
    c.socket.disconnected ? resolve() : c.socket.once('disconnect', () => resolve()),
  );

describe('flood control', () => {
  it('answers a flood with RATE_LIMITED and a retry-after, while another agent is served', async () => {
    hub = await testHub({
      users: USERS,
      kbSeedDir: false,
      commandLimits: {
        perSocket: { perSecond: 5, burstPer10s: 5 },
        perUser: { perSecond: 1000, burstPer10s: 0 },
      },
    });
    const flooder = await connectAs(hub, 'logi', { resume: false });
    const calm = await connectAs(hub, 'other', { resume: false });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => flooder.cmd('kb:pull', { sinceVersion: 0 })),
    );
    const limited = answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(20);
    expect((limited[0] as any).error.retryAfterMs).toBeGreaterThan(0);
    expect((limited[0] as any).error.message).toMatch(/retry in \d+ ms|in flight/);
    expect(await calm.ok('agent:status', { status: 'online' })).toEqual({ status: 'online' });
    expect(flooder.of('protocol:error')).toHaveLength(0); // refusals go to the acks only
  });

  it('caps sockets per user; a freed seat can be taken again', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false, commandLimits: { maxSocketsPerUser: 2 } });
    const token = hub.issueToken('logi').token;
    const a = new TestClient(hub.url, { token });
    const b = new TestClient(hub.url, { token });
    await a.connected();
    await b.connected();
    const c = new TestClient(hub.url, { token });
    const err = await c.connectError();
    expect(err.data).toMatchObject({ code: 'RATE_LIMITED' });
    expect(err.message).toMatch(/at most 2/);
    a.close();
    await until(() => hub!.core.isOnline('logi') && hub!.io.of('/').sockets.size === 1, 5000, 'a gone');
    const d = new TestClient(hub.url, { token });
    await d.connected();
    b.close();
    d.close();
  });
});

describe('the current user record, on every command', () => {
  it("drops a disabled user's sockets at once and refuses them afterwards", async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false });
    const logi = await connectAs(hub, 'logi');
    const token = hub.issueToken('logi').token;
    await hub.core.setUserAccess('logi', { disabled: true });
    await disconnected(logi);
    const again = new TestClient(hub.url, { token });
    expect((await again.connectError()).message).toMatch(/disabled/);
  });

  it('refuses the next command of a user demoted behind the hub’s back, and the sync drops them', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false, accessSyncMs: 60_000 });
    const lead = await connectAs(hub, 'lead1');
    expect((await lead.cmd('team:tickets', {})).ok).toBe(true);
    // What the hub CLI does from another process: change the stored record only.
    await hub.store.setUserAccess('lead1', { role: 'agent' });
    const r = await lead.cmd('team:tickets', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    await disconnected(lead);

    const other = await connectAs(hub, 'other');
    await hub.store.setUserAccess('other', { disabled: true });
    // both changes were made behind the hub's back; the sync finds both
    expect(await hub.core.syncUserAccess()).toEqual(['lead1', 'other']);
    await disconnected(other);
  });
});

describe("a lead's transfer is final for the agent it came from", () => {
  it("the former agent's late reply does not reclaim a ticket the lead sent to the queue", async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false });
    const f = new TicketFactory(31, { media: false });
    const logi = await connectAs(hub, 'logi');
    const lead = await connectAs(hub, 'lead1');
    const t = newTicket(f);
    expect((await hub.core.escalate(t)).assignedTo).toBe('logi');
    expect(
      await lead.ok('ticket:transfer', { ticketId: t.id, idempotencyKey: 'lead-move', reason: '重新分配' }),
    ).toEqual({
      toAgentId: null,
    });
    const late = await logi.cmd('ticket:reply', {
      ticketId: t.id,
      clientMsgId: 'late-1',
      body: { kind: 'text', text: '我还在处理' },
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await hub.store.getTicketHead(t.id)).toMatchObject({ status: 'escalated', assignedTo: null });
  });
});

describe('long tickets', () => {
  it('refuses messages past the cap and snapshots the recent part, paging the rest', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false });
    const f = new TicketFactory(32, { media: false });
    const t = newTicket(f);
    t.messages = Array.from({ length: MAX_TICKET_MESSAGES }, (_, i) =>
      textMessage(t.id, `第 ${i} 条`, { id: `${t.id}-m${i}`, at: t.createdAt + i }),
    );
    const logi = await connectAs(hub, 'logi');
    await hub.core.escalate(t);
    const assigned = await logi.waitFor('ticket:assigned', (p) => p.ticket.id === t.id);
    expect(assigned.ticket.messages).toHaveLength(SNAPSHOT_MESSAGES);
    expect(assigned.earlierMessages).toBe(MAX_TICKET_MESSAGES - SNAPSHOT_MESSAGES);
    expect(assigned.ticket.messages.at(-1).text).toBe(`第 ${MAX_TICKET_MESSAGES - 1} 条`);

    const page = await logi.ok('ticket:messages', {
      ticketId: t.id,
      before: assigned.earlierMessages,
      limit: 500,
    });
    expect(page.start).toBe(assigned.earlierMessages - 500);
    expect(page.messages[0]!).toMatchObject({ text: `第 ${page.start} 条` });
    expect((await logi.ok('ticket:messages', { ticketId: t.id, before: 3, limit: 500 })).start).toBe(0);

    const reply = await logi.cmd('ticket:reply', {
      ticketId: t.id,
      clientMsgId: 'c1',
      body: { kind: 'text', text: '好的' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((reply as any).error.message).toMatch(`limit of ${MAX_TICKET_MESSAGES} messages`);

    // and the ticket can still be reassigned (the snapshot always fits the protocol)
    const other = await connectAs(hub, 'other');
    const lead = await connectAs(hub, 'lead1');
    await lead.ok('ticket:transfer', {
      ticketId: t.id,
      idempotencyKey: 'mv',
      toAgentId: 'other',
      reason: '',
    });
    const moved = await other.waitFor('ticket:assigned', (p) => p.ticket.id === t.id);
    expect(moved.earlierMessages).toBe(MAX_TICKET_MESSAGES - SNAPSHOT_MESSAGES);
  });
});

describe('paged kb:pull', () => {
  it('pages a big delta and the pages add up to everything', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false });
    const docs = Array.from({ length: 25 }, (_, i) => ({
      id: `big-${String(i).padStart(2, '0')}`,
      tier: 'general' as const,
      title: `大文档 ${i}`,
      body: '知'.repeat(100_000),
      tags: [],
    }));
    await hub.core.publishKbNow(docs.slice(0, 12));
    await hub.core.publishKbNow(docs.slice(12), []);
    const logi = await connectAs(hub, 'logi', { resume: false });
    const seen: string[] = [];
    let after: { version: number; id: string } | undefined;
    let pages = 0;
    for (;;) {
      const r: any = await logi.cmd('kb:pull', { sinceVersion: 0, ...(after ? { after } : {}) });
      if (!r.ok) {
        // a big delta is paced: a well-behaved client waits the retry-after it was given
        expect(r.error.code).toBe('RATE_LIMITED');
        await new Promise((res) => setTimeout(res, r.error.retryAfterMs));
        continue;
      }
      const page = r.data;
      pages++;
      const chars = page.docs.reduce((n: number, d: any) => n + d.body.length, 0);
      expect(chars).toBeLessThanOrEqual(100_000);
      seen.push(...page.docs.map((d: any) => d.id));
      if (!page.next) {
        expect(page.version).toBe(2);
        break;
      }
      after = page.next;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(docs.map((d) => d.id));
  });
});
