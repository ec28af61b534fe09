// Embeddings of the bench corpus, cached in a scratch file (bench/results/*.tmp, git-ignored): the
// real model needs minutes for 100k chunks on this shared 2-core machine, so a rerun reads them back.
// The file is appended batch by batch, so an interrupted run resumes where it stopped. The cache key
// is the model fingerprint and the texts, so another model or another corpus never reads stale
// vectors. Throughput is only reported for vectors embedded in this run.
// Pre-fill alone: npx tsx bench/embedding-cache.ts [n]
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Embedder } from '../src/main/core/knowledge/embedder';
import { defaultModelDir } from '../src/main/core/knowledge/model';
import { benchCorpus } from './knowledge-corpus';

export const RESULTS_DIR = resolve(fileURLToPath(new URL('./results/', import.meta.url)));
export const FIXTURE_MODEL_DIR = resolve(
  fileURLToPath(new URL('../tests/fixtures/models/xiaoer-zh-mini/', import.meta.url)),
);

export interface CachedVectors {
  dim: number;
  /** n × dim, row i = texts[i]. */
  flat: Float32Array;
  /** chunks/s of the part embedded in this run (null: all from the cache). */
  embeddedNow: number;
  chunksPerSec: number | null;
  file: string;
}

/** Texts per worker round trip. Batches are padded to their longest text, so each block of texts is
 * embedded shortest first and small batches waste little (16 measured fastest here). */
export const BATCH = 16;
/** Blocks are written in corpus order, so a cache cut short is usable up to its last whole block. */
const BLOCK = 2048;

export async function cachedEmbeddings(
  embedder: Embedder,
  texts: readonly string[],
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<CachedVectors> {
  const dim = await embedder.ready();
  const key = createHash('sha256').update(embedder.fingerprint).update('\0');
  for (const t of texts) key.update(t).update('\0');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `kb-vectors-${embedder.model.name}-${texts.length}-${key.digest('hex').slice(0, 12)}.tmp`);
  const rowBytes = dim * 4;
  let have = existsSync(file) ? Math.floor(statSync(file).size / rowBytes) : 0;
  have = have >= texts.length ? texts.length : Math.floor(have / BLOCK) * BLOCK;
  if (existsSync(file)) truncateSync(file, have * rowBytes); // drop a half-written block
  const started = performance.now();
  const fd = openSync(file, 'a');
  try {
    let lastLog = 0;
    for (let b = have; b < texts.length; b += BLOCK) {
      const idx = Array.from({ length: Math.min(BLOCK, texts.length - b) }, (_, i) => b + i);
      idx.sort((x, y) => texts[x]!.length - texts[y]!.length);
      const block = new Float32Array(idx.length * dim);
      for (let i = 0; i < idx.length; i += BATCH) {
        const part = idx.slice(i, i + BATCH);
        const vectors = await embedder.embedPassages(part.map((j) => texts[j]!));
        vectors.forEach((v, j) => block.set(v, (part[j]! - b) * dim));
      }
      writeSync(fd, new Uint8Array(block.buffer));
      const done = b + idx.length;
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        const rate = (done - have) / ((performance.now() - started) / 1000);
        log(`  embedding ${embedder.model.name}: ${done}/${texts.length} (${rate.toFixed(0)} chunks/s, ETA ${((texts.length - done) / rate).toFixed(0)} s)`);
      }
    }
  } finally {
    closeSync(fd);
  }
  const embeddedNow = texts.length - have;
  const seconds = (performance.now() - started) / 1000;
  const bytes = readFileSync(file);
  const flat = new Float32Array(bytes.buffer, bytes.byteOffset, texts.length * dim);
  return { dim, flat, embeddedNow, chunksPerSec: embeddedNow >= BATCH ? embeddedNow / seconds : null, file };
}

export const passageText = (c: { title: string; body: string }) => `${c.title}\n${c.body}`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 100_000);
  const texts = benchCorpus(n, 0).chunks.map(passageText);
  for (const dir of [FIXTURE_MODEL_DIR, defaultModelDir()]) {
    const e = new Embedder({ source: { kind: 'local', dir } }, { threads: 2 });
    const r = await cachedEmbeddings(e, texts);
    console.log(`${e.model.name}: ${r.file} (${r.embeddedNow} embedded now, ${r.chunksPerSec?.toFixed(0) ?? '-'} chunks/s)`);
    await e.close();
  }
}
