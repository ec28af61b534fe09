import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import { setApiClient } from '../platform/client';
import { fakeApi } from '../testing/fixtures';
import { highlightParts, passageForReply, stripMarkdown, useKnowledge } from './store';

describe('highlightParts', () => {
  it('splits around highlight ranges', () => {
    expect(highlightParts('七天无理由退货', [{ start: 4, end: 6 }])).toEqual([
      { text: '七天无理', hit: false },
      { text: '由退', hit: true },
      { text: '货', hit: false },
    ]);
  });
  it('sorts, clips and skips overlapping or empty ranges', () => {
    expect(
      highlightParts('abcdef', [
        { start: 3, end: 99 },
        { start: 0, end: 2 },
        { start: 1, end: 2 },
        { start: 5, end: 5 },
      ]),
    ).toEqual([
      { text: 'ab', hit: true },
      { text: 'c', hit: false },
      { text: 'def', hit: true },
    ]);
  });
});

describe('knowledge slice', () => {
  beforeEach(() => useKnowledge.setState({ query: '', tier: 'all', hits: [], error: null }));

  it('keeps only the answer to the latest query', async () => {
    const answers: Record<string, (r: Result<unknown>) => void> = {};
    setApiClient(
      fakeApi({
        'kb.search': (input) => new Promise((res) => (answers[(input as { query: string }).query] = res)),
      }),
    );
    const hit = (title: string) => ({
      docId: title,
      chunkId: 1,
      title,
      snippet: '',
      highlights: [],
      tier: 'general',
      tags: [],
      source: 'hub',
      score: 1,
      relevance: null,
      matchedBy: ['keyword'],
    });
    useKnowledge.getState().setQuery('退货');
    const first = useKnowledge.getState().search();
    useKnowledge.getState().setQuery('退款');
    const second = useKnowledge.getState().search();
    answers['退款']!({
      ok: true,
      data: { hits: [hit('refund')], mode: 'keyword', degraded: 'model off', tookMs: 1 },
    });
    answers['退货']!({
      ok: true,
      data: { hits: [hit('return')], mode: 'hybrid', degraded: null, tookMs: 1 },
    });
    await Promise.all([first, second]);
    expect(useKnowledge.getState().hits.map((h) => h.title)).toEqual(['refund']);
    expect(useKnowledge.getState().degraded).toBe('model off');
  });

  it('passes the tier filter and clears results for an empty query', async () => {
    const api = fakeApi({
      'kb.search': () => ({ ok: true, data: { hits: [], mode: 'hybrid', degraded: null, tookMs: 1 } }),
    });
    setApiClient(api);
    useKnowledge.getState().setTier('merchant');
    useKnowledge.getState().setQuery(' 发票 ');
    await useKnowledge.getState().search();
    expect(api.calls[0]?.input).toEqual({ query: '发票', limit: 10, tiers: ['merchant'] });
    useKnowledge.getState().setQuery('  ');
    await useKnowledge.getState().search();
    expect(api.calls).toHaveLength(1);
  });
});

it('turns a Markdown snippet into plain reply text', () => {
  expect(stripMarkdown('## 运费 - **无理由**退货 `x`')).toBe('运费 - 无理由退货 x');
  expect(passageForReply('…内**（含第 7 天）**，可申请退货。 ## 运费…')).toBe(
    '内（含第 7 天），可申请退货。 运费',
  );
});
