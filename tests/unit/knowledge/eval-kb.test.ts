import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUESTIONS_FILE,
  DEFAULT_SEED_DIR,
  HELDOUT_QUESTIONS_FILE,
  loadQuestions,
  scoreRetrieval,
  seedDocs,
} from '../../../src/main/core/knowledge/eval-kb';

describe('knowledge retrieval evaluation: scoring', () => {
  it('computes hit@1, hit@3 and MRR from ranked document ids, any labelled document counting', () => {
    const qs = [
      { q: 'a', docs: ['x'] },
      { q: 'b', docs: ['y', 'z'] },
      { q: 'c', docs: ['w'] },
      { q: 'd', docs: ['v'] },
    ];
    const m = scoreRetrieval(qs, [['x', 'y'], ['q', 'z', 'y'], ['a', 'b', 'c', 'w'], []]);
    expect(m.hit1).toBe(0.25);
    expect(m.hit3).toBe(0.5);
    expect(m.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 4 + 0) / 4, 10);
    expect(m.misses.map((x) => [x.q, x.rank])).toEqual([
      ['b', 2],
      ['c', 4],
      ['d', null],
    ]);
  });
});

describe.each([
  ['development', DEFAULT_QUESTIONS_FILE()],
  ['held-out', HELDOUT_QUESTIONS_FILE()],
])('knowledge retrieval evaluation: the %s question set', (_name, file) => {
  const questions = loadQuestions(file);
  const docs = seedDocs(DEFAULT_SEED_DIR());
  const byId = new Map(docs.map((d) => [d.id, d]));

  it('has at least 80 distinct questions, each labelled with seed documents that exist', () => {
    expect(questions.length).toBeGreaterThanOrEqual(80);
    expect(new Set(questions.map((q) => q.q)).size).toBe(questions.length);
    for (const q of questions) for (const d of q.docs) expect(byId.has(d), `${q.q} → ${d}`).toBe(true);
  });

  it('reads the seed with its front-matter ids and tiers', () => {
    expect(byId.get('policy-7day-return')).toMatchObject({ tier: 'general', title: '七天无理由退货规则' });
    expect(byId.get('size-shoes')?.tier).toBe('industry');
    expect(byId.get('merchant-yuedong-sports')?.tier).toBe('merchant');
  });

  it('asks as customers type: no policy names, no document titles', () => {
    const policyTerms = [
      '七天无理由',
      '无理由',
      '价保',
      '运费险',
      '三包',
      '仅退款',
      '红冲',
      '专票',
      '改派',
      '拦截',
    ];
    for (const { q, docs: labels } of questions) {
      for (const t of policyTerms) expect(q, `${q} uses ${t}`).not.toContain(t);
      expect(q).not.toContain(byId.get(labels[0]!)!.title);
    }
  });
});

describe('knowledge retrieval evaluation: two separate sets', () => {
  it('shares no question between the development and the held-out set', () => {
    const dev = new Set(loadQuestions(DEFAULT_QUESTIONS_FILE()).map((q) => q.q));
    const held = loadQuestions(HELDOUT_QUESTIONS_FILE()).map((q) => q.q);
    expect(held.filter((q) => dev.has(q))).toEqual([]);
  });
});
