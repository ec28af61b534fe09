// Property: escalations, accepts, transfers and closes issued at random to two hub nodes, in concurrent
// bursts, never assign a ticket to two agents, never put an agent over capacity, and every agent's
// replay log is gap-free and reaches their socket exactly once, in order, whichever node produced it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/hub/core';
import { TicketFactory } from '../../../src/simulator/factory';
import type { RedisHubStore } from '../../../src/hub/store/redis';
import { LOAD_STATUSES, OWNED_STATUSES } from '../../../src/hub/tickets/lifecycle';
import { outcome } from '../../support/fixtures';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { connectAs, until, type TestClient } from '../hub/helpers';
import { closeAll, clusterFixture, holdings, startNodes } from './nodes';

if (!redisAvailable()) console.warn(`cluster property test skipped: ${REDIS_MISSING}`);

const CAPACITY = 2;
const AGENTS = ['q1', 'q2', 'q3'];
const USERS = [
  ...AGENTS.map((id) => ({
    id,
    username: id,
    name: id,
    role: 'agent' as const,
    skills: [],
    capacity: CAPACITY,
  })),
  { id: 'lead', username: 'lead', name: '组长', role: 'lead' as const, skills: [], capacity: 1 },
];
const LEAD: Actor = { id: 'lead', role: 'lead', name: '组长' };

type Op =
  | { kind: 'escalate'; node: number }
  | { kind: 'accept' | 'transfer' | 'close'; node: number; ticket: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('escalate' as const), node: fc.nat(1) }) },
  ...(['accept', 'transfer', 'close'] as const).map((kind) => ({
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant(kind), node: fc.nat(1), ticket: fc.nat(11) }),
  })),
);

describe.skipIf(!redisAvailable())('two nodes under random interleavings', () => {
  const cluster = clusterFixture();

  it('never double-assigns, never exceeds capacity, never loses or doubles an event', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 6, maxLength: 24 }),
        fc.array(fc.nat(1), { minLength: AGENTS.length, maxLength: AGENTS.length }),
        fc.integer({ min: 1, max: 4 }),
        async (ops, homes, burst) => {
          const factory = new TicketFactory(1000 + run++, { media: false });
          const hubs = await startNodes(cluster.redis, 2, { users: USERS, graceMs: 60_000 });
          const clients = new Map<string, TestClient>();
          try {
            for (const [i, id] of AGENTS.entries()) clients.set(id, await connectAs(hubs[homes[i]!]!, id));
            await until(
              async () => {
                for (const h of hubs) await h.cluster!.refresh();
                return hubs.every((h) => AGENTS.every((id) => h.core.isOnline(id)));
              },
              10_000,
              'every agent visible on both nodes',
            );
            const tickets: string[] = [];
            const issue = async (op: Op) => {
              const hub = hubs[op.node]!;
              if (op.kind === 'escalate') {
                const g = factory.next(Date.now(), 'tracking');
                g.ticket.aiActions = [];
                tickets.push(g.ticket.id);
                return hub.core.escalate(g.ticket);
              }
              const id = tickets[op.ticket % Math.max(1, tickets.length)];
              if (!id) return;
              const head = await hub.store.getTicketHead(id);
              const holder = head?.assignedTo;
              const agent: Actor | undefined = holder
                ? { id: holder, role: 'agent', name: holder }
                : undefined;
              if (op.kind === 'accept' && agent)
                return hub.core.accept(agent, { ticketId: id, idempotencyKey: `acc-${op.node}` });
              if (op.kind === 'transfer')
                return hub.core.transfer(LEAD, {
                  ticketId: id,
                  idempotencyKey: `tr-${Math.random()}`,
                  reason: '',
                });
              if (op.kind === 'close' && holder)
                return hub.core.outcome(
                  LEAD,
                  outcome({
                    idempotencyKey: `o-${id}-${op.node}`,
                    ticketId: id,
                    agentId: holder,
                    intent: 'tracking',
                  }),
                );
            };
            // bursts of concurrent commands to both nodes: the races a cluster sees
            for (let i = 0; i < ops.length; i += burst) await Promise.all(ops.slice(i, i + burst).map(issue));
            await Promise.all(hubs.map((h) => h.core.idle()));

            const store = hubs[0]!.store as RedisHubStore;
            const heads = await store.listTicketHeads({});
            // 1) the log: gap-free per agent, and the socket got exactly that, in order
            for (const id of AGENTS) {
              const head = await store.headSeq(id);
              const log = await store.eventsAfter(id, 0, 10_000);
              expect(log.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
              const c = clients.get(id)!;
              await until(() => c.seqs().length >= head, 10_000, `${id} receives all ${head} events`);
              expect(c.seqs()).toEqual(Array.from({ length: head }, (_, i) => i + 1));
              // 2) capacity, after every event the agent saw
              const held = holdings(c.events);
              for (const h of held) expect(h.size).toBeLessThanOrEqual(CAPACITY);
            }
            // 3) no ticket held by two agents; the holder is the store's assignee
            const finalHeld = new Map(
              AGENTS.map((id) => [id, holdings(clients.get(id)!.events).at(-1) ?? new Set()]),
            );
            for (const h of heads) {
              const holders = AGENTS.filter((id) => finalHeld.get(id)!.has(h.id));
              expect(holders.length).toBeLessThanOrEqual(1);
              if (OWNED_STATUSES.includes(h.status)) expect(holders).toEqual([h.assignedTo]);
              else expect(holders).toEqual([]);
            }
            // 4) the load counters the commit script checks match the tickets
            const loads = await store.agentLoads();
            for (const id of AGENTS) {
              const n = heads.filter((h) => h.assignedTo === id && LOAD_STATUSES.includes(h.status)).length;
              expect(loads.get(id) ?? 0).toBe(n);
              expect(n).toBeLessThanOrEqual(CAPACITY);
            }
          } finally {
            for (const c of clients.values()) c.close();
            await closeAll(hubs);
          }
        },
      ),
      { numRuns: 8, endOnFailure: true },
    );
  }, 240_000);
});
