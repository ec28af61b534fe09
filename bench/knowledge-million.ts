// The knowledge bench's 1M-chunk row (XIAOER_BENCH_1M=1): the bge embeddings of the 100k bench
// chunks plus perturbed copies of them (each a real vector plus Gaussian noise, cos ≈ 0.9 to it, so
// near-duplicates: the hard case for a top-10) up to 1,000,000, in the vector index alone (no FTS,
// no documents). The product's path at this size (the HNSW graph, graph-index.ts) beside the linear
// code scan it replaces, in the same run on the same index; recall of both against an exact f32
// scan of the same 1M vectors (usearch's exactSearch over the bench's in-memory copy). Also the
// graph's build time in its worker, the RSS it adds, and a restart: reopening the index loads the
// saved codes and graph.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import usearch from 'usearch';
import { openDatabase } from '../src/main/core/db/database';
import { KnowledgeStore } from '../src/main/core/knowledge/store';
import { VectorIndex, type VectorKnnHit } from '../src/main/core/knowledge/vector-index';
import { cpu, gaussian, lat, time } from './knowledge-stats';

const mb = (bytes: number) => Math.round(bytes / 1e6);

/** 1M vectors (real + perturbed copies) in the vector index alone; recall against exact over 1M. */
export async function millionChunks(
  pm: { dim: number; real: number; flat: Float32Array; q: Float32Array[] },
  queries: number,
) {
  const n = Number(process.env['XIAOER_BENCH_1M_CHUNKS'] ?? 1_000_000); // smaller only to try the code path
  const { dim } = pm;
  const dir = mkdtempSync(join(tmpdir(), 'kb-1m-'));
  const file = join(dir, 'kb.db');
  let db = openDatabase(file, { synchronous: 'NORMAL' });
  new KnowledgeStore(db); // tables
  const rssBefore = process.memoryUsage().rss;
  let index = new VectorIndex(db, dim);
  const all = new Float32Array(n * dim); // the exact reference's copy
  all.set(pm.flat.subarray(0, Math.min(n, pm.real) * dim));
  const g = gaussian(11);
  const sigma = 0.45 / Math.sqrt(dim);
  for (let i = pm.real; i < n; i++) {
    const b = (i % pm.real) * dim;
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += (all[i * dim + j] = pm.flat[b + j]! + sigma * g()) ** 2;
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) all[i * dim + j]! /= norm;
  }
  const rssWithCopy = process.memoryUsage().rss;
  const [, insertMs] = time(() => {
    db.transaction(() => index.reset())();
    for (let i = 0; i < n; i += 4096)
      db.transaction(() =>
        index.putMany(
          Array.from({ length: Math.min(4096, n - i) }, (_, k) => ({
            id: i + k + 1,
            tier: 'general',
            vector: all.subarray((i + k) * dim, (i + k + 1) * dim),
          })),
        ),
      )();
  });
  index.scanKnn(pm.q[0]!, 10); // loads the codes
  const codesRssMB = mb(process.memoryUsage().rss - rssWithCopy);

  // The graph, built in its worker from the SQLite file (2 threads here; the app uses 1).
  process.stderr.write(
    `knowledge bench: 1M: inserted ${n} in ${Math.round(insertMs / 1000)} s, building the graph\n`,
  );
  const rssBeforeGraph = process.memoryUsage().rss;
  const cpuBeforeGraph = process.cpuUsage();
  const graphStarted = performance.now();
  await index.buildGraph(2);
  const graphBuildSeconds = Math.round((performance.now() - graphStarted) / 100) / 10;
  const graphBuildCpu = process.cpuUsage(cpuBeforeGraph);
  const graphRssMB = mb(process.memoryUsage().rss - rssBeforeGraph);

  const qs = pm.q.slice(0, queries);
  const measure = (search: (q: Float32Array) => VectorKnnHit[]) => {
    const ms: number[] = [];
    const cpuMs: number[] = [];
    for (let pass = 0; pass < 2; pass++)
      for (const q of qs) {
        const [[, tv], cv] = cpu(() => time(() => search(q)));
        if (pass) {
          ms.push(tv);
          cpuMs.push(cv);
        }
      }
    return { wall: lat(ms), cpu: lat(cpuMs) };
  };
  const graph = measure((q) => index.knn(q, 50));
  const scan = measure((q) => index.scanKnn(q, 50));

  const recallQueries = qs.slice(0, 50);
  const flatQ = new Float32Array(recallQueries.length * dim);
  recallQueries.forEach((q, i) => flatQ.set(q, i * dim));
  const exact = usearch.exactSearch(all, flatQ, dim, 10, usearch.MetricKind.Cos, 2) as {
    keys: BigUint64Array;
  };
  const recall = (search: (q: Float32Array) => VectorKnnHit[]) => {
    let hits = 0;
    recallQueries.forEach((q, qi) => {
      const truth = new Set(Array.from(exact.keys.subarray(qi * 10, qi * 10 + 10), (k) => Number(k) + 1));
      hits += search(q).filter((h) => truth.has(h.id)).length;
    });
    return +(hits / (recallQueries.length * 10)).toFixed(4);
  };
  const graphRecall = recall((q) => index.knn(q, 10));
  const scanRecall = recall((q) => index.scanKnn(q, 10));
  const rssMB = mb(process.memoryUsage().rss);
  const indexRssMB = mb(process.memoryUsage().rss - rssWithCopy);

  // A restart: saved on close, reopened, first search (codes read from SQLite + graph file loaded).
  const [, closeMs] = time(() => index.close());
  db.close();
  db = openDatabase(file, { synchronous: 'NORMAL' });
  index = new VectorIndex(db, dim);
  const [, reopenMs] = time(() => index.knn(pm.q[0]!, 10));
  const servedByGraphAfterRestart = index.graphStatus.state === 'ready';
  const sqliteFileMB = mb(statSync(file).size);
  const graphFileMB = mb(statSync(`${file}.vec-graph`).size);
  index.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    chunks: n,
    realEmbeddings: pm.real,
    perturbedCopies: n - pm.real,
    graphVectorOnly: graph.wall,
    graphVectorCpu: graph.cpu,
    graphRecallAt10VsExact: graphRecall,
    scanVectorOnly: scan.wall,
    scanVectorCpu: scan.cpu,
    scanRecallAt10VsExact: scanRecall,
    recallQueries: recallQueries.length,
    insertPerSec: Math.round(n / (insertMs / 1000)),
    graphBuildSeconds,
    graphBuildCpuSeconds: Math.round((graphBuildCpu.user + graphBuildCpu.system) / 1e5) / 10,
    /** RSS growth while loading the codes (ids, tiers, maps) after the inserts. */
    codesRssMB,
    /** RSS growth from building and loading the graph. */
    graphRssMB,
    /** RSS growth of the whole index (codes + graph), the bench's own 1M copy excluded. */
    indexRssMB,
    /** RSS of the bench process (it also holds the 1M copy, both models' 100k vectors and the corpus). */
    rssMB,
    rssBeforeMB: mb(rssBefore),
    closeSaveMs: Math.round(closeMs),
    reopenFirstSearchMs: Math.round(reopenMs),
    servedByGraphAfterRestart,
    sqliteFileMB,
    graphFileMB,
  };
}
