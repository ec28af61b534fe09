import { describe, expect, it } from 'vitest';
import { KEYWORD_WEIGHT, similarityFusion } from '../../../src/main/core/knowledge/fusion';

describe('hybrid fusion: cosine similarity plus a keyword-rank bonus', () => {
  it('orders by similarity, a keyword match breaking near-ties, and keeps the cosine scale', () => {
    const vector = [
      { id: 1, similarity: 0.71 },
      { id: 2, similarity: 0.7 },
      { id: 3, similarity: 0.5 },
    ];
    const ranked = similarityFusion([2, 3], vector);
    expect(ranked.map(([id]) => id)).toEqual([2, 1, 3]);
    expect(ranked[0]![1]).toBeCloseTo(0.7 + KEYWORD_WEIGHT, 10);
    expect(ranked[1]![1]).toBeCloseTo(0.71, 10);
  });

  it('does not let a keyword-only match outrank a clearly closer vector hit', () => {
    const ranked = similarityFusion([9], [{ id: 1, similarity: 0.6 }]);
    expect(ranked.map(([id]) => id)).toEqual([1, 9]);
    expect(ranked[1]![1]).toBeCloseTo(KEYWORD_WEIGHT, 10);
  });
});
