import { describe, expect, it } from 'vitest';
import type { TeamMetrics } from '../../shared/api';
import { intentRows, resolvedShare, sourceRows } from './insights';

const metrics: TeamMetrics = {
  outcomes: 5,
  adoptionBySource: { upstream_ai: 0.5, knowledge: 0.25 },
  marketingConversion: 0.5,
  avgHandleTimeMs: 90_000,
  resolutionRateByIntent: { tracking: 0.5, size_advice: 1 },
  avgFirstResponseMs: 12_000,
  csatAvg: 4.5,
  marketing: { sent: 2, converted: 1 },
  suggestionsBySource: {
    knowledge: { shown: 8, adopted: 2, edited: 1, avgEditDistance: 6 },
    upstream_ai: { shown: 4, adopted: 2, edited: 0, avgEditDistance: null },
  },
  outcomesByIntent: {
    size_advice: { outcomes: 1, resolved: 1, avgHandleTimeMs: 60_000 },
    tracking: { outcomes: 4, resolved: 2, avgHandleTimeMs: 97_500 },
  },
};

describe('insights rows', () => {
  it('splits each source into sent as written, edited first, and ignored; most shown first', () => {
    expect(sourceRows(metrics)).toEqual([
      { source: 'knowledge', asIs: 1, edited: 1, ignored: 6, adoption: 0.25, avgEditDistance: 6 },
      { source: 'upstream_ai', asIs: 2, edited: 0, ignored: 2, adoption: 0.5, avgEditDistance: null },
    ]);
  });

  it('lists intents by volume with their resolved share', () => {
    expect(intentRows(metrics)).toEqual([
      { intent: 'tracking', outcomes: 4, resolvedPct: 50, avgHandleTimeMs: 97_500 },
      { intent: 'size_advice', outcomes: 1, resolvedPct: 100, avgHandleTimeMs: 60_000 },
    ]);
    expect(resolvedShare(metrics)).toBe(0.6);
    expect(resolvedShare({ ...metrics, outcomesByIntent: {} })).toBeNull();
  });
});
