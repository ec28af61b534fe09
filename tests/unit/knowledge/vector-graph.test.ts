// The vector index's HNSW graph (graph-index.ts) on a real SQLite file and a real worker, with the
// size threshold lowered so a few thousand vectors use it: recall against exact search on
// clustered, real-like vectors (chunks mixing topics, queries offset from the passages as the bge
// query instruction puts them), writes made during a build are not lost, inserts / replaces /
// deletes keep it correct, tombstones trigger a rebuild, and a restart loads the saved graph only
// when nothing changed since it was saved.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import { KnowledgeStore } from '../../../src/main/core/knowledge/store';
import { graphWorkerFile } from '../../../src/main/core/knowledge/graph-index';
import { VectorIndex } from '../../../src/main/core/knowledge/vector-index';

const dim = 64;
const MIN = 1000;

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
}
const normal = (r: () => number) => Math.sqrt(-2 * Math.log(r())) * Math.cos(2 * Math.PI * r());
const normalise = (v: Float32Array) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

/** 60 topics; a chunk is a weighted mix of two topics plus noise, all sharing a common direction. */
function realLike(seed: number) {
  const r = rng(seed);
  const common = Float32Array.from({ length: dim }, () => normal(r));
  const topics = Array.from({ length: 60 }, () =>
    normalise(Float32Array.from({ length: dim }, () => normal(r))),
  );
  const chunk = () => {
    const a = topics[Math.floor(r() * topics.length)]!;
    const b = topics[Math.floor(r() * topics.length)]!;
    const w = 0.5 + 0.5 * r();
    return normalise(
      Float32Array.from(
        { length: dim },
        (_, j) => w * a[j]! + (1 - w) * b[j]! + (0.25 * common[j]!) / 8 + 0.35 * normal(r),
      ),
    );
  };
  const query = () => {
    const a = topics[Math.floor(r() * topics.length)]!;
    return normalise(
      Float32Array.from({ length: dim }, (_, j) => a[j]! + (0.3 * common[j]!) / 8 + 0.15 + 0.5 * normal(r)),
    );
  };
  return { chunk, query };
}

function open(file: string): { db: Db; index: VectorIndex } {
  const db = openDatabase(file, { synchronous: 'NORMAL' });
  new KnowledgeStore(db); // tables
  return { db, index: new VectorIndex(db, dim, { graphMinChunks: MIN }) };
}

function filled(n: number, seed = 5) {
  const file = join(mkdtempSync(join(tmpdir(), 'vec-graph-')), 'kb.db');
  const { db, index } = open(file);
  const gen = realLike(seed);
  const tiers = ['general', 'industry', 'merchant'];
  db.transaction(() => index.reset())();
  const vectors = new Map<number, Float32Array>();
  db.transaction(() =>
    index.putMany(
      Array.from({ length: n }, (_, i) => {
        const vector = gen.chunk();
        vectors.set(i + 1, vector);
        return { id: i + 1, tier: tiers[i % 3]!, vector };
      }),
    ),
  )();
  return { file, db, index, gen, vectors };
}

const recall = (index: VectorIndex, queries: Float32Array[]) => {
  let hits = 0;
  for (const q of queries) {
    const exact = new Set(index.exactKnn(q, 10).map((h) => h.id));
    hits += index.knn(q, 10).filter((h) => exact.has(h.id)).length;
  }
  return hits / (queries.length * 10);
};

describe('vector index graph', () => {
  it('is built in the background from the first search at its size, then finds the exact neighbours', async () => {
    const { db, index, gen, file } = filled(4000);
    expect(index.graphStatus.state).toBe('none');
    const queries = Array.from({ length: 30 }, () => gen.query());
    // The first search starts the build and is answered by the code scan meanwhile.
    expect(index.knn(queries[0]!, 10)).toHaveLength(10);
    expect(index.graphStatus.state).toBe('building');
    await index.buildGraph();
    expect(index.graphStatus).toMatchObject({ state: 'ready', size: 4000, lastError: null });
    expect(existsSync(`${file}.vec-graph`)).toBe(true);
    expect(recall(index, queries)).toBeGreaterThanOrEqual(0.95);
    // Tier filters apply to the graph's candidates too.
    for (const h of index.knn(queries[1]!, 10, ['merchant']))
      expect(
        (db.prepare('SELECT tier FROM kb_vectors WHERE chunk_id = ?').get(h.id) as { tier: string }).tier,
      ).toBe('merchant');
    index.close();
    db.close();
  });

  it('replays the inserts, replacements and deletes made while it was building', async () => {
    const { db, index, gen } = filled(3000);
    const building = index.buildGraph();
    const added = Array.from({ length: 200 }, (_, i) => ({
      id: 10_000 + i,
      tier: 'general',
      vector: gen.chunk(),
    }));
    db.transaction(() => index.putMany(added))();
    const replaced = { id: 7, tier: 'general', vector: gen.chunk() };
    db.transaction(() => index.putMany([replaced]))();
    for (let id = 100; id < 200; id++) index.delete(id);
    await building;
    expect(index.graphStatus).toMatchObject({ state: 'ready', size: 3100 });
    for (const a of [added[0]!, added[199]!, replaced]) expect(index.knn(a.vector, 1)[0]!.id).toBe(a.id);
    for (let id = 100; id < 200; id += 7) {
      const q = index.exactKnn(gen.query(), 1)[0]!; // any query: deleted ids never come back
      expect(q.id === id).toBe(false);
    }
    const many = new Set(
      Array.from({ length: 20 }, () => index.knn(gen.query(), 50).map((h) => h.id)).flat(),
    );
    for (let id = 100; id < 200; id++) expect(many.has(id)).toBe(false);
    index.close();
    db.close();
  });

  it('keeps itself correct on writes after the build, and rebuilds when deletes pile up', async () => {
    const { db, index, gen } = filled(2000);
    await index.buildGraph();
    const fresh = { id: 50_000, tier: 'industry', vector: gen.chunk() };
    db.transaction(() => index.putMany([fresh]))();
    expect(index.knn(fresh.vector, 1)[0]!.id).toBe(50_000);
    const moved = { id: 3, tier: 'general', vector: gen.chunk() };
    db.transaction(() => index.putMany([moved]))();
    expect(index.knn(moved.vector, 1)[0]!.id).toBe(3);
    index.delete(50_000);
    expect(index.knn(fresh.vector, 20).map((h) => h.id)).not.toContain(50_000);
    // Past REBUILD_REMOVED_SHARE (20 %) tombstones the graph is rebuilt in the background.
    for (let id = 1000; id < 1500; id++) index.delete(id);
    expect(index.graphStatus.state).toBe('ready'); // the old graph serves …
    await index.buildGraph(); // … until the rebuild in flight is swapped in
    expect(index.graphStatus).toMatchObject({ state: 'ready', size: 1500 });
    const after = new Set(
      Array.from({ length: 10 }, () => index.knn(gen.query(), 50).map((h) => h.id)).flat(),
    );
    for (let id = 1000; id < 1500; id++) expect(after.has(id)).toBe(false);
    index.close();
    db.close();
  });

  it('a restart loads the saved graph, unless the vectors changed after it was saved', async () => {
    const { db, index, gen, file } = filled(2500);
    await index.buildGraph();
    db.transaction(() => index.putMany([{ id: 60_000, tier: 'general', vector: gen.chunk() }]))();
    index.close(); // saves: the write above is in the file
    db.close();

    let again = open(file);
    const q = gen.query();
    const first = again.index.knn(q, 10);
    expect(again.index.graphStatus).toMatchObject({ state: 'ready', size: 2501 });
    expect(first.map((h) => h.id)).toEqual(again.index.knn(q, 10).map((h) => h.id));
    // A write and no close (a crash): the file no longer matches, so the next start rebuilds.
    again.index.delete(60_000);
    again.db.close();
    again = open(file);
    again.index.knn(q, 10);
    expect(again.index.graphStatus.state).toBe('building');
    await again.index.buildGraph();
    expect(again.index.graphStatus).toMatchObject({ state: 'ready', size: 2500 });
    // A new model empties the index and drops the graph file.
    again.db.transaction(() => again.index.reset())();
    expect(again.index.graphStatus.state).toBe('none');
    expect(existsSync(`${file}.vec-graph`)).toBe(false);
    again.index.close();
    again.db.close();
  });

  it('a build of the old model that was stopped by a model switch never marks its file as current', async () => {
    const { db, index, file } = filled(2000);
    const building = index.buildGraph();
    index.stopGraph(); // what KnowledgeStore.ensureVectorTable does before emptying the index
    const next = new VectorIndex(db, dim, { graphMinChunks: MIN });
    db.transaction(() => next.reset())();
    await building.catch(() => {});
    const saved = db.prepare("SELECT value FROM kb_meta WHERE key = 'vec_graph_saved'").pluck().get();
    expect(saved).not.toBe('1');
    expect(next.graphStatus.state).toBe('none');
    next.close();
    db.close();
    const again = open(file);
    expect(again.index.size).toBe(0);
    again.index.close();
    again.db.close();
  });

  it('below its size the code scan serves and no graph is built', () => {
    const { db, index, gen } = filled(MIN - 1);
    index.knn(gen.query(), 10);
    expect(index.graphStatus.state).toBe('none');
    index.close();
    db.close();
  });
});

describe('graph build worker path', () => {
  it('resolves to the TypeScript source when running from source (no built worker next to it)', () => {
    const file = graphWorkerFile();
    expect(file.endsWith('graph-build-worker.ts')).toBe(true);
    expect(existsSync(file)).toBe(true);
  });
});
