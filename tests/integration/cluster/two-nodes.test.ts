// Two hub nodes on one real Redis: an event produced on one node reaches an agent connected to the
// other live; a client that moves to the other node resumes from its seq; the timer lease has one
// holder and is taken over when that node goes away.
import { describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import type { RedisHubStore } from '../../../src/hub/store/redis';
import { TicketFactory } from '../../../src/simulator/factory';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { connectAs, until } from '../hub/helpers';
import { clusterFixture } from './nodes';

if (!redisAvailable()) console.warn(`cluster tests skipped: ${REDIS_MISSING}`);

describe.skipIf(!redisAvailable())('two hub nodes on one Redis', () => {
  const cluster = clusterFixture();
  const factory = new TicketFactory(31, { media: false });

  it('delivers an event produced on node a to the agent on node b, and replays on a after moving', async () => {
    const hubs = await cluster.nodes(2);
    const [a, b] = hubs as [RunningHub, RunningHub];
    const onB = await connectAs(b, 'agent8');
    await until(
      async () => {
        await a.cluster!.refresh();
        return a.core.isOnline('agent8');
      },
      8000,
      'agent8 visible on node a',
    );
    const t1 = factory.next(Date.now(), 'tracking');
    const r = await a.core.escalate(t1.ticket);
    expect(r.assignedTo).toBe('agent8');
    const ev = await onB.waitFor('ticket:assigned', (p) => p.ticket.id === t1.ticket.id);
    expect(ev.seq).toBe(1);
    await a.core.customerMessage(t1.ticket.id, { kind: 'text', text: '在吗' });
    await onB.waitFor('ticket:message');
    const last = Math.max(...onB.seqs());
    onB.close();

    // meanwhile, on node b: more for agent8
    await b.core.customerMessage(t1.ticket.id, { kind: 'text', text: '还在吗' });
    await b.core.customerMessage(t1.ticket.id, { kind: 'text', text: '人呢' });
    const onA = await connectAs(a, 'agent8', { lastSeq: last });
    await onA.waitFor('ticket:message', (p) => p.message.text === '人呢');
    expect(onA.seqs()).toEqual([last + 1, last + 2]);
    // and live again from node b's side while connected to a
    await b.core.customerMessage(t1.ticket.id, { kind: 'text', text: '第四条' });
    await onA.waitFor('ticket:message', (p) => p.message.text === '第四条');
    expect(onA.seqs()).toEqual([last + 1, last + 2, last + 3]);
    onA.close();
  });

  it('runs cluster timers on exactly one node and hands the lease over when it leaves', async () => {
    const hubs = await cluster.nodes(2);
    const [a, b] = hubs as [RunningHub, RunningHub];
    await until(() => [a, b].filter((h) => h.cluster!.leader).length === 1, 8000, 'one lease holder');
    const holder = a.cluster!.leader ? a : b;
    const other = holder === a ? b : a;
    await holder.close();
    await until(() => other.cluster!.leader, 10_000, 'takeover');
  });

  it('re-routes the tickets of an agent whose node died, after the grace period, from another node', async () => {
    const hubs = await cluster.nodes(2, { graceMs: 300 });
    const [a, b] = hubs as [RunningHub, RunningHub];
    const c8 = await connectAs(a, 'agent8');
    const t = factory.next(Date.now(), 'tracking');
    expect((await a.core.escalate(t.ticket)).assignedTo).toBe('agent8');
    await c8.waitFor('ticket:assigned');
    const c5 = await connectAs(b, 'agent5');
    // node a goes away without its agent coming back anywhere
    c8.close();
    await a.close();
    await until(
      async () => (await b.store.getTicketHead(t.ticket.id))?.assignedTo === 'agent5',
      15_000,
      'ticket re-routed to agent5 on node b',
    );
    await c5.waitFor('ticket:assigned', (p) => p.ticket.id === t.ticket.id);
    c5.close();
  });

  it('forgets a dead node’s entry for an agent as soon as they are live on another node', async () => {
    // What a SIGKILLed node leaves behind: its entry for agent8, last seen two minutes ago. Kept while
    // agent8 works on node b, it would make their next short disconnect from b look like an absence
    // of two minutes, and the lease holder re-routed at once (soak: closes refused as FORBIDDEN).
    const hubs = await cluster.nodes(2, { graceMs: 60_000 });
    const [, b] = hubs as [RunningHub, RunningHub];
    const store = b.store as RedisHubStore;
    const fields = async () => Object.keys(await store.client.hGetAll(store.keys.presence));
    await store.client.hSet(
      store.keys.presence,
      'agent8\u0001killed-node',
      JSON.stringify({ status: 'online', seen: Date.now() - 120_000 }),
    );
    const onB = await connectAs(b, 'agent8');
    await until(
      async () => !(await fields()).includes('agent8\u0001killed-node'),
      10_000,
      'the dead node’s entry forgotten',
    );
    expect(await fields()).toContain('agent8\u0001b');
    onB.close();
  });
});
