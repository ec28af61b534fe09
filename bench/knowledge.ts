// Knowledge-base benchmark: hybrid / keyword-only / vector-only query latency at 10k and 100k chunks,
// query embedding time, indexing throughput and memory — side by side with a naive JavaScript
// brute-force scan (substring keyword scan, Float32Array dot-product KNN) in the same run.
// Real pieces only: the built-in model through the worker, jieba, FTS5, sqlite-vec.
// Run alone: npx tsx bench/knowledge.ts  → bench/results/knowledge.json + a markdown table.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SENTENCES } from '../scripts/model/corpus';
import { openDatabase } from '../src/main/core/db/database';
import { Embedder } from '../src/main/core/knowledge/embedder';
import { defaultModelDir } from '../src/main/core/knowledge/model';
import { fuseAndHydrate, ftsExpression, keywordCandidates, queryTerms, vectorCandidates } from '../src/main/core/knowledge/search';
import { KnowledgeStore } from '../src/main/core/knowledge/store';
import { prng } from '../scripts/model/linalg';

const SIZES = [10_000, 100_000];
const QUERIES = 200;
const PRODUCTS = ['外套', '羽绒服', '运动鞋', '面膜', '口红', '坚果', '牛肉干', '手机', '耳机', '空调', '洗衣机', '婴儿推车', '猫粮', '茶叶', '行李箱'];
const BRANDS = ['华为', '小米', '耐克', '李宁', '兰蔻', '三只松鼠', '海尔', '美的', '优衣库', '安踏'];

/** Deterministic synthetic KB chunks: 2–3 project sentences + a product/brand context. */
function corpus(n: number): string[] {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const k = 2 + Math.floor(rand() * 2);
    const body = Array.from({ length: k }, () => pick(BUILTIN_SENTENCES)).join('');
    return `${pick(BRANDS)}${pick(PRODUCTS)}售后说明${i}：${body}`;
  });
}

function queries(): string[] {
  const rand = prng(7);
  const questions = BUILTIN_SENTENCES.filter((s) => /[？?吗]/.test(s));
  return Array.from({ length: QUERIES }, () => {
    const q = questions[Math.floor(rand() * questions.length)]!;
    return rand() < 0.5 ? q : `${BRANDS[Math.floor(rand() * BRANDS.length)]}${q.slice(0, 12)}`;
  });
}

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

export async function runKnowledgeBench(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const embedder = new Embedder({ source: { kind: 'local', dir: defaultModelDir() } });
  const dim = await embedder.ready();
  const texts = corpus(Math.max(...SIZES));
  const qs = queries();

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
  for (let i = 0; i < texts.length; i += 256) vectors.push(...(await embedder.embedPassages(texts.slice(i, i + 256))));
  const embedPerSec = texts.length / ((performance.now() - tEmb) / 1000);
  await embedder.close();

  const results: Record<string, unknown> = { dim, queries: QUERIES, queryEmbedding: lat(qEmbedMs), embedChunksPerSec: Math.round(embedPerSec) };
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
          store.upsertDoc({ id: `d${i}`, tier, title: texts[i]!.slice(0, 12), body: texts[i]!, tags: [PRODUCTS[i % PRODUCTS.length]!], version: 1, updatedAt: 0 }, 'hub');
        }
      })(),
    );
    const [, vecMs] = time(() => store.writeVectors('bench', vectors.slice(0, n).map((vector, i) => ({ id: i + 1, vector }))));
    const flat = new Float32Array(n * dim);
    vectors.slice(0, n).forEach((v, i) => flat.set(v, i * dim));

    const kw: number[] = [];
    const vec: number[] = [];
    const hyb: number[] = [];
    const jsVec: number[] = [];
    const jsKw: number[] = [];
    let recallHits = 0;
    let recallTotal = 0;
    const lower = texts.slice(0, n).map((t) => t.toLowerCase());
    for (let r = 0; r < 2; r++) {
      qs.forEach((q, qi) => {
        const terms = queryTerms(q);
        const expr = ftsExpression(terms.expanded);
        const [kwIds, tk] = time(() => (expr ? keywordCandidates(db, expr, {}) : []));
        const [vecHits, tv] = time(() => vectorCandidates(db, qVecs[qi]!, {}, 50, 2));
        const [, th] = time(() => {
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
        if (r === 0) return; // first pass warms caches
        kw.push(tk);
        vec.push(tv);
        hyb.push(th);
        jsVec.push(tj);
        jsKw.push(tjk);
        const got = new Set(vecHits.slice(0, 10).map((h) => h.id));
        recallHits += exact.filter((id) => got.has(id)).length;
        recallTotal += exact.length;
        void kwIds;
      });
    }
    results[`n${n}`] = {
      chunks: n,
      indexChunksPerSec: Math.round(n / (insertMs / 1000)),
      vectorInsertPerSec: Math.round(n / (vecMs / 1000)),
      keywordOnly: lat(kw),
      vectorOnly: lat(vec),
      hybridExclEmbedding: lat(hyb),
      naiveJsVectorScan: lat(jsVec),
      naiveJsKeywordScan: lat(jsKw),
      vectorRecallAt10VsExact: +(recallHits / Math.max(recallTotal, 1)).toFixed(4),
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
    };
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  return results;
}

function markdown(r: Record<string, unknown>): string {
  const rows = SIZES.map((n) => r[`n${n}`] as Record<string, { p50: number; p95: number } | number>);
  const cell = (v: unknown) => (typeof v === 'object' && v ? `${(v as { p50: number }).p50} / ${(v as { p95: number }).p95}` : String(v));
  const keys = ['hybridExclEmbedding', 'keywordOnly', 'vectorOnly', 'naiveJsKeywordScan', 'naiveJsVectorScan', 'vectorRecallAt10VsExact', 'indexChunksPerSec', 'vectorInsertPerSec', 'rssMB'];
  const q = r.queryEmbedding as { p50: number; p95: number };
  return [
    `| metric (ms p50 / p95 unless noted) | ${SIZES.map((n) => `${n / 1000}k chunks`).join(' | ')} |`,
    `| --- | ${SIZES.map(() => '---').join(' | ')} |`,
    ...keys.map((k) => `| ${k} | ${rows.map((row) => cell(row[k])).join(' | ')} |`),
    '',
    `query embedding (worker round trip): ${q.p50} / ${q.p95} ms; embedding throughput ${String(r.embedChunksPerSec)} chunks/s; dim ${String(r.dim)}; total ${String(r.totalSeconds)} s`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runKnowledgeBench();
  const out = resolve(fileURLToPath(new URL('./results/', import.meta.url)));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'knowledge.json'), `${JSON.stringify(r, null, 2)}\n`);
  console.log(markdown(r));
}
