// Knowledge-base benchmark: hybrid / keyword-only / vector-only query latency at 10k and 100k chunks,
// query embedding time, indexing throughput and memory — side by side with a naive JavaScript
// brute-force scan (substring keyword scan, Float32Array dot-product KNN) in the same run.
// Real pieces only: the built-in model through the worker, jieba, FTS5, sqlite-vec.
// Run alone: npx tsx bench/knowledge.ts  → bench/results/knowledge.json + a markdown table.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/main/core/db/database';
import { Embedder } from '../src/main/core/knowledge/embedder';
import { defaultModelDir } from '../src/main/core/knowledge/model';
import type { Db } from '../src/main/core/db/database';
import {
  fuseAndHydrate,
  ftsExpression,
  ftsTerms,
  keywordCandidates,
  keywordSearch,
  planKeywordQuery,
  queryTerms,
  vectorCandidates,
} from '../src/main/core/knowledge/search';
import { KnowledgeStore } from '../src/main/core/knowledge/store';
import { benchCorpus } from './knowledge-corpus';

const SIZES = [10_000, 100_000];
const QUERIES = 200;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const lat = (xs: number[]) => ({ p50: +pct(xs, 50).toFixed(2), p95: +pct(xs, 95).toFixed(2) });

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

/** Naive JS exact KNN over one Float32Array: the baseline for the vec0 scan. */
function jsKnn(all: Float32Array, dim: number, q: Float32Array, k: number): number[] {
  const n = all.length / dim;
  const best: { i: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += all[i * dim + j]! * q[j]!;
    if (best.length < k || s > best[best.length - 1]!.s) {
      best.push({ i, s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b.i + 1); // chunk ids are 1-based insertion order
}

/**
 * The previous fast keyword plan, kept as the "before" baseline: rare terms ranked exactly, common
 * terms dropped; a query of only common terms AND-ed and BM25-ranked among its 2000 newest matches.
 */
function keywordNewestCapBefore(db: Db, expanded: readonly string[], depth = 50): number[] {
  const plan = planKeywordQuery(db, ftsTerms(expanded));
  if (!plan.ranked.length) return [];
  const q = (t: string) => `"${t}"`;
  if (!plan.capped) return keywordCandidates(db, plan.ranked.map(q).join(' OR '), {}, depth);
  const capped = (expr: string) =>
    (
      db
        .prepare(
          'SELECT c.id, bm25(kb_fts, 3.0, 1.0) AS score FROM kb_fts JOIN kb_chunks c ON c.id = kb_fts.rowid WHERE kb_fts MATCH ? ORDER BY kb_fts.rowid DESC LIMIT 2000',
        )
        .all(expr) as { id: number; score: number }[]
    )
      .sort((a, b) => a.score - b.score || b.id - a.id)
      .map((r) => r.id);
  const all = [...plan.ranked, ...plan.common];
  const out = all.length > 1 ? capped(all.map(q).join(' AND ')).slice(0, depth) : [];
  const seen = new Set(out);
  for (const id of out.length < depth ? capped(q(plan.ranked[0]!)) : []) {
    if (out.length >= depth) break;
    if (!seen.has(id)) out.push(id);
  }
  return out;
}

/**
 * Top-10 agreement with the exact BM25 ranking, fair to ties: each returned id is scored with the
 * exact BM25 of the full query, and the multiset of those scores is intersected with the exact
 * top-10's scores (6 significant digits), so swapping equally scored documents is not a miss.
 */
function tieAwareOverlap(db: Db, expr: string, exact10: number[], got10: number[]): number {
  // BETWEEN, not `rowid = ?`: FTS5 ignores an equality on a rowid bound as a double (JS number).
  const score = db.prepare(
    'SELECT bm25(kb_fts, 3.0, 1.0) AS s FROM kb_fts WHERE kb_fts MATCH ? AND rowid BETWEEN ? AND ?',
  );
  const key = (id: number) =>
    ((score.get(expr, id, id) as { s: number } | undefined)?.s ?? NaN).toPrecision(6);
  const want = new Map<string, number>();
  for (const id of exact10) want.set(key(id), (want.get(key(id)) ?? 0) + 1);
  let hits = 0;
  for (const id of got10) {
    const k = key(id);
    const left = want.get(k) ?? 0;
    if (left > 0) {
      hits++;
      want.set(k, left - 1);
    }
  }
  return hits;
}

export async function runKnowledgeBench(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const embedder = new Embedder({ source: { kind: 'local', dir: defaultModelDir() } });
  const dim = await embedder.ready();
  const { chunks, queries: qs } = benchCorpus(Math.max(...SIZES), QUERIES);
  const texts = chunks.map((c) => `${c.title}\n${c.body}`); // what the indexer embeds

  // Query embedding latency (single queries through the worker, warm).
  for (const q of qs.slice(0, 10)) await embedder.embedQuery(q);
  const qEmbedMs: number[] = [];
  const qVecs: Float32Array[] = [];
  for (const q of qs) {
    const t = performance.now();
    qVecs.push(await embedder.embedQuery(q));
    qEmbedMs.push(performance.now() - t);
  }

  // Embedding throughput over the whole corpus (batched, as the indexer does).
  const tEmb = performance.now();
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 256)
    vectors.push(...(await embedder.embedPassages(texts.slice(i, i + 256))));
  const embedPerSec = texts.length / ((performance.now() - tEmb) / 1000);
  await embedder.close();

  const results: Record<string, unknown> = {
    dim,
    queries: QUERIES,
    queryEmbedding: lat(qEmbedMs),
    embedChunksPerSec: Math.round(embedPerSec),
    avgChunkChars: Math.round(chunks.reduce((a, c) => a + c.body.length, 0) / chunks.length),
  };
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  for (const n of SIZES) {
    const db = openDatabase(join(dir, `kb-${n}.db`), { synchronous: 'NORMAL' });
    db.pragma('mmap_size = 2147483648');
    const store = new KnowledgeStore(db);
    store.ensureVectorTable('bench', dim);
    const [, insertMs] = time(() =>
      db.transaction(() => {
        for (let i = 0; i < n; i++) {
          const tier = (['general', 'industry', 'merchant'] as const)[i % 3]!;
          const c = chunks[i]!;
          store.upsertDoc(
            { id: `d${i}`, tier, title: c.title, body: c.body, tags: [c.tag], version: 1, updatedAt: 0 },
            'hub',
          );
        }
      })(),
    );
    const chunkCount = (db.prepare('SELECT COUNT(*) AS n FROM kb_chunks').get() as { n: number }).n;
    if (chunkCount !== n) throw new Error(`expected one chunk per doc, got ${chunkCount} for ${n}`);
    const [, vecMs] = time(() =>
      store.writeVectors(
        'bench',
        vectors.slice(0, n).map((vector, i) => ({ id: i + 1, vector })),
      ),
    );
    const flat = new Float32Array(n * dim);
    vectors.slice(0, n).forEach((v, i) => flat.set(v, i * dim));

    // Corpus shape: distinct terms and how many chunks the most common ones occur in.
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'kb_fts', 'row')");
    const vocab = (db.prepare('SELECT COUNT(*) AS n FROM temp.bench_vocab').get() as { n: number }).n;
    const topTerms = db.prepare('SELECT term, doc FROM temp.bench_vocab ORDER BY doc DESC LIMIT 5').all() as {
      term: string;
      doc: number;
    }[];

    const m: Record<string, number[]> = {
      kw: [],
      kwCold: [],
      kwBefore: [],
      kwExact: [],
      vec: [],
      hyb: [],
      hybExact: [],
      jsVec: [],
      jsKw: [],
    };
    let recallHits = 0;
    let recallTotal = 0;
    const overlap = { hits: 0, tieHits: 0, beforeHits: 0, beforeTieHits: 0, total: 0 };
    const lower = texts.slice(0, n).map((t) => t.toLowerCase());
    for (let r = 0; r < 2; r++) {
      qs.forEach((q, qi) => {
        const terms = queryTerms(q);
        const expr = ftsExpression(terms.expanded);
        const [kwIds, tk] = time(() => keywordSearch(db, terms.expanded, {}));
        // The previous implementation: BM25 over every match of the full OR query.
        const [kwExactIds, tke] = time(() => (expr ? keywordCandidates(db, expr, {}) : []));
        const [kwBeforeIds, tkb] = time(() => keywordNewestCapBefore(db, terms.expanded));
        const [vecHits, tv] = time(() => vectorCandidates(db, qVecs[qi]!, {}, 50, 2));
        const [, th] = time(() => {
          const a = keywordSearch(db, terms.expanded, {});
          const b = vectorCandidates(db, qVecs[qi]!, {});
          return fuseAndHydrate(db, a, b, terms.expanded, 10, true);
        });
        const [, the] = time(() => {
          const a = expr ? keywordCandidates(db, expr, {}) : [];
          const b = vectorCandidates(db, qVecs[qi]!, {});
          return fuseAndHydrate(db, a, b, terms.expanded, 10, true);
        });
        const [exact, tj] = time(() => jsKnn(flat, dim, qVecs[qi]!, 10));
        const [, tjk] = time(() => {
          // Naive keyword baseline: count expanded-term occurrences in every text, keep the top 50.
          const scores: [number, number][] = [];
          lower.forEach((t, i) => {
            let s = 0;
            for (const term of terms.expanded) if (t.includes(term)) s++;
            if (s) scores.push([i, s]);
          });
          return scores.sort((x, y) => y[1] - x[1]).slice(0, 50);
        });
        if (r === 0) {
          m.kwCold!.push(tk); // first pass: common-term postings are read here
          return; // … and it warms caches
        }
        m.kw!.push(tk);
        m.kwBefore!.push(tkb);
        m.kwExact!.push(tke);
        m.vec!.push(tv);
        m.hyb!.push(th);
        m.hybExact!.push(the);
        m.jsVec!.push(tj);
        m.jsKw!.push(tjk);
        const got = new Set(vecHits.slice(0, 10).map((h) => h.id));
        recallHits += exact.filter((id) => got.has(id)).length;
        recallTotal += exact.length;
        const exact10 = kwExactIds.slice(0, 10);
        const kwGot = new Set(kwIds.slice(0, 10));
        const beforeGot = new Set(kwBeforeIds.slice(0, 10));
        overlap.hits += exact10.filter((id) => kwGot.has(id)).length;
        overlap.beforeHits += exact10.filter((id) => beforeGot.has(id)).length;
        if (expr) {
          overlap.tieHits += tieAwareOverlap(db, expr, exact10, kwIds.slice(0, 10));
          overlap.beforeTieHits += tieAwareOverlap(db, expr, exact10, kwBeforeIds.slice(0, 10));
        }
        overlap.total += exact10.length;
      });
    }
    results[`n${n}`] = {
      chunks: n,
      distinctTerms: vocab,
      topTermDocShare: topTerms.map((t) => `${t.term} ${((100 * t.doc) / n).toFixed(0)}%`).join(', '),
      indexChunksPerSec: Math.round(n / (insertMs / 1000)),
      vectorInsertPerSec: Math.round(n / (vecMs / 1000)),
      hybridExclEmbedding: lat(m.hyb!),
      keywordOnly: lat(m.kw!),
      keywordOnlyColdPostings: lat(m.kwCold!),
      keywordNewestCapBefore: lat(m.kwBefore!),
      vectorOnly: lat(m.vec!),
      hybridExactKeywordBefore: lat(m.hybExact!),
      keywordExactBm25Before: lat(m.kwExact!),
      naiveJsKeywordScan: lat(m.jsKw!),
      naiveJsVectorScan: lat(m.jsVec!),
      vectorRecallAt10VsExact: +(recallHits / Math.max(recallTotal, 1)).toFixed(4),
      keywordTop10OverlapVsExactBm25: +(overlap.hits / Math.max(overlap.total, 1)).toFixed(4),
      keywordTop10TieAwareOverlap: +(overlap.tieHits / Math.max(overlap.total, 1)).toFixed(4),
      newestCapBeforeTop10Overlap: +(overlap.beforeHits / Math.max(overlap.total, 1)).toFixed(4),
      newestCapBeforeTop10TieAwareOverlap: +(overlap.beforeTieHits / Math.max(overlap.total, 1)).toFixed(4),
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  results.table = markdown(results);
  return results;
}

function markdown(r: Record<string, unknown>): string {
  const rows = SIZES.map((n) => r[`n${n}`] as Record<string, unknown>);
  const cell = (v: unknown) =>
    typeof v === 'object' && v ? `${(v as { p50: number }).p50} / ${(v as { p95: number }).p95}` : String(v);
  const keys = [
    'hybridExclEmbedding',
    'keywordOnly',
    'keywordOnlyColdPostings',
    'keywordNewestCapBefore',
    'vectorOnly',
    'hybridExactKeywordBefore',
    'keywordExactBm25Before',
    'naiveJsKeywordScan',
    'naiveJsVectorScan',
    'vectorRecallAt10VsExact',
    'keywordTop10OverlapVsExactBm25',
    'keywordTop10TieAwareOverlap',
    'newestCapBeforeTop10Overlap',
    'newestCapBeforeTop10TieAwareOverlap',
    'indexChunksPerSec',
    'vectorInsertPerSec',
    'distinctTerms',
    'topTermDocShare',
    'rssMB',
  ];
  const q = r.queryEmbedding as { p50: number; p95: number };
  return [
    `| metric (ms p50 / p95 unless noted) | ${SIZES.map((n) => `${n / 1000}k chunks`).join(' | ')} |`,
    `| --- | ${SIZES.map(() => '---').join(' | ')} |`,
    ...keys.map((k) => `| ${k} | ${rows.map((row) => cell(row[k])).join(' | ')} |`),
    '',
    `query embedding (worker round trip): ${q.p50} / ${q.p95} ms; embedding throughput ${String(r.embedChunksPerSec)} chunks/s; dim ${String(r.dim)}; avg chunk ${String(r.avgChunkChars)} chars; total ${String(r.totalSeconds)} s`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runKnowledgeBench();
  const out = resolve(fileURLToPath(new URL('./results/', import.meta.url)));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'knowledge.json'), `${JSON.stringify(r, null, 2)}\n`);
  console.log(r.table);
}
