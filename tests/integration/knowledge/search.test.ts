// Hybrid search over the fixture KB with the real default model, jieba and SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeService } from '../../../src/main/core/knowledge/index';
import type { Db } from '../../../src/main/core/db/database';
import { fixtureDocs, openService, tempDbPath } from './helpers';

let svc: KnowledgeService;
let db: Db;
const file = tempDbPath();

beforeAll(async () => {
  ({ svc, db } = openService(file));
  await svc.syncFrom(async () => ({ version: 5, docs: fixtureDocs(), deletedIds: [] }));
  await svc.whenIndexed();
});
afterAll(async () => {
  await svc.close();
  db.close();
});

const top = async (q: string, opts = {}) => (await svc.search(q, opts)).hits.map((h) => h.docId);

describe('knowledge search', () => {
  it('indexes every fixture doc and embeds every chunk', () => {
    const s = svc.stats();
    expect(s.docs).toBe(16);
    expect(s.pending).toBe(0);
    expect(s.model.status).toBe('ready');
    expect(s.version).toBe(5);
  });

  it.each([
    ['我想退钱，多久能到账', 'g-refund-time'], // colloquial synonym: 退钱 for 退款
    ['退宽什么时候到', 'g-refund-time'], // typo: 宽 for 款
    ['快递一直不动好几天了', 'g-logistics-stuck'], // 快递≈物流, 不动≈不更新
    ['码数偏小怎么选', 'i-apparel-size'], // 码数≈尺码
    ['退货险能赔多少运费', 'g-freight-insurance'], // 退货险≈运费险
    ['能发顺丰吗', 'm-sf-express'],
    ['7天无理由能退吗', 'g-seven-days'],
    ['东西到了摔坏了', 'm-broken'],
    ['买完降价了能补差价吗', 'g-price-protect'],
  ])('finds the right doc for %s', async (query, expected) => {
    const ids = await top(query, { limit: 3 });
    expect(ids).toContain(expected);
  });

  it('gives a calibrated relevance with the shipped model: high on an answer, low off topic', async () => {
    const answer = (await svc.search('退货险能赔多少运费')).hits[0]!;
    expect(answer.docId).toBe('g-freight-insurance');
    expect(answer.relevance).toBeGreaterThan(0.5);
    const offTopic = (await svc.search('今天天气怎么样')).hits;
    for (const h of offTopic) expect(h.relevance, h.docId).toBeLessThan(0.2);
  });

  it('answers in hybrid mode with snippets and highlighted terms', async () => {
    const res = await svc.search('运费险理赔');
    expect(res.mode).toBe('hybrid');
    const hit = res.hits[0]!;
    expect(hit.docId).toBe('g-freight-insurance');
    expect(hit.score).toBeGreaterThan(0);
    expect(hit.score).toBeLessThanOrEqual(1);
    const marked = hit.highlights.map((h) => hit.snippet.slice(h.start, h.end));
    expect(marked).toContain('运费险');
    expect(marked).toContain('理赔');
  });

  it('filters by tier and by tag', async () => {
    const merchantOnly = await svc.search('快递 物流 发货', { tiers: ['merchant'] });
    expect(merchantOnly.hits.length).toBeGreaterThan(0);
    expect(merchantOnly.hits.every((h) => h.tier === 'merchant')).toBe(true);
    const general = await svc.search('快递 物流 发货', { tiers: ['general', 'industry'] });
    expect(general.hits.every((h) => h.tier !== 'merchant')).toBe(true);
    expect(general.hits.map((h) => h.docId)).toContain('g-logistics-stuck');
    const tagged = await svc.search('质量问题', { tags: ['服装'] });
    expect(tagged.hits.map((h) => h.docId)).toEqual(['i-apparel-wash']);
  });

  it('returns nothing rather than noise for an unrelated query', async () => {
    const res = await svc.search('量子色动力学');
    expect(res.hits).toEqual([]);
  });

  it('keeps working offline from the cache: a failing hub changes nothing', async () => {
    await expect(svc.syncFrom(async () => Promise.reject(new Error('ECONNREFUSED')))).rejects.toThrow('ECONNREFUSED');
    expect(await top('退款到账')).toContain('g-refund-time');
    expect(svc.stats().version).toBe(5);
  });

  it('serves keyword search from the same file in a process without any model', async () => {
    const other = openService(file, { model: null });
    const res = await other.svc.search('运费险');
    expect(res.mode).toBe('keyword');
    expect(res.degraded).toMatch(/no embedding model/);
    expect(res.hits[0]?.docId).toBe('g-freight-insurance');
    await other.svc.close();
    other.db.close();
  });
});
