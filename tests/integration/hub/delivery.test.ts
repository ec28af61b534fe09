// Delivery guarantees: per-user seq, replay after disconnect with nothing missed or doubled, and
// idempotent commands (the same key twice → one effect, the original ack).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { TicketFactory } from '../../../src/simulator/factory';
import { serverEventSchemas, type ServerEventName } from '../../../src/shared/hub-protocol';
import { TestClient, connectAs, login, sleep, testHub, until } from './helpers';
import { outcome } from '../../support/fixtures';

let hub: RunningHub;
const factory = () => new TicketFactory(11, { media: false });

beforeEach(async () => {
  hub = await testHub({ kbSeedDir: false, graceMs: 60_000 });
});
afterEach(async () => {
  await hub.close();
});

function expectValidStrictSeq(c: TestClient, from = 1) {
  const seqd = c.events.filter((e) => typeof e.payload?.seq === 'number');
  seqd.forEach((e, i) => {
    expect(e.payload.seq).toBe(from + i);
    expect(serverEventSchemas[e.name as ServerEventName].safeParse(e.payload).success, e.name).toBe(true);
  });
}

describe('replay log', () => {
  it('replays everything missed while offline, in order, nothing doubled', async () => {
    const f = factory();
    const a = await connectAs(hub, 'agent8');
    const t1 = f.next(Date.now(), 'tracking');
    const t2 = f.next(Date.now(), 'invoice');
    await hub.core.escalate(t1.ticket);
    await hub.core.escalate(t2.ticket);
    await a.waitFor('ticket:assigned', (p) => p.ticket.id === t2.ticket.id);
    const seenBefore = a.seqs();
    const lastSeq = Math.max(...seenBefore);
    a.close();
    await until(() => !hub.core.isOnline('agent8'), 3000, 'offline');

    // while offline: customer messages, an AI action, a conversion (all for agent8's tickets)
    for (let i = 0; i < 5; i++)
      await hub.core.customerMessage(t1.ticket.id, { kind: 'text', text: `在吗 ${i}` });
    await hub.core.aiAction(t2.ticket.id, {
      id: 'late-1',
      actor: { kind: 'ai', id: 'ai-x', name: '售后Agent' },
      type: 'escalate',
      params: {},
      summary: '升级',
    });
    await hub.core.convertOrder(t1.ticket.id, 'o-1', undefined, 99);
    const head = await hub.store.headSeq('agent8');
    expect(head).toBe(lastSeq + 7);

    const b = await connectAs(hub, 'agent8', { lastSeq });
    const replayed = b.seqs();
    expect(replayed).toEqual(Array.from({ length: 7 }, (_, i) => lastSeq + 1 + i));
    expect(b.of('ticket:message').map((m) => m.message.text)).toEqual([
      '在吗 0',
      '在吗 1',
      '在吗 2',
      '在吗 3',
      '在吗 4',
    ]);
    // live events continue the same sequence
    await hub.core.customerMessage(t1.ticket.id, { kind: 'text', text: '继续' });
    await b.waitFor('ticket:message', (p) => p.message.text === '继续');
    expect(b.seqs()).toEqual(Array.from({ length: 8 }, (_, i) => lastSeq + 1 + i));
    expectValidStrictSeq(b, lastSeq + 1);
    b.close();
  });

  it('resumes from the handshake lastSeq without session:resume', async () => {
    const f = factory();
    const a = await connectAs(hub, 'agent8');
    await hub.core.escalate(f.next(Date.now(), 'tracking').ticket);
    await a.waitFor('ticket:assigned');
    a.close();
    await until(() => !hub.core.isOnline('agent8'), 3000, 'offline');
    await hub.core.escalate(f.next(Date.now(), 'tracking').ticket);
    const token = (await login(hub, 'agent8')).body.token;
    const b = new TestClient(hub.url, { token, lastSeq: 1 });
    await b.connected();
    await b.waitFor('ticket:assigned');
    expect(b.seqs()).toEqual([2]);
    b.close();
  });

  it('sends nothing to a socket before it resumes, then everything from 1', async () => {
    const f = factory();
    const a = await connectAs(hub, 'agent8', { resume: false });
    await hub.core.escalate(f.next(Date.now(), 'tracking').ticket);
    await sleep(150);
    expect(a.seqs()).toEqual([]);
    const r = await a.ok('session:resume', { lastSeq: 0 });
    expect(r).toEqual({ replayed: 1, headSeq: 1 });
    expect(a.seqs()).toEqual([1]);
    a.close();
  });

  it('survives many disconnect/reconnect cycles with an exact, gap-free sequence', async () => {
    const f = factory();
    let last = 0;
    const seen: number[] = [];
    const ticket = f.next(Date.now(), 'tracking').ticket;
    let c = await connectAs(hub, 'agent8');
    await hub.core.escalate(ticket);
    for (let cycle = 0; cycle < 15; cycle++) {
      // events keep flowing while the client drops and comes back
      const pump = (async () => {
        for (let i = 0; i < 4; i++)
          await hub.core.customerMessage(ticket.id, { kind: 'text', text: `c${cycle}-${i}` });
      })();
      await sleep(cycle % 3);
      for (const s of c.seqs())
        if (s > last) {
          seen.push(s);
          last = s;
        }
      c.close();
      await pump;
      c = await connectAs(hub, 'agent8', { lastSeq: last });
    }
    await sleep(50);
    for (const s of c.seqs())
      if (s > last) {
        seen.push(s);
        last = s;
      }
    c.close();
    const head = await hub.store.headSeq('agent8');
    expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  });
});

describe('idempotent commands', () => {
  async function setup() {
    const a = await connectAs(hub, 'agent8');
    const gen = factory().next(Date.now(), 'return_request');
    await hub.core.escalate(gen.ticket);
    await a.waitFor('ticket:assigned');
    return { a, ticketId: gen.ticket.id, intent: gen.ticket.intent };
  }

  it('ticket:reply with the same clientMsgId twice → one message, original ack', async () => {
    const { a, ticketId } = await setup();
    const input = { ticketId, clientMsgId: 'cm-1', body: { kind: 'text' as const, text: '亲，已为您处理' } };
    const first = await a.ok('ticket:reply', input);
    const second = await a.ok('ticket:reply', input);
    const third = await a.ok('ticket:reply', {
      ...input,
      body: { kind: 'text' as const, text: '不同的正文' },
    });
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ message: first.message, duplicate: true });
    expect(third.message.id).toBe(first.message.id);
    const t = await hub.store.getTicket(ticketId);
    expect(t!.messages.filter((m) => m.clientMsgId === 'cm-1')).toHaveLength(1);
    expect(t!.status).toBe('active');
    a.close();
  });

  it('concurrent duplicates (retries racing) still apply once', async () => {
    const { a, ticketId } = await setup();
    const input = { ticketId, clientMsgId: 'cm-race', body: { kind: 'text' as const, text: '并发' } };
    const results = await Promise.all(Array.from({ length: 8 }, () => a.ok('ticket:reply', input)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    a.close();
  });

  it('ticket:accept, ticket:action, ticket:outcome are applied once per key', async () => {
    const { a, ticketId, intent } = await setup();
    expect(await a.ok('ticket:accept', { ticketId, idempotencyKey: 'acc-1' })).toEqual({ status: 'active' });
    expect(await a.ok('ticket:accept', { ticketId, idempotencyKey: 'acc-1' })).toEqual({ status: 'active' });
    const act = {
      ticketId,
      idempotencyKey: 'act-1',
      type: 'escalate' as const,
      params: {},
      summary: '升级主管',
    };
    const a1 = await a.ok('ticket:action', act);
    const a2 = await a.ok('ticket:action', act);
    expect(a2.action.id).toBe(a1.action.id);
    expect((await hub.store.listActions(ticketId)).filter((x) => x.actor.kind === 'human')).toHaveLength(1);

    const closed = outcome({
      idempotencyKey: 'out-1',
      ticketId,
      agentId: 'agent8',
      intent,
      handleTimeMs: 120_000,
      firstResponseMs: 8000,
      messagesSent: 2,
      tags: ['退货'],
      csat: 5,
    });
    expect(await a.ok('ticket:outcome', closed)).toEqual({ duplicate: false });
    expect(await a.ok('ticket:outcome', closed)).toEqual({ duplicate: true });
    expect(await a.ok('ticket:outcome', closed)).toEqual({ duplicate: true });
    const lead = await connectAs(hub, 'lead1');
    expect((await lead.ok('metrics:get', {})).outcomes).toBe(1);
    expect((await hub.store.getTicketHead(ticketId))!.status).toBe('resolved');
    // a different key for a closed ticket is refused, not silently applied
    const again = await a.cmd('ticket:outcome', { ...closed, idempotencyKey: 'out-2' });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    expect(a.of('ticket:status').map((s) => s.status)).toEqual(['resolved']);
    a.close();
    lead.close();
  });

  it('a reply to a ticket that was reassigned meanwhile is refused as CONFLICT/FORBIDDEN, not lost silently', async () => {
    const { a, ticketId } = await setup();
    const b = await connectAs(hub, 'agent5');
    await a.ok('ticket:transfer', {
      ticketId,
      idempotencyKey: 'tr-1',
      toAgentId: 'agent5',
      reason: '转专员',
    });
    const r = await a.cmd('ticket:reply', {
      ticketId,
      clientMsgId: 'late',
      body: { kind: 'text', text: '晚到的回复' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && ['FORBIDDEN', 'CONFLICT']).toContain(!r.ok && r.error.code);
    expect(a.of('ticket:revoked')[0]).toMatchObject({ ticketId, reason: '转专员' });
    await b.waitFor('ticket:assigned', (p) => p.ticket.id === ticketId);
    a.close();
    b.close();
  });
});
