// The error analysis behind `npm run kb -- eval kb --explain`, on the seed KB with the shipped model.
import { describe, expect, it } from 'vitest';
import { withSeedKnowledge } from '../../../src/main/core/knowledge/eval-kb';
import { explainMisses, explainQuery } from '../../../src/main/core/knowledge/eval-explain';
import { KEYWORD_WEIGHT, PASSAGE_WEIGHT } from '../../../src/main/core/knowledge/fusion';
import { defaultModelDir } from '../../../src/main/core/knowledge/model';

const model = { source: { kind: 'local' as const, dir: defaultModelDir() } };

describe('retrieval error analysis', () => {
  it('explains a query by each document score and its parts, durations read as search reads them', async () => {
    await withSeedKnowledge(model, async (svc) => {
      const { terms, docs } = await explainQuery(svc, '东西到了一个礼拜还能退不');
      expect(terms).toContain('7'); // 一个礼拜 → 7天, as search segments it
      expect(docs.length).toBeGreaterThan(50);
      for (let i = 1; i < docs.length; i++) expect(docs[i - 1]!.score).toBeGreaterThanOrEqual(docs[i]!.score);
      for (const d of docs) {
        const bonus = d.keywordRank === null ? 0 : KEYWORD_WEIGHT / (d.keywordRank + 1);
        const s = d.sentence?.similarity ?? d.passage!.similarity;
        expect(d.score).toBeCloseTo(
          PASSAGE_WEIGHT * d.passage!.similarity + (1 - PASSAGE_WEIGHT) * s + bonus,
          6,
        );
      }
      const rule = docs.find((d) => d.docId === 'policy-7day-return')!;
      expect(rule.passage!.text).toMatch(/天/);
      expect(rule.sentence!.similarity).toBeGreaterThan(0.3);
      expect(rule.sentence!.similarity).toBeLessThanOrEqual(1);
    });
  }, 180_000);

  it('prints nothing for a question answered first, and the answer with what outranked it otherwise', async () => {
    await withSeedKnowledge(model, async (svc) => {
      const top = (await svc.search('尺码不合适想换个大一号的', { limit: 1 })).hits[0]!.docId;
      const lines: string[] = [];
      await explainMisses(svc, [{ q: '尺码不合适想换个大一号的', docs: [top] }], (l) => lines.push(l));
      expect(lines).toEqual([]);
      const other = top === 'returns-exchange' ? 'size-kids' : 'returns-exchange';
      await explainMisses(svc, [{ q: '尺码不合适想换个大一号的', docs: [other] }], (l) => lines.push(l));
      expect(lines[0]).toContain(`want ${other}`);
      expect(lines.some((l) => l.includes('✓') && l.includes(other))).toBe(true);
      expect(lines.some((l) => /^\s+P \d\.\d{3} /.test(l))).toBe(true);
      expect(lines.some((l) => /^\s+S \d\.\d{3} /.test(l))).toBe(true);
    });
  }, 180_000);
});
