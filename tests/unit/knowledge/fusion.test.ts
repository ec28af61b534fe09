import { describe, expect, it } from 'vitest';
import { KEYWORD_WEIGHT, PASSAGE_WEIGHT, documentScores } from '../../../src/main/core/knowledge/fusion';

const unit = (id: number, docId: string, sentence: boolean, similarity: number) => ({
  id,
  docId,
  sentence,
  similarity,
});

describe('hybrid fusion: documents scored from their best passage and best sentence', () => {
  it('mixes the best passage and the best sentence, and shows the most similar chunk', () => {
    const ranked = documentScores(
      [unit(1, 'a', false, 0.6), unit(2, 'a', true, 0.8), unit(3, 'a', true, 0.5), unit(4, 'b', false, 0.72)],
      [],
      () => true,
      0.4,
    );
    expect(ranked.map((d) => d.docId)).toEqual(['a', 'b']);
    expect(ranked[0]!.score).toBeCloseTo(PASSAGE_WEIGHT * 0.6 + (1 - PASSAGE_WEIGHT) * 0.8, 10);
    expect(ranked[0]!.chunkId).toBe(2);
    // b's sentences are not among the hits: each is at most as similar as the last hit (the floor).
    expect(ranked[1]!.score).toBeCloseTo(PASSAGE_WEIGHT * 0.72 + (1 - PASSAGE_WEIGHT) * 0.4, 10);
  });

  it('scores a document without sentence chunks by its passage alone', () => {
    const [d] = documentScores([unit(1, 'a', false, 0.7)], [], () => false, 0.3);
    expect(d!.score).toBeCloseTo(0.7, 10);
  });

  it('adds a keyword-rank bonus per document that only breaks near-ties', () => {
    const ranked = documentScores(
      [unit(1, 'a', false, 0.71), unit(2, 'b', false, 0.7)],
      [
        { docId: 'b', chunkId: 2 },
        { docId: 'b', chunkId: 5 },
        { docId: 'c', chunkId: 9 },
      ],
      () => false,
      0.5,
    );
    expect(ranked.map((d) => d.docId)).toEqual(['b', 'a', 'c']);
    expect(ranked[0]!.score).toBeCloseTo(0.7 + KEYWORD_WEIGHT, 10);
    expect(ranked[0]).toMatchObject({ keyword: true, vector: true });
    // c is found by keywords only: at most the floor, plus its (second-place) bonus.
    expect(ranked[2]).toMatchObject({ docId: 'c', chunkId: 9, keyword: true, vector: false });
    expect(ranked[2]!.score).toBeCloseTo(0.5 + KEYWORD_WEIGHT / 2, 10);
  });

  it('a keyword match not embedded yet is not held below every embedded document', () => {
    const units = [unit(1, 'seed', false, 0.62), unit(2, 'seed', true, 0.6)];
    const keyword = [{ docId: 'fresh', chunkId: 9 }];
    const waiting = documentScores(
      units,
      keyword,
      () => true,
      0.3,
      (id) => id === 9,
    );
    expect(waiting.map((d) => d.docId)).toEqual(['fresh', 'seed']);
    // Embedded and not among the vector hits: at most as similar as the last hit.
    const embedded = documentScores(units, keyword, () => true, 0.3);
    expect(embedded.map((d) => d.docId)).toEqual(['seed', 'fresh']);
  });
});
