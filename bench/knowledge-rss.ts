// Child process of bench/knowledge.ts: opens a knowledge database that is already indexed for the
// given model, loads the model, serves 50 hybrid searches (query embedding included) and prints its
// RSS as JSON. A fresh process, so the figure is what a core holding that index costs — not the
// bench's own copies of vectors and texts.
import { openDatabase } from '../src/main/core/db/database';
import { KnowledgeService } from '../src/main/core/knowledge/index';
import { benchCorpus } from './knowledge-corpus';

const [dbFile, modelDir] = process.argv.slice(2);
if (!dbFile || !modelDir) throw new Error('usage: knowledge-rss.ts DB MODEL_DIR');
const db = openDatabase(dbFile, { synchronous: 'NORMAL' });
const svc = new KnowledgeService(db, { model: { source: { kind: 'local', dir: modelDir } } });
await svc.modelReady();
await svc.whenIndexed(); // nothing pending: marks the index complete for this model
const { queries } = benchCorpus(100, 60, 99);
const ms: number[] = [];
let hybrid = 0;
for (const [i, q] of queries.entries()) {
  const r = await svc.search(q);
  if (r.mode === 'hybrid') hybrid++;
  if (i >= 10) ms.push(r.tookMs);
}
ms.sort((a, b) => a - b);
const p = (x: number) => +ms[Math.min(ms.length - 1, Math.floor(x * ms.length))]!.toFixed(2);
const rssMB = Math.round(process.memoryUsage().rss / 1e6);
await svc.close();
db.close();
if (hybrid < queries.length) throw new Error(`only ${hybrid}/${queries.length} searches were hybrid`);
console.log(JSON.stringify({ rssMB, hybridMs: { p50: p(0.5), p95: p(0.95) } }));
