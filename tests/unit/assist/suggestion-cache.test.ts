import { describe, expect, it } from 'vitest';
import { SuggestionCache } from '../../../src/main/core/assist/suggestion-cache';
import type { SuggestResult } from '../../../src/main/core/assist/engine';

const result = (n: number): SuggestResult => ({
  ticketId: 't1',
  suggestions: Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    text: `回复 ${i}`,
    source: 'macro' as const,
    score: 1 - i / 10,
    reason: '',
  })),
  tookMs: 1,
  notes: [],
});

describe('SuggestionCache', () => {
  it('serves what was computed for the ticket as it is now, within its age', () => {
    let now = 0;
    const cache = new SuggestionCache(() => now);
    const v = cache.version('t1');
    cache.keep('t1', v, 5, result(5));
    expect(cache.fresh('t1', 3)?.suggestions.map((s) => s.id)).toEqual(['s0', 's1', 's2']);
    expect(cache.fresh('t1', 8)).toBeUndefined(); // asked for more than was computed
    now = 31_000;
    expect(cache.fresh('t1', 3)).toBeUndefined();
  });

  it('a change while computing, or after, makes the result stale', () => {
    const cache = new SuggestionCache(() => 0);
    const v = cache.version('t1');
    cache.invalidate('t1'); // a customer message arrived meanwhile
    cache.keep('t1', v, 5, result(5));
    expect(cache.fresh('t1', 5)).toBeUndefined();
    cache.keep('t1', cache.version('t1'), 5, result(5));
    expect(cache.fresh('t1', 5)).toBeDefined();
    cache.invalidate('t1');
    expect(cache.fresh('t1', 5)).toBeUndefined();
  });
});
