// Knowledge-base benchmark, the shipped model (bge-small-zh-v1.5, 512-d) beside the old default
// (xiaoer-zh-mini, 128-d, now a test fixture) in the same run: hybrid / keyword / vector query
// latency at 10k and 100k chunks (excluding the query embedding), vector recall@10 against exact
// search on the models' own embeddings of the bench corpus, the previous implementation (sqlite-vec
// exact f32 scan) as the baseline, query embedding time, indexing throughput through the real
// indexer (worker, batched) beside direct batched embedding with the same worker settings, and the
// RSS of a process serving 100k indexed chunks. Latencies are wall-clock; the CPU time of the same
// calls is reported beside them, because this 2-core machine is shared and wall time under load is
// mostly waiting for a core. The load average is recorded at start and end. Optionally 1M chunks
// (XIAOER_BENCH_1M=1, knowledge-million.ts): real embeddings plus perturbed copies, vector index only.
// Passage embeddings are cached in bench/results/*.tmp (embedding-cache.ts). When fewer than all
// chunks have real embeddings (XIAOER_BENCH_REAL caps how many are computed), the rest are
// perturbed copies of real ones, and the table says how many are real.
// Run alone: npx tsx bench/knowledge.ts  → bench/results/knowledge.json + a markdown table.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/main/core/db/database';
import { BULK_BATCH_SIZE, Embedder } from '../src/main/core/knowledge/embedder';
import { KnowledgeService } from '../src/main/core/knowledge/index';
import { defaultModelDir } from '../src/main/core/knowledge/model';
import { fuseAndHydrate, keywordSearch, queryTerms, vectorCandidates } from '../src/main/core/knowledge/search';
import { KnowledgeStore } from '../src/main/core/knowledge/store';
import { millionChunks } from './knowledge-million';
import { cpu, gaussian, lat, time } from './knowledge-stats';
import { cachedEmbeddings, FIXTURE_MODEL_DIR, passageText } from './embedding-cache';
import { benchCorpus } from './knowledge-corpus';

const require = createRequire(import.meta.url);
const SIZES = (process.env['XIAOER_BENCH_SIZES'] ?? '10000,100000').split(',').map(Number);
const QUERIES = 200;
const REAL_LIMIT = Number(process.env['XIAOER_BENCH_REAL'] ?? 100_000);
const INDEXER_DOCS = Number(process.env['XIAOER_BENCH_INDEXER_DOCS'] ?? 600);
const MODELS = [
  { key: 'bge', label: 'bge-small-zh-v1.5 (shipped)', dir: defaultModelDir() },
  { key: 'mini', label: 'xiaoer-zh-mini (old default)', dir: FIXTURE_MODEL_DIR },
].filter((m) => (process.env['XIAOER_BENCH_MODELS'] ?? 'bge,mini').split(',').includes(m.key));

const load = () => loadavg().map((x) => +x.toFixed(1));

/** Row i of the corpus: real when embedded, else a perturbed copy of a real row (cos ≈ 0.9 to it). */
function vectorsFor(real: Float32Array, realCount: number, dim: number, n: number): Float32Array {
  if (!realCount) throw new Error('no real embeddings cached: run with XIAOER_BENCH_REAL > 0');
  const out = new Float32Array(n * dim);
  out.set(real.subarray(0, Math.min(n, realCount) * dim));
  const g = gaussian(7);
  const sigma = 0.45 / Math.sqrt(dim);
  for (let i = realCount; i < n; i++) {
    const b = (i % realCount) * dim;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const x = real[b + j]! + sigma * g();
      out[i * dim + j] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) out[i * dim + j]! /= norm;
  }
  return out;
}

/** Exact top-k by dot product over unit vectors (the recall reference), 1-based chunk ids. */
function exactTop(all: Float32Array, n: number, dim: number, q: Float32Array, k: number): number[] {
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
  return best.map((b) => b.i + 1);
}

/** The real indexer (KnowledgeService → worker, batched) over the first docs of the corpus. */
async function indexerThroughput(dir: string, docs: { title: string; body: string; tag: string }[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'kb-indexer-'));
  const db = openDatabase(join(tmp, 'kb.db'), { synchronous: 'NORMAL' });
  const svc = new KnowledgeService(db, { model: { source: { kind: 'local', dir } } });
  await svc.modelReady();
  const started = performance.now();
  await svc.syncFrom(async () => ({
    version: 1,
    docs: docs.map((c, i) => ({ id: `d${i}`, tier: 'general' as const, title: c.title, body: c.body, tags: [c.tag], version: 1, updatedAt: 0 })),
    deletedIds: [],
  }));
  await svc.whenIndexed();
  const seconds = (performance.now() - started) / 1000;
  const chunks = svc.stats().embedded;
  await svc.close();
  db.close();
  rmSync(tmp, { recursive: true, force: true });
  return Math.round(chunks / seconds);
}

/**
 * The same texts embedded directly (the bench cache's way: sorted by length, BULK_BATCH_SIZE per
 * round trip) with the worker's default thread count, or with `threads`: what the model itself
 * delivers here, beside which the indexer's figure shows the indexer's own overhead.
 */
async function directThroughput(dir: string, texts: string[], threads?: number): Promise<number> {
  const e = new Embedder({ source: { kind: 'local', dir } }, threads ? { threads } : {});
  await e.ready();
  const sorted = [...texts].sort((a, b) => a.length - b.length);
  const started = performance.now();
  const parts: Promise<Float32Array[]>[] = [];
  for (let i = 0; i < sorted.length; i += BULK_BATCH_SIZE) parts.push(e.embedPassages(sorted.slice(i, i + BULK_BATCH_SIZE)));
  await Promise.all(parts);
  const perSec = Math.round(texts.length / ((performance.now() - started) / 1000));
  await e.close();
  return perSec;
}

/** RSS of a fresh process serving hybrid search over `dbFile` with the model loaded (bench/knowledge-rss.ts). */
function servingRss(dbFile: string, modelDir: string): { rssMB: number; hybridMs: { p50: number; p95: number } } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./knowledge-rss.ts', import.meta.url)), dbFile, modelDir],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as { rssMB: number; hybridMs: { p50: number; p95: number } };
}

export async function runKnowledgeBench(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const loadAtStart = load();
  // Always the 100k corpus, so the embedding cache is shared by every size.
  const { chunks, queries: qs } = benchCorpus(Math.max(100_000, ...SIZES), QUERIES);
  const texts = chunks.map(passageText);
  const results: Record<string, unknown> = { queries: QUERIES, avgChunkChars: Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length) };
  const perModel: Record<string, { dim: number; real: number; flat: Float32Array; q: Float32Array[]; fingerprint: string; dir: string }> = {};

  for (const m of MODELS) {
    process.stderr.write(`knowledge bench: ${m.label}: indexer throughput over ${INDEXER_DOCS} docs\n`);
    const indexerChunksPerSec = await indexerThroughput(m.dir, chunks.slice(0, INDEXER_DOCS));
    const directChunksPerSec = await directThroughput(m.dir, texts.slice(0, INDEXER_DOCS));
    const direct2ThreadsChunksPerSec = await directThroughput(m.dir, texts.slice(0, INDEXER_DOCS), 2);
    const embedder = new Embedder({ source: { kind: 'local', dir: m.dir } });
    const dim = await embedder.ready();
    for (const q of qs.slice(0, 10)) await embedder.embedQuery(q);
    const qMs: number[] = [];
    const qv: Float32Array[] = [];
    for (const q of qs) {
      const t = performance.now();
      qv.push(await embedder.embedQuery(q));
      qMs.push(performance.now() - t);
    }
    const cache = await cachedEmbeddings(embedder, texts, REAL_LIMIT);
    perModel[m.key] = { dim, real: cache.real, flat: cache.flat, q: qv, fingerprint: embedder.fingerprint, dir: m.dir };
    results[m.key] = {
      model: m.label,
      dim,
      queryEmbedding: lat(qMs),
      indexerChunksPerSec,
      directChunksPerSec,
      direct2ThreadsChunksPerSec,
      cacheEmbedChunksPerSec: cache.chunksPerSec === null ? null : Math.round(cache.chunksPerSec),
      realEmbeddings: cache.real,
    };
    await embedder.close();
  }

  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  for (const n of SIZES) {
    const file = join(dir, `kb-${n}.db`);
    const db = openDatabase(file, { synchronous: 'NORMAL' });
    db.pragma('mmap_size = 2147483648');
    const store = new KnowledgeStore(db);
    const [, insertMs] = time(() =>
      db.transaction(() => {
        for (let i = 0; i < n; i++) {
          const tier = (['general', 'industry', 'merchant'] as const)[i % 3]!;
          const c = chunks[i]!;
          store.upsertDoc({ id: `d${i}`, tier, title: c.title, body: c.body, tags: [c.tag], version: 1, updatedAt: 0 }, 'hub');
        }
      })(),
    );
    const row: Record<string, unknown> = { chunks: n, keywordIndexChunksPerSec: Math.round(n / (insertMs / 1000)) };
    for (const m of MODELS) {
      const pm = perModel[m.key]!;
      const { dim } = pm;
      const all = vectorsFor(pm.flat, pm.real, dim, n);
      store.ensureVectorTable(pm.fingerprint, dim);
      const [, vecMs] = time(() => {
        for (let i = 0; i < n; i += 128)
          store.writeVectors(
            pm.fingerprint,
            Array.from({ length: Math.min(128, n - i) }, (_, k) => ({ id: i + k + 1, vector: all.subarray((i + k) * dim, (i + k + 1) * dim) })),
          );
      });
      store.markVectorsComplete();
      // The previous implementation as the baseline: sqlite-vec's exact f32 scan (vec0).
      (require('sqlite-vec') as { load(db: Db): void }).load(db);
      db.exec('DROP TABLE IF EXISTS bench_vec0');
      db.exec(`CREATE VIRTUAL TABLE bench_vec0 USING vec0(embedding float[${dim}] distance_metric=cosine)`);
      const ins0 = db.prepare('INSERT INTO bench_vec0 (rowid, embedding) VALUES (?, ?)');
      db.transaction(() => {
        for (let i = 0; i < n; i++) ins0.run(BigInt(i + 1), all.subarray(i * dim, (i + 1) * dim));
      })();
      const vec0 = db.prepare('SELECT rowid AS id, distance FROM bench_vec0 WHERE embedding MATCH ? AND k = ? ORDER BY distance');
      const before = (q: Float32Array) =>
        (vec0.all(q, 50) as { id: number; distance: number }[]).filter((r) => r.distance <= 0.92).map((r) => ({ id: Number(r.id), similarity: 1 - r.distance }));

      const t: Record<string, number[]> = { kw: [], vec: [], hyb: [], vecBefore: [], hybBefore: [], js: [], kwCpu: [], vecCpu: [], hybCpu: [] };
      let hits = 0;
      let total = 0;
      for (let pass = 0; pass < 2; pass++) {
        qs.forEach((q, qi) => {
          const qv = pm.q[qi]!;
          const terms = queryTerms(q);
          const [[, tk], ck] = cpu(() => time(() => keywordSearch(db, terms.expanded, {})));
          const [[vecHits, tv], cv] = cpu(() => time(() => vectorCandidates(db, qv, {}, 50, 2)));
          const hybrid = () => fuseAndHydrate(db, keywordSearch(db, terms.expanded, {}), vectorCandidates(db, qv, {}), terms.expanded, 10, true);
          const [[, th], ch] = cpu(() => time(hybrid));
          const [, tvb] = time(() => before(qv));
          const [, thb] = time(() => fuseAndHydrate(db, keywordSearch(db, terms.expanded, {}), before(qv), terms.expanded, 10, true));
          if (pass === 0) return; // warm-up: caches, postings, code table
          const [exact, tj] = time(() => exactTop(all, n, dim, qv, 10));
          t.kw!.push(tk);
          t.kwCpu!.push(ck);
          t.vecCpu!.push(cv);
          t.hybCpu!.push(ch);
          t.vec!.push(tv);
          t.hyb!.push(th);
          t.vecBefore!.push(tvb);
          t.hybBefore!.push(thb);
          t.js!.push(tj);
          const got = new Set(vecHits.slice(0, 10).map((h) => h.id));
          hits += exact.filter((id) => got.has(id)).length;
          total += exact.length;
        });
      }
      db.exec('DROP TABLE bench_vec0');
      const served = n === Math.max(...SIZES) ? servingRss(file, pm.dir) : null;
      row[m.key] = {
        realEmbeddings: Math.min(n, pm.real),
        hybridExclEmbedding: lat(t.hyb!),
        hybridCpu: lat(t.hybCpu!),
        keywordOnly: lat(t.kw!),
        keywordCpu: lat(t.kwCpu!),
        vectorOnly: lat(t.vec!),
        vectorCpu: lat(t.vecCpu!),
        vectorRecallAt10VsExact: +(hits / Math.max(total, 1)).toFixed(4),
        hybridSqliteVecExactBefore: lat(t.hybBefore!),
        vectorSqliteVecExactBefore: lat(t.vecBefore!),
        naiveJsVectorScan: lat(t.js!),
        vectorInsertPerSec: Math.round(n / (vecMs / 1000)),
        ...(served ? { servingRssMB: served.rssMB, servingHybridInclEmbedding: served.hybridMs } : {}),
      };
      process.stderr.write(`knowledge bench: ${n} chunks, ${m.label}: ${JSON.stringify(row[m.key])}\n`);
    }
    results[`n${n}`] = row;
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
  if (process.env['XIAOER_BENCH_1M'] === '1' && perModel['bge']) results['n1000000'] = await millionChunks(perModel['bge']!, qs.length);
  results['totalSeconds'] = Math.round((Date.now() - started) / 1000);
  results['loadAverage'] = { start: loadAtStart, end: load() };
  results['table'] = markdown(results);
  return results;
}

function markdown(r: Record<string, unknown>): string {
  const cell = (v: unknown) =>
    v && typeof v === 'object' ? `${(v as { p50: number }).p50} / ${(v as { p95: number }).p95}` : v === undefined ? '—' : String(v);
  const keys = [
    'realEmbeddings',
    'hybridExclEmbedding',
    'hybridCpu',
    'keywordOnly',
    'keywordCpu',
    'vectorOnly',
    'vectorCpu',
    'vectorRecallAt10VsExact',
    'hybridSqliteVecExactBefore',
    'vectorSqliteVecExactBefore',
    'naiveJsVectorScan',
    'vectorInsertPerSec',
    'servingRssMB',
    'servingHybridInclEmbedding',
  ];
  const cols = SIZES.flatMap((n) => MODELS.map((m) => ({ n, m })));
  const lines = [
    `| metric (ms p50 / p95 unless noted) | ${cols.map(({ n, m }) => `${n / 1000}k · ${m.key === 'bge' ? 'bge 512-d' : 'old 128-d'}`).join(' | ')} |`,
    `| --- | ${cols.map(() => '---').join(' | ')} |`,
    ...keys.map((k) => `| ${k} | ${cols.map(({ n, m }) => cell((r[`n${n}`] as Record<string, Record<string, unknown>>)[m.key]?.[k])).join(' | ')} |`),
    '',
    ...MODELS.map((m) => {
      const x = r[m.key] as Record<string, unknown>;
      const q = x['queryEmbedding'] as { p50: number; p95: number };
      return `${String(x['model'])}: query embedding ${q.p50} / ${q.p95} ms; indexer ${String(x['indexerChunksPerSec'])} chunks/s (KnowledgeService, worker, ${INDEXER_DOCS} docs), direct batched ${String(x['directChunksPerSec'])} chunks/s (same worker settings), ${String(x['direct2ThreadsChunksPerSec'])} chunks/s with 2 ONNX threads; real embeddings ${String(x['realEmbeddings'])} of 100k`;
    }),
  ];
  const million = r['n1000000'] as Record<string, unknown> | undefined;
  if (million)
    lines.push(
      `1M chunks (bge, ${String(million['realEmbeddings'])} real embeddings + ${String(million['perturbedCopies'])} perturbed copies of them, vector index only, ${String(million['recallQueries'])} recall queries): ` +
        `graph (served) ${cell(million['graphVectorOnly'])} ms (CPU ${cell(million['graphVectorCpu'])} ms), recall@10 ${String(million['graphRecallAt10VsExact'])}; ` +
        `linear code scan ${cell(million['scanVectorOnly'])} ms (CPU ${cell(million['scanVectorCpu'])} ms), recall@10 ${String(million['scanRecallAt10VsExact'])}; ` +
        `graph build ${String(million['graphBuildSeconds'])} s wall / ${String(million['graphBuildCpuSeconds'])} s CPU (worker, 2 threads); insert ${String(million['insertPerSec'])}/s; ` +
        `RSS +${String(million['codesRssMB'])} MB codes, +${String(million['graphRssMB'])} MB graph (bench process ${String(million['rssMB'])} MB); ` +
        `restart: first search ${String(million['reopenFirstSearchMs'])} ms (graph ${million['servedByGraphAfterRestart'] ? 'loaded' : 'NOT loaded'}), save on close ${String(million['closeSaveMs'])} ms; ` +
        `SQLite file ${String(million['sqliteFileMB'])} MB, graph file ${String(million['graphFileMB'])} MB`,
    );
  else lines.push('1M chunks: not measured in this run (XIAOER_BENCH_1M=1).');
  const la = r['loadAverage'] as { start: number[]; end: number[] } | undefined;
  lines.push(
    `avg chunk ${String(r['avgChunkChars'])} chars; total ${String(r['totalSeconds'])} s; load average (1 / 5 / 15 min) ${la ? `${la.start.join(' / ')} at start, ${la.end.join(' / ')} at end` : '—'} on ${cpus().length} cores`,
  );
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runKnowledgeBench();
  const out = resolve(fileURLToPath(new URL('./results/', import.meta.url)));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'knowledge.json'), `${JSON.stringify(r, null, 2)}\n`);
  console.log(r['table']);
}
