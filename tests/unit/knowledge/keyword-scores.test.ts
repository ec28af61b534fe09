import { describe, expect, it } from 'vitest';
import {
  MAX_CACHED_POSTINGS,
  PostingsCache,
  ScoreAccumulator,
} from '../../../src/main/core/knowledge/keyword-scores';

describe('ScoreAccumulator', () => {
  it('sums postings per rowid and returns the best, ties by rowid', () => {
    const acc = new ScoreAccumulator();
    acc.addPostings(Int32Array.from([1, 5, 9]), Float32Array.from([1, 2, 3]));
    acc.addPostings(Int32Array.from([5, 9, 2000]), Float32Array.from([2, 0.5, 4]));
    acc.add(7, 4);
    expect(acc.size).toBe(5);
    expect(acc.top(3)).toEqual([
      { id: 5, score: 4 },
      { id: 7, score: 4 },
      { id: 2000, score: 4 },
    ]);
    expect(acc.top(10).map((x) => x.id)).toEqual([5, 7, 2000, 9, 1]);
    acc.reset();
    expect(acc.size).toBe(0);
    expect(acc.top(3)).toEqual([]);
    acc.add(9, 1);
    expect(acc.top(3)).toEqual([{ id: 9, score: 1 }]);
  });
});

describe('PostingsCache', () => {
  it('evicts least recently used terms beyond the postings bound', () => {
    const cache = new PostingsCache(100);
    const half = Math.floor(MAX_CACHED_POSTINGS / 2);
    const big = () => new Int32Array(half);
    cache.put('a', big(), new Float32Array(half));
    cache.put('b', big(), new Float32Array(half));
    cache.get('a');
    cache.put('c', big(), new Float32Array(half));
    expect([...cache.terms.keys()].sort()).toEqual(['a', 'c']);
    expect(cache.postings).toBe(2 * half);
  });
});
