// Property: replaying any command any number of times, in any interleaving, leaves the hub in the same
// state as applying each distinct command once, and every repeat gets the original answer.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import type { Actor, LiveSink } from '../../../src/hub/core';
import { TicketFactory } from '../../../src/simulator/factory';
import { testHub } from './helpers';
import { outcome } from '../../support/fixtures';

let hub: RunningHub;
const actor: Actor = { id: 'p1', role: 'agent', name: '属性测试' };
const sink: LiveSink = { id: 'sink', live: true, emit: () => undefined };
const factory = new TicketFactory(77, { media: false });

beforeAll(async () => {
  hub = await testHub({
    kbSeedDir: false,
    users: [{ id: 'p1', username: 'p1', name: '属性测试', role: 'agent', skills: [], capacity: 50 }],
  });
  hub.core.attach('p1', sink);
});
afterAll(async () => {
  await hub.close();
});

type Op =
  | { kind: 'reply'; key: number }
  | { kind: 'action'; key: number }
  | { kind: 'accept'; key: number }
  | { kind: 'outcome'; key: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('reply' as const), key: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('action' as const), key: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('accept' as const), key: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant('outcome' as const), key: fc.integer({ min: 0, max: 1 }) }),
);

it('duplicates and interleavings never double-apply', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(opArb, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 14 }),
      fc.boolean(),
      async (plan, concurrent) => {
        const g = factory.next(Date.now(), 'exchange');
        g.ticket.aiActions = [];
        const { assignedTo } = await hub.core.escalate(g.ticket);
        expect(assignedTo).toBe('p1');
        const id = g.ticket.id;
        const outcomesBefore = (await hub.store.metrics('exchange')).outcomes;
        const run = (op: Op) => {
          switch (op.kind) {
            case 'reply':
              return hub.core.reply(actor, {
                ticketId: id,
                clientMsgId: `c${op.key}`,
                body: { kind: 'text', text: `回复${op.key}` },
              });
            case 'action':
              return hub.core.action(actor, {
                ticketId: id,
                idempotencyKey: `a${op.key}`,
                type: 'escalate',
                params: {},
                summary: `动作${op.key}`,
              });
            case 'accept':
              return hub.core.accept(actor, { ticketId: id, idempotencyKey: `acc${op.key}` });
            case 'outcome': {
              const o = outcome({
                idempotencyKey: `${id}-o${op.key}`,
                ticketId: id,
                agentId: 'p1',
                intent: 'exchange',
                resolution: 'pending',
              });
              return hub.core.outcome(actor, o);
            }
          }
        };
        const expanded = plan.flatMap(([op, times]) => Array.from({ length: times }, () => op));
        const answers = concurrent
          ? await Promise.all(expanded.map(run))
          : await (async () => {
              const out = [];
              for (const op of expanded) out.push(await run(op));
              return out;
            })();

        // every successful repeat of a key answers like the first success (reply adds duplicate: true)
        const firstOk = new Map<string, unknown>();
        expanded.forEach((op, i) => {
          const a = answers[i]!;
          if (!a.ok) return;
          const k = `${op.kind}:${op.key}`;
          const data =
            op.kind === 'reply' || op.kind === 'outcome'
              ? { ...(a.data as object), duplicate: undefined }
              : a.data;
          if (!firstOk.has(k)) firstOk.set(k, data);
          else expect(data).toEqual(firstOk.get(k));
        });

        const t = (await hub.store.getTicket(id))!;
        const replyKeys = new Set(
          expanded.filter((o) => o.kind === 'reply' && answers[expanded.indexOf(o)]!.ok).map((o) => o.key),
        );
        const agentMsgs = t.messages.filter((m) => m.from === 'agent');
        expect(agentMsgs.map((m) => m.clientMsgId).sort()).toEqual(
          [...new Set(agentMsgs.map((m) => m.clientMsgId))].sort(),
        );
        expect(agentMsgs.length).toBe(new Set([...replyKeys].map((k) => `c${k}`)).size);
        const actionKeys = new Set(
          expanded.filter((o, i) => o.kind === 'action' && answers[i]!.ok).map((o) => o.key),
        );
        expect((await hub.store.listActions(id)).filter((a) => a.actor.kind === 'human')).toHaveLength(
          actionKeys.size,
        );
        const outcomeKeys = new Set(
          expanded.filter((o, i) => o.kind === 'outcome' && answers[i]!.ok).map((o) => o.key),
        );
        const stored = (await hub.store.metrics('exchange')).outcomes - outcomesBefore;
        expect(stored).toBe(outcomeKeys.size);
        // free the seat for the next run (capacity is finite)
        const done = await hub.core.outcome(actor, outcome({
          idempotencyKey: `${id}-close`,
          ticketId: id,
          agentId: 'p1',
          intent: 'exchange',
        }));
        expect(done.ok).toBe(true);
      },
    ),
    { numRuns: 200 },
  );
});
