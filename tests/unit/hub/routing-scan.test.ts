// The hub's ranking (rankFor: a scan of the roster by slot, scoring the best skill level first and
// stopping once no one of a lower level can make the top few) against the reference: rankAgents over
// every candidate. The state is plain data in the shape the hub keeps; the roster's invalidation on a
// running hub is covered in tests/integration/hub/routing-roster.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HubContext, Presence } from '../../../src/hub/context';
import { candidates, rankFor } from '../../../src/hub/routing/candidates';
import { queuePressure, rankAgents } from '../../../src/hub/routing/score';
import type { UserRecord } from '../../../src/hub/store/types';
import type { Intent } from '../../../src/shared/domain';
import { INTENT_IDS } from '../../../src/shared/intents';

// a few intents of two categories (logistics, aftersale) and one other, so every skill level is common
const INTENTS: Intent[] = [
  'tracking',
  'shipping_time',
  'address_change',
  'invoice',
  'refund_progress',
  'coupon_inquiry',
];
const NOW = 1_700_000_000_000;

interface AgentSpec {
  skills: Intent[];
  capacity: number;
  load: number;
  /** an agent status, or no presence record at all, or a record whose sockets have all gone */
  presence: 'online' | 'away' | 'busy' | 'none' | 'no-sockets';
  idleMs: number;
  history: [resolved: number, total: number] | undefined;
  disabled: boolean;
}

const agentArb: fc.Arbitrary<AgentSpec> = fc.record({
  skills: fc.subarray(INTENTS, { maxLength: 3 }),
  capacity: fc.integer({ min: 0, max: 4 }),
  load: fc.integer({ min: 0, max: 5 }),
  presence: fc.constantFrom(
    ...(['online', 'online', 'online', 'away', 'busy', 'none', 'no-sockets'] as const),
  ),
  // few distinct values, so equal totals (the tie-breaks) are common
  idleMs: fc.constantFrom(0, 30_000, 600_000),
  history: fc.option(fc.constantFrom<[number, number]>([1, 2], [5, 5], [0, 3], [7, 9]), { nil: undefined }),
  disabled: fc.constantFrom(false, false, false, false, true),
});

function contextOf(agents: AgentSpec[], intent: Intent): HubContext {
  const users = new Map<string, UserRecord>();
  const presence = new Map<string, Presence>();
  const load = new Map<string, number>();
  const byAgent = new Map<string, { resolved: number; total: number }>();
  users.set('lead', {
    id: 'lead',
    username: 'lead',
    name: 'lead',
    role: 'lead',
    skills: [],
    capacity: 9,
    passwordHash: null,
    createdAt: 0,
  });
  agents.forEach((a, i) => {
    const id = `agent${String(i).padStart(2, '0')}`;
    users.set(id, {
      id,
      username: id,
      name: id,
      role: 'agent',
      skills: a.skills,
      capacity: a.capacity,
      passwordHash: null,
      createdAt: 0,
      ...(a.disabled ? { disabled: true } : {}),
    });
    if (a.load) load.set(id, a.load);
    if (a.presence !== 'none')
      presence.set(id, {
        sinks: new Set(a.presence === 'no-sockets' ? [] : [{}]) as unknown as Presence['sinks'],
        status: a.presence === 'no-sockets' ? 'online' : a.presence,
        lastAssignedAt: NOW - a.idleMs,
      });
    if (a.history) byAgent.set(id, { resolved: a.history[0]!, total: a.history[1]! });
  });
  return { users, presence, load, resolution: new Map([[intent, byAgent]]) } as unknown as HubContext;
}

describe('rankFor (the hub scan) ranks as rankAgents over every candidate', () => {
  it('same top k, same explanations, for any agents, intent, queue, exclusion and k', () => {
    const realNow = Date.now;
    Date.now = () => NOW;
    try {
      fc.assert(
        fc.property(
          fc.array(agentArb, { minLength: 0, maxLength: 60 }),
          fc.constantFrom(...INTENTS),
          fc.integer({ min: 0, max: 80 }),
          fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
          fc.integer({ min: 1, max: 8 }),
          (agents, intent, queued, excluded, k) => {
            const ctx = contextOf(agents, intent);
            const exclude = excluded === undefined ? undefined : `agent${String(excluded).padStart(2, '0')}`;
            const { cands, free } = candidates(ctx, exclude, intent);
            const reference = rankAgents(cands, intent, queuePressure(queued, free), k);
            expect(rankFor(ctx, intent, queued, exclude, k)).toEqual(reference);
          },
        ),
        { numRuns: 400 },
      );
    } finally {
      Date.now = realNow;
    }
  });

  it('covers every intent of the product (skill levels from its categories)', () => {
    const ctx = contextOf(
      INTENT_IDS.map((s, i) => ({
        skills: [s],
        capacity: 3,
        load: i % 3,
        presence: 'online',
        idleMs: 0,
        history: undefined,
        disabled: false,
      })),
      'tracking',
    );
    for (const intent of INTENT_IDS) {
      const { cands, free } = candidates(ctx, undefined, intent);
      expect(rankFor(ctx, intent, 2, undefined, 5)).toEqual(
        rankAgents(cands, intent, queuePressure(2, free), 5),
      );
    }
  });

  // The stop rule at its edges (no queue: weights skill .45, load .25, resolution .2, idle .1).
  const one = (skills: Intent[], load: number, idleMs: number, history?: [number, number]): AgentSpec => ({
    skills,
    capacity: 5,
    load,
    presence: 'online',
    idleMs,
    history,
    disabled: false,
  });
  const best = (agents: AgentSpec[]) => {
    const realNow = Date.now;
    Date.now = () => NOW;
    try {
      return rankFor(contextOf(agents, 'tracking'), 'tracking', 0, undefined, 1)[0]?.agentId;
    } finally {
      Date.now = realNow;
    }
  };

  it('scores the next level when the best so far only equals its ceiling (a tie goes to lower load)', () => {
    // agent00, exact: .45 + .25 × 1/5 + .14 (prior) + .1 × .3 = .67; agent01, same category, no load
    // and idle 5 minutes: .18 + .25 + .14 + .1 = .67, the most its level can score, and less load
    expect(best([one(['tracking'], 4, 90_000), one(['shipping_time'], 0, 300_000)])).toBe('agent01');
  });

  it('with resolution history, the ceiling counts a perfect rate, not the prior', () => {
    // agent00, exact: .45 + .25 × 2/5 + .14 = .69, above .67 (the level below at the prior); agent01,
    // same category with 20 of 20 resolved: .18 + .25 + .2 × .94 + .1 = .718
    expect(best([one(['tracking'], 3, 0), one(['shipping_time'], 0, 300_000, [20, 20])])).toBe('agent01');
  });
});
