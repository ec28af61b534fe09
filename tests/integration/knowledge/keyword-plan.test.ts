// Bounded keyword search: common terms are planned out by document frequency, and a query of only
// common terms is capped — with results that still match what the query asks for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import { MATCH_BUDGET, documentFrequency, ftsExpression, keywordCandidates, keywordSearch, planKeywordQuery } from '../../../src/main/core/knowledge/search';
import { KnowledgeStore } from '../../../src/main/core/knowledge/store';
import { tempDbPath } from './helpers';

let db: Db;
let store: KnowledgeStore;
const N = MATCH_BUDGET + 1000; // 退款 must exceed the budget on its own

beforeAll(() => {
  db = openDatabase(tempDbPath(), { synchronous: 'NORMAL' });
  store = new KnowledgeStore(db);
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      // Every doc: 退款; every 10th: 发票; docs 7, 77, 777: 顺丰 (rare); docs ≡ 3 mod 500: 退款 + 发票 + 运费险.
      const parts = ['退款会原路退回'];
      if (i % 10 === 0) parts.push('电子发票随订单开具');
      if (i === 7 || i === 77 || i === 777) parts.push('本店默认发顺丰');
      if (i % 500 === 3) parts.push('电子发票和运费险理赔');
      store.upsertDoc({ id: `d${i}`, tier: 'general', title: `说明${i}`, body: parts.join('，'), tags: [], version: 1, updatedAt: 0 }, 'hub');
    }
  })();
});
afterAll(() => db.close());

const docIds = (ids: number[]) =>
  ids.map((id) => (db.prepare('SELECT doc_id FROM kb_chunks WHERE id = ?').get(id) as { doc_id: string }).doc_id);

describe('keyword search plan', () => {
  it('reads document frequencies from the index', () => {
    expect(documentFrequency(db, '退款')).toBe(N);
    expect(documentFrequency(db, '顺丰')).toBe(3);
    expect(documentFrequency(db, '不存在的词')).toBe(0);
  });

  it('drops a term too common to matter and keeps the rare ones', () => {
    const plan = planKeywordQuery(db, ['退款', '顺丰', '发票']);
    expect(plan.ranked).toEqual(['顺丰', '发票']);
    expect(plan.common).toEqual(['退款']);
    expect(plan.capped).toBe(false);
  });

  it('ranks the rare-term matches like the exact BM25 over every match does', () => {
    const got = docIds(keywordSearch(db, ['退款', '顺丰'], {}, 10));
    expect(got.sort()).toEqual(['d7', 'd77', 'd777']);
    const exact = docIds(keywordCandidates(db, ftsExpression(['退款', '顺丰'])!, {}, 3));
    expect(exact.sort()).toEqual(['d7', 'd77', 'd777']);
  });

  it('caps a query of only common terms but puts the docs matching all of them first', () => {
    const plan = planKeywordQuery(db, ['退款']);
    expect(plan.capped).toBe(true);
    const got = docIds(keywordSearch(db, ['退款', '运费险', '发票'].flatMap((t) => [t]), {}, 5));
    // 运费险 is rare (N/500 docs) so it is ranked exactly: every hit has it.
    for (const id of got) expect(Number(id.slice(1)) % 500).toBe(3);
    const onlyCommon = docIds(keywordSearch(db, ['退款', '发票'], {}, 50));
    expect(onlyCommon).toHaveLength(50);
    // 发票 (N/10 + N/500 docs) fits the budget here, so every hit must contain it.
    for (const id of onlyCommon) {
      const n = Number(id.slice(1));
      expect(n % 10 === 0 || n % 500 === 3).toBe(true);
    }
  });

  it('returns a capped single common term, newest first among equals', () => {
    const got = keywordSearch(db, ['退款'], {}, 20);
    expect(keywordSearch(db, ['退款', '退回'], {}, 20)).toHaveLength(20); // all common: AND, capped
    expect(got).toHaveLength(20);
    expect(new Set(got).size).toBe(20);
  });

  it('re-reads frequencies after many writes', () => {
    expect(documentFrequency(db, '拉链')).toBe(0);
    db.transaction(() => {
      for (let i = 0; i < 2100; i++) store.upsertDoc({ id: `z${i}`, tier: 'general', title: '拉链', body: '拉链坏了可以换', tags: [], version: 1, updatedAt: 0 }, 'hub');
    })();
    expect(documentFrequency(db, '拉链')).toBe(2100);
  });
});
