// The knowledge bench's 1M-chunk row (XIAOER_BENCH_1M=1): the bge embeddings of the 100k bench
// chunks plus perturbed copies of them (each a real vector plus Gaussian noise, cos ≈ 0.9 to it, so
// near-duplicates: the hard case for a top-10) up to 1,000,000, in the vector index alone (no FTS,
// no documents). Recall is measured against an exact scan of the same 1M f32 vectors.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/core/db/database';
import { KnowledgeStore } from '../src/main/core/knowledge/store';
import { VectorIndex } from '../src/main/core/knowledge/vector-index';
import { cpu, gaussian, lat, time } from './knowledge-stats';

/** 1M vectors (real + perturbed copies) in the vector index alone; recall against exact over 1M. */
export async function millionChunks(pm: { dim: number; real: number; flat: Float32Array; q: Float32Array[] }, queries: number) {
  const n = Number(process.env['XIAOER_BENCH_1M_CHUNKS'] ?? 1_000_000); // smaller only to try the code path
  const { dim } = pm;
  const dir = mkdtempSync(join(tmpdir(), 'kb-1m-'));
  const db = openDatabase(join(dir, 'kb.db'), { synchronous: 'NORMAL' });
  new KnowledgeStore(db); // tables
  const rssBefore = process.memoryUsage().rss;
  const index = new VectorIndex(db, dim);
  const g = gaussian(11);
  const sigma = 0.45 / Math.sqrt(dim);
  const vectorAt = (i: number) => {
    if (i < pm.real) return pm.flat.subarray(i * dim, (i + 1) * dim);
    const b = (i % pm.real) * dim;
    const v = new Float32Array(dim);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += (v[j] = pm.flat[b + j]! + sigma * g()) ** 2;
    return v.map((x) => x / Math.sqrt(norm));
  };
  const [, insertMs] = time(() => {
    db.transaction(() => index.reset())();
    for (let i = 0; i < n; i += 4096)
      db.transaction(() =>
        index.putMany(Array.from({ length: Math.min(4096, n - i) }, (_, k) => ({ id: i + k + 1, tier: 'general', vector: vectorAt(i + k) }))),
      )();
  });
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (let pass = 0; pass < 2; pass++)
    for (const q of pm.q.slice(0, queries)) {
      const [[, tv], cv] = cpu(() => time(() => index.knn(q, 50)));
      if (pass) {
        ms.push(tv);
        cpuMs.push(cv);
      }
    }
  const indexRssMB = Math.round((process.memoryUsage().rss - rssBefore) / 1e6);
  const sqliteFileMB = Math.round(statSync(join(dir, 'kb.db')).size / 1e6);
  let hits = 0;
  const recallQueries = pm.q.slice(0, 20);
  for (const q of recallQueries) {
    const exact = new Set(index.exactKnn(q, 10).map((h) => h.id));
    hits += index.knn(q, 10).filter((h) => exact.has(h.id)).length;
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    chunks: n,
    realEmbeddings: pm.real,
    perturbedCopies: n - pm.real,
    vectorOnly: lat(ms),
    vectorCpu: lat(cpuMs),
    vectorRecallAt10VsExact: +(hits / (recallQueries.length * 10)).toFixed(4),
    recallQueries: recallQueries.length,
    insertPerSec: Math.round(n / (insertMs / 1000)),
    /** RSS of the bench process (it also holds both models' 100k real vectors and the corpus). */
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
    /** RSS growth from opening the 1M index to after its queries: the codes, ids and maps in memory. */
    indexRssMB,
    sqliteFileMB,
  };
}
