import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE_WEIGHTS,
  PRESSURE_WEIGHTS,
  factorsFor,
  queuePressure,
  rankAgents,
  scoreAgent,
  skillMatch,
  smoothedResolution,
  weightsFor,
  type CandidateAgent,
} from '../../../src/hub/routing/score';

const agent = (id: string, over: Partial<CandidateAgent> = {}): CandidateAgent => ({
  id,
  skills: [],
  load: 0,
  capacity: 5,
  idleMs: 0,
  ...over,
});

describe('routing score', () => {
  it('skill: exact intent 1, same category 0.4, otherwise 0', () => {
    expect(skillMatch(['tracking'], 'tracking')).toBe(1);
    expect(skillMatch(['shipping_time'], 'tracking')).toBe(0.4);
    expect(skillMatch(['invoice'], 'tracking')).toBe(0);
  });

  it('a skilled agent beats an unskilled one at equal load', () => {
    const ranked = rankAgents(
      [agent('a', { skills: ['invoice'] }), agent('b', { skills: ['tracking'] })],
      'tracking',
      0,
    );
    expect(ranked.map((r) => r.agentId)).toEqual(['b', 'a']);
  });

  it('full agents are not candidates; lighter load wins among equals', () => {
    const ranked = rankAgents(
      [agent('full', { load: 5 }), agent('busy', { load: 3 }), agent('free', { load: 0 })],
      'tracking',
      0,
    );
    expect(ranked.map((r) => r.agentId)).toEqual(['free', 'busy']);
  });

  it('past resolution rate for the intent counts, smoothed by a prior', () => {
    expect(smoothedResolution(undefined)).toBeCloseTo(0.7);
    expect(smoothedResolution({ resolved: 20, total: 20 })).toBeGreaterThan(0.9);
    expect(smoothedResolution({ resolved: 0, total: 1 })).toBeGreaterThan(0.5);
    const ranked = rankAgents(
      [
        agent('poor', { resolution: { resolved: 1, total: 20 } }),
        agent('good', { resolution: { resolved: 19, total: 20 } }),
      ],
      'tracking',
      0,
    );
    expect(ranked[0]!.agentId).toBe('good');
  });

  it('weights shift from skill to load/idle as the queue fills, and always sum to 1', () => {
    expect(weightsFor(0)).toEqual(BASE_WEIGHTS);
    expect(weightsFor(5)).toEqual(PRESSURE_WEIGHTS);
    expect(weightsFor(1).skill).toBeLessThan(weightsFor(0).skill);
    expect(weightsFor(1).load).toBeGreaterThan(weightsFor(0).load);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (p) => {
        const w = weightsFor(p);
        expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
        for (const v of Object.values(w)) expect(v).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('under pressure an idle, unskilled agent can beat a loaded specialist', () => {
    const specialist = agent('spec', { skills: ['tracking'], load: 4, idleMs: 0 });
    const generalist = agent('gen', { skills: [], load: 0, idleMs: 10 * 60_000 });
    expect(rankAgents([specialist, generalist], 'tracking', 0)[0]!.agentId).toBe('spec');
    expect(rankAgents([specialist, generalist], 'tracking', 1)[0]!.agentId).toBe('gen');
  });

  it('explains itself: contributions are factor × weight and add up to the total', () => {
    fc.assert(
      fc.property(
        fc.record({
          load: fc.integer({ min: 0, max: 9 }),
          capacity: fc.integer({ min: 1, max: 10 }),
          idleMs: fc.integer({ min: 0, max: 3_600_000 }),
          pressure: fc.double({ min: 0, max: 3, noNaN: true }),
        }),
        ({ load, capacity, idleMs, pressure }) => {
          const a = agent('x', { skills: ['tracking'], load, capacity, idleMs });
          const r = scoreAgent(a, 'tracking', pressure);
          const raw = factorsFor(a, 'tracking');
          for (const k of Object.keys(raw) as (keyof typeof raw)[])
            expect(r.factors[k]).toBeCloseTo(raw[k] * r.weights[k]!, 3);
          expect(r.total).toBeCloseTo(
            Object.values(r.factors).reduce((s, v) => s + v, 0),
            3,
          );
          expect(r.total).toBeGreaterThanOrEqual(0);
          expect(r.total).toBeLessThanOrEqual(1.0001);
        },
      ),
    );
  });

  it('queue pressure is queued per free seat', () => {
    expect(queuePressure(0, 10)).toBe(0);
    expect(queuePressure(10, 5)).toBe(2);
    expect(queuePressure(3, 0)).toBe(3);
  });

  it('ranking is deterministic (ties broken by load then id)', () => {
    const xs = [agent('b'), agent('a'), agent('c')];
    expect(rankAgents(xs, 'tracking', 0).map((r) => r.agentId)).toEqual(['a', 'b', 'c']);
  });
});

describe('rankAgents keeps the best few without sorting everyone', () => {
  // the plain definition: score everyone with a seat, sort by (total desc, load asc, id asc), take the top
  const reference = (agents: CandidateAgent[], intent: 'tracking' | 'invoice', pressure: number, k: number) =>
    agents
      .filter((a) => a.load < a.capacity)
      .map((a) => scoreAgent(a, intent, pressure))
      .map((r, i, all) => ({ r, a: agents.find((x) => x.id === all[i]!.agentId)! }))
      .sort((x, y) => y.r.total - x.r.total || x.a.load - y.a.load || (x.a.id < y.a.id ? -1 : 1))
      .slice(0, k)
      .map(({ r }) => r);

  it('gives the same top k, in the same order, as scoring and sorting everyone', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.string({ minLength: 1, maxLength: 3 }),
            skills: fc.subarray(['tracking', 'shipping_time', 'invoice'] as const),
            load: fc.integer({ min: 0, max: 4 }),
            capacity: fc.integer({ min: 0, max: 4 }),
            // few distinct values, so equal totals (the tie-breaks) are common
            idleMs: fc.constantFrom(0, 60_000, 600_000),
            resolution: fc.option(
              fc.constantFrom(
                { resolved: 1, total: 2 },
                { resolved: 5, total: 5 },
                { resolved: 0, total: 3 },
              ),
              { nil: undefined },
            ),
          }),
          { selector: (a) => a.id, maxLength: 40 },
        ),
        fc.constantFrom('tracking' as const, 'invoice' as const),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        (agents, intent, pressure, k) => {
          expect(rankAgents(agents, intent, pressure, k)).toEqual(reference(agents, intent, pressure, k));
        },
      ),
      { numRuns: 300 },
    );
  });
});
