import { describe, expect, it } from 'vitest';
import { triage, type TriageInput } from '../../../src/shared/triage';

const now = 1_000_000_000;
const base: TriageInput = { intent: 'invoice', priority: 3, slaDueAt: now + 3_600_000, sentimentScore: 0.2, vipLevel: 0, totalSpent: 0 };

describe('triage', () => {
  it('ranks a breached SLA, an angry complaint and a valuable customer above a calm routine question', () => {
    const calm = triage(base, now).score;
    expect(triage({ ...base, slaDueAt: now - 1 }, now).score).toBeGreaterThan(calm);
    expect(triage({ ...base, intent: 'quality_complaint', sentimentScore: -0.8 }, now).score).toBeGreaterThan(calm);
    expect(triage({ ...base, vipLevel: 7, totalSpent: 50_000 }, now).score).toBeGreaterThan(calm);
  });

  it('explains itself: the factors add up to the score', () => {
    const t = triage({ ...base, intent: 'fake_goods', slaDueAt: now + 60_000, sentimentScore: -0.5, vipLevel: 3 }, now);
    const sum = Object.values(t.factors).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - t.score)).toBeLessThan(0.3);
    expect(t.factors.severity).toBe(20);
  });
});
