// Bounded keyword search: a query matching few rows is ranked by FTS5 directly, one matching many is
// scored from cached per-term postings — with exactly the BM25 ranking of the full FTS5 query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import {
  DIRECT_BUDGET,
  type SearchFilters,
  documentFrequency,
  ftsExpression,
  keywordCandidates,
  keywordSearch,
  planKeywordQuery,
} from '../../../src/main/core/knowledge/search';
import { KnowledgeStore } from '../../../src/main/core/knowledge/store';
import { tempDbPath } from './helpers';

let db: Db;
let store: KnowledgeStore;
const N = DIRECT_BUDGET + 4000; // 退款 alone exceeds the direct budget, 顺丰 and 运费险 do not

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
      store.upsertDoc(
        {
          id: `d${i}`,
          tier: 'general',
          title: `说明${i}`,
          body: parts.join('，'),
          tags: [],
          version: 1,
          updatedAt: 0,
        },
        'hub',
      );
    }
  })();
});
afterAll(() => db.close());

const docIds = (ids: number[]) =>
  ids.map(
    (id) => (db.prepare('SELECT doc_id FROM kb_chunks WHERE id = ?').get(id) as { doc_id: string }).doc_id,
  );

describe('keyword search plan', () => {
  it('reads document frequencies from the index', () => {
    expect(documentFrequency(db, '退款')).toBe(N);
    expect(documentFrequency(db, '顺丰')).toBe(3);
    expect(documentFrequency(db, '不存在的词')).toBe(0);
  });

  it('ranks few matches in FTS5 directly and many from cached postings, rarest term first', () => {
    expect(planKeywordQuery(db, ['顺丰', '运费险'])).toEqual({
      terms: ['顺丰', '运费险'],
      matches: 13,
      direct: true,
    });
    const plan = planKeywordQuery(db, ['退款', '顺丰', '发票', '不存在的词']);
    expect(plan.terms).toEqual(['顺丰', '发票', '退款']);
    expect(plan.direct).toBe(false);
  });

  it('ranks the rare-term matches like the exact BM25 over every match does', () => {
    // Both terms come from cached postings (the query matches every doc): the three with 顺丰 lead.
    const got = docIds(keywordSearch(db, ['退款', '顺丰'], {}, 10));
    expect(got).toHaveLength(10);
    expect(got.slice(0, 3).sort()).toEqual(['d7', 'd77', 'd777']);
    const exact = docIds(keywordCandidates(db, ftsExpression(['退款', '顺丰'])!, {}, 3));
    expect(exact.sort()).toEqual(['d7', 'd77', 'd777']);
  });

  it('scores a query of common terms from postings and puts the docs matching all of them first', () => {
    expect(planKeywordQuery(db, ['退款']).direct).toBe(false);
    const got = docIds(
      keywordSearch(
        db,
        ['退款', '运费险', '发票'].flatMap((t) => [t]),
        {},
        5,
      ),
    );
    // The few docs with 运费险 (N/500) and both other terms score highest: every hit has it.
    for (const id of got) expect(Number(id.slice(1)) % 500).toBe(3);
    const onlyCommon = docIds(keywordSearch(db, ['退款', '发票'], {}, 50));
    expect(onlyCommon).toHaveLength(50);
    // 发票 is in N/10 + N/500 docs, more than 50, so every hit must contain it.
    for (const id of onlyCommon) {
      const n = Number(id.slice(1));
      expect(n % 10 === 0 || n % 500 === 3).toBe(true);
    }
  });

  it('returns a capped single common term', () => {
    const got = keywordSearch(db, ['退款'], {}, 20);
    expect(keywordSearch(db, ['退款', '退回'], {}, 20)).toHaveLength(20);
    expect(got).toHaveLength(20);
    expect(new Set(got).size).toBe(20);
  });

  // The same BM25 scores as the exact query over every match, whatever mix of rare and common terms.
  const exactScores = (terms: string[], ids: number[]) =>
    ids.map((id) =>
      (
        db
          .prepare(
            'SELECT bm25(kb_fts, 3.0, 1.0) AS s FROM kb_fts WHERE kb_fts MATCH ? AND rowid BETWEEN ? AND ?',
          )
          .get(ftsExpression(terms), id, id) as { s: number }
      ).s.toPrecision(9),
    );
  const expectExact = (terms: string[], depth: number, filters: SearchFilters = {}) => {
    const fast = keywordSearch(db, terms, filters, depth);
    const exact = keywordCandidates(db, ftsExpression(terms)!, filters, depth);
    expect(fast).toHaveLength(exact.length);
    expect(exactScores(terms, fast)).toEqual(exactScores(terms, exact));
  };

  it('ranks common-term queries exactly like BM25 over every match', () => {
    expectExact(['退款'], 50);
    expectExact(['退款', '发票'], 50);
    expectExact(['发票', '运费险'], 50);
    expectExact(['退款', '顺丰', '发票', '理赔'], 30);
    expectExact(['退款', '说明', '电子'], 50);
  });

  it('applies tier filters to cached-postings results', () => {
    db.prepare("UPDATE kb_chunks SET tier = 'merchant' WHERE id % 97 = 0").run();
    const got = keywordSearch(db, ['退款', '发票'], { tiers: ['merchant'] }, 10);
    expect(got.length).toBeGreaterThan(0);
    for (const id of got) expect(id % 97).toBe(0);
    expectExact(['退款', '发票'], 10, { tiers: ['merchant'] });
    db.prepare("UPDATE kb_chunks SET tier = 'general'").run();
  });

  it('sees rows written after the postings were read and drops deleted ones', () => {
    expect(keywordSearch(db, ['退款', '发票'], {}, 5)).toHaveLength(5); // postings cached now
    const before = keywordSearch(db, ['退款', '发票'], {}, 5);
    // A short doc dense in both terms outranks everything; it is newer than the cached postings.
    store.upsertDoc(
      {
        id: 'fresh',
        tier: 'general',
        title: '发票',
        body: '发票 退款 发票',
        tags: [],
        version: 1,
        updatedAt: 0,
      },
      'hub',
    );
    const after = docIds(keywordSearch(db, ['退款', '发票'], {}, 5));
    expect(after[0]).toBe('fresh');
    expectExact(['退款', '发票'], 20);
    store.deleteDoc('fresh');
    expect(keywordSearch(db, ['退款', '发票'], {}, 5)).toEqual(before);
    // A deleted row that is still in the cached postings is not returned.
    const [top] = before;
    const doc = docIds([top!])[0]!;
    store.deleteDoc(doc);
    const gone = keywordSearch(db, ['退款', '发票'], {}, 5);
    expect(gone).not.toContain(top);
    expect(gone).toHaveLength(5);
  });

  it('re-reads frequencies after many writes', () => {
    expect(documentFrequency(db, '拉链')).toBe(0);
    db.transaction(() => {
      for (let i = 0; i < 2100; i++)
        store.upsertDoc(
          {
            id: `z${i}`,
            tier: 'general',
            title: '拉链',
            body: '拉链坏了可以换',
            tags: [],
            version: 1,
            updatedAt: 0,
          },
          'hub',
        );
    })();
    expect(documentFrequency(db, '拉链')).toBe(2100);
  });
});
