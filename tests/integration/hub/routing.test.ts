/* eslint-disable @typescript-eslint/no-explicit-any -- event payloads here are checked by the assertions, not the type system */
// Routing behaviour against a real hub: skill match wins, full agents queue by priority, re-route
// after the disconnect grace period, transfers, SLA re-prioritisation, and lead visibility.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import type { SeedUser } from '../../../src/hub/auth/users';
import { TicketFactory } from '../../../src/simulator/factory';
import type { Intent, Outcome } from '../../../src/shared/domain';
import { connectAs, sleep, testHub, until } from './helpers';
import { outcome } from '../../support/fixtures';

const USERS: SeedUser[] = [
  {
    id: 'logi',
    username: 'logi',
    name: '物流专员',
    role: 'agent',
    skills: ['tracking', 'delivery_exception'],
    capacity: 2,
  },
  {
    id: 'money',
    username: 'money',
    name: '发票专员',
    role: 'agent',
    skills: ['invoice', 'payment_issue'],
    capacity: 2,
  },
  { id: 'lead1', username: 'lead1', name: '组长', role: 'lead', skills: [], capacity: 5 },
];

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

function ticket(f: TicketFactory, intent: Intent, priority?: number) {
  const g = f.next(Date.now(), intent);
  g.ticket.aiActions = [];
  if (priority) g.ticket.priority = priority;
  return g.ticket;
}

function outcomeFor(ticketId: string, agentId: string, intent: Intent, key: string): Outcome {
  return outcome({
    idempotencyKey: key,
    ticketId,
    agentId,
    intent,
    handleTimeMs: 60_000,
    firstResponseMs: 5000,
    messagesSent: 1,
  });
}

describe('routing', () => {
  it('sends each ticket to the agent whose skills match, and records why', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false });
    const f = new TicketFactory(21, { media: false });
    const logi = await connectAs(hub, 'logi');
    const money = await connectAs(hub, 'money');
    const lead = await connectAs(hub, 'lead1');
    const t1 = ticket(f, 'invoice');
    const t2 = ticket(f, 'tracking');
    expect((await hub.core.escalate(t1)).assignedTo).toBe('money');
    expect((await hub.core.escalate(t2)).assignedTo).toBe('logi');
    const assigned = await money.waitFor('ticket:assigned');
    expect(assigned.assignment.agentId).toBe('money');
    expect(assigned.assignment.factors.skill).toBeGreaterThan(0);
    expect(Object.keys(assigned.assignment.weights).sort()).toEqual(['idle', 'load', 'resolution', 'skill']);
    const why = await lead.ok('ticket:assignments', { ticketId: t1.id });
    expect(why.assignments).toHaveLength(1);
    expect(why.assignments[0]!.candidates.map((c) => c.agentId)).toEqual(['money', 'logi']);
    expect(why.assignments[0]!.candidates[0]!.total).toBeGreaterThan(
      why.assignments[0]!.candidates[1]!.total,
    );
    for (const c of [logi, money, lead]) c.close();
  });

  it('queues by priority when every agent is full, and drains most urgent first', async () => {
    hub = await testHub({ users: USERS.slice(0, 1), kbSeedDir: false });
    const f = new TicketFactory(22, { media: false });
    const logi = await connectAs(hub, 'logi');
    const a = ticket(f, 'tracking', 3);
    const b = ticket(f, 'tracking', 3);
    await hub.core.escalate(a);
    await hub.core.escalate(b);
    // full now (capacity 2): these wait, in priority order regardless of arrival
    const low = ticket(f, 'tracking', 4);
    const urgent = ticket(f, 'delivery_exception', 1);
    const mid = ticket(f, 'tracking', 2);
    for (const t of [low, urgent, mid]) expect((await hub.core.escalate(t)).assignedTo).toBeNull();
    const queued = await hub.store.listTicketHeads({ statuses: ['escalated'] });
    expect(queued.map((q) => q.id)).toEqual([urgent.id, mid.id, low.id]);

    await logi.ok('ticket:outcome', outcomeFor(a.id, 'logi', 'tracking', 'o-a'));
    await logi.waitFor('ticket:assigned', (p) => p.ticket.id === urgent.id);
    expect((await hub.store.getTicketHead(mid.id))!.status).toBe('escalated');
    await logi.ok('ticket:outcome', outcomeFor(b.id, 'logi', 'tracking', 'o-b'));
    await logi.waitFor('ticket:assigned', (p) => p.ticket.id === mid.id);
    expect((await hub.store.getTicketHead(low.id))!.status).toBe('escalated');
    logi.close();
  });

  it('re-routes a disconnected agent’s tickets after the grace period, not before', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false, graceMs: 1200 });
    const f = new TicketFactory(23, { media: false });
    const logi = await connectAs(hub, 'logi');
    const t = ticket(f, 'tracking');
    expect((await hub.core.escalate(t)).assignedTo).toBe('logi');
    await logi.waitFor('ticket:assigned');
    const lastSeq = Math.max(...logi.seqs());
    const money = await connectAs(hub, 'money');

    // a short blip inside the grace period keeps the ticket
    logi.close();
    await sleep(150);
    const back = await connectAs(hub, 'logi', { lastSeq });
    await sleep(1300);
    expect((await hub.store.getTicketHead(t.id))!.assignedTo).toBe('logi');

    back.close();
    await money.waitFor('ticket:assigned', (p) => p.ticket.id === t.id, 6000);
    const head = await hub.store.getTicketHead(t.id);
    expect(head).toMatchObject({ status: 'assigned', assignedTo: 'money' });
    // the old agent learns about it on resume
    const again = await connectAs(hub, 'logi', { lastSeq });
    const revoked = await again.waitFor('ticket:revoked', (p) => p.ticketId === t.id);
    // with a code the workstation words in its own language, beside the hub's Chinese
    expect(revoked).toMatchObject({ code: 'agent_away', reason: '坐席离线超过宽限期，工单已转派' });
    again.close();
    money.close();
  });

  it('re-queues when nobody can take a re-routed ticket, then assigns when someone comes online', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false, graceMs: 100 });
    const f = new TicketFactory(24, { media: false });
    const logi = await connectAs(hub, 'logi');
    const t = ticket(f, 'tracking');
    await hub.core.escalate(t);
    logi.close();
    await until(async () => (await hub!.store.getTicketHead(t.id))!.status === 'escalated', 3000, 're-queue');
    const money = await connectAs(hub, 'money');
    await money.waitFor('ticket:assigned', (p) => p.ticket.id === t.id);
    money.close();
  });

  it('accepts a late close from the agent who last held a re-queued ticket, not once someone else took it', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false, graceMs: 100 });
    const f = new TicketFactory(26, { media: false });
    const logi = await connectAs(hub, 'logi');
    const kept = ticket(f, 'tracking');
    const taken = ticket(f, 'tracking');
    await hub.core.escalate(kept);
    await hub.core.escalate(taken);
    logi.close(); // away longer than the grace period: both tickets go back to the queue
    for (const t of [kept, taken])
      await until(
        async () => (await hub!.store.getTicketHead(t.id))!.status === 'escalated',
        3000,
        're-queue',
      );
    const closeAs = (ticketId: string, key: string) =>
      hub!.core.outcome(
        { id: 'logi', role: 'agent', name: 'logi' },
        outcome({
          idempotencyKey: key,
          ticketId,
          agentId: 'logi',
          intent: 'tracking',
          handleTimeMs: 60_000,
          firstResponseMs: 5_000,
          messagesSent: 1,
          note: '离线处理',
        }),
      );
    // Nobody else is online: the queued ticket is handed back and the late close applies.
    expect(await closeAs(kept.id, 'late-kept')).toMatchObject({ ok: true, data: { duplicate: false } });
    expect(await hub.store.getTicketHead(kept.id)).toMatchObject({ status: 'resolved', assignedTo: 'logi' });

    // Once a colleague has taken the other ticket, logi's late close of it is refused.
    const money = await connectAs(hub, 'money');
    await money.waitFor('ticket:assigned', (p) => p.ticket.id === taken.id);
    expect(await closeAs(taken.id, 'late-taken')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await hub.store.getTicketHead(taken.id))!.assignedTo).toBe('money');
    money.close();
  });

  it('routes nothing to an agent who connects on a break, until they take tickets again', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false });
    const f = new TicketFactory(25, { media: false });
    const logi = await connectAs(hub, 'logi', { status: 'away' });
    const t = ticket(f, 'tracking');
    expect((await hub.core.escalate(t)).assignedTo).toBeNull(); // queued, not given to the agent on a break
    await sleep(100);
    expect(logi.of('ticket:assigned')).toHaveLength(0);
    expect(await logi.ok('agent:status', { status: 'online' })).toEqual({ status: 'online' });
    await logi.waitFor('ticket:assigned', (p) => p.ticket.id === t.id);
    // busy works the same way: nothing new while busy
    await logi.ok('agent:status', { status: 'busy' });
    expect((await hub.core.escalate(ticket(f, 'delivery_exception'))).assignedTo).toBeNull();
    expect(await logi.cmd('agent:status', { status: 'asleep' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    logi.close();
  });

  it('transfers to a named agent or to the best other one', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false });
    const f = new TicketFactory(25, { media: false });
    const logi = await connectAs(hub, 'logi');
    const money = await connectAs(hub, 'money');
    const t = ticket(f, 'tracking');
    await hub.core.escalate(t);
    const r = await logi.ok('ticket:transfer', {
      ticketId: t.id,
      idempotencyKey: 'x1',
      reason: '客户要开发票',
    });
    expect(r.toAgentId).toBe('money');
    await money.waitFor('ticket:assigned', (p) => p.ticket.id === t.id);
    // back, named
    const r2 = await money.ok('ticket:transfer', {
      ticketId: t.id,
      idempotencyKey: 'x2',
      toAgentId: 'logi',
      reason: '转回物流',
    });
    expect(r2.toAgentId).toBe('logi');
    await logi.waitFor('ticket:assigned', (p) => p.ticket.id === t.id);
    // an unknown target is refused and nothing moves
    const bad = await logi.cmd('ticket:transfer', {
      ticketId: t.id,
      idempotencyKey: 'x3',
      toAgentId: 'ghost',
      reason: '',
    });
    expect(!bad.ok && bad.error.code).toBe('NOT_FOUND');
    expect((await hub.store.getTicketHead(t.id))!.assignedTo).toBe('logi');
    const why = await hub.store.listAssignments(t.id);
    expect(why.map((w) => w.reason.agentId)).toEqual(['logi', 'money', 'logi']);
    logi.close();
    money.close();
  });

  it('raises the priority of a ticket whose SLA is breached and tells its agent', async () => {
    hub = await testHub({
      users: USERS,
      kbSeedDir: false,
      slaMs: { 1: 150, 2: 150, 3: 150, 4: 150 },
      slaSweepMs: 50,
    });
    const f = new TicketFactory(26, { media: false });
    const logi = await connectAs(hub, 'logi');
    const t = ticket(f, 'tracking', 4);
    t.slaDueAt = Date.now() + 150;
    await hub.core.escalate(t);
    const ev = await logi.waitFor('ticket:priority', (p) => p.ticketId === t.id, 3000);
    expect(ev.priority).toBe(3);
    expect(ev.reason).toMatch(/SLA/);
    const head = await hub.store.getTicketHead(t.id);
    expect(head!.slaBreached).toBe(true);
    logi.close();
  });

  it('sends team:snapshot to leads on change and periodically', async () => {
    hub = await testHub({ users: USERS, kbSeedDir: false, snapshotMs: 300 });
    const lead = await connectAs(hub, 'lead1');
    const logi = await connectAs(hub, 'logi');
    const snap = await lead.waitFor('team:snapshot', (p) =>
      p.agents.some((a: any) => a.id === 'logi' && a.online),
    );
    expect(snap.agents.find((a: any) => a.id === 'money')).toMatchObject({
      online: false,
      status: 'offline',
    });
    const n = lead.of('team:snapshot').length;
    await sleep(700);
    expect(lead.of('team:snapshot').length).toBeGreaterThan(n);
    expect(logi.of('team:snapshot')).toHaveLength(0);
    lead.close();
    logi.close();
  });
});
