// The vector index. Every chunk's vector is stored twice in kb_vectors: the f32 vector (exact) and a
// 1-bit-per-dimension code of it, centred on the index's mean vector (64 bytes at 512-d). Search
// scores every code against the f32 query with asymmetric distance — per query, a 256-entry table
// per code byte holds that byte's contribution Σ ±(q − centre), so a chunk costs 64 table lookups
// — keeps the best CANDIDATES, and rescores only those with the exact cosine of their f32 vectors.
// The scan reads the codes as 32-bit words (4 lookups each; little-endian byte order, as on every
// platform Electron ships for): 2.6× faster than byte by byte, ~4 ms CPU at 100k × 512-d here.
// The codes (ids, tiers, bytes) live in memory, loaded once from SQLite: 6.4 MB at 100k chunks.
// From GRAPH_MIN_CHUNKS on, an HNSW graph (graph-index.ts) proposes the candidates instead of the
// linear scan, so 1M chunks cost about what 100k do; the scan serves while the graph is built.
// Why this and not sqlite-vec's own scans, int8 or IVF partitioning: docs/ARCHITECTURE.md
// (Decisions); bench/knowledge.ts measures it against exact search on real model embeddings.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import { GRAPH_MIN_CHUNKS, VectorGraph, type GraphStatus } from './graph-index';
import { CodeTable, topSlots } from './code-table';
import { graphParams } from './graph-params';

/**
 * Chunks rescored exactly per query: at least this many, or 4 × k. On 73,728 real bge embeddings of
 * the bench corpus (200 queries), recall@10 was 0.926 with 100 candidates, 0.971 with 200, 0.985
 * with 300, 0.990 with 400 and 0.998 with 800; reading and rescoring 400 costs ~1.5 ms.
 */
export const MIN_CANDIDATES = 400;
export const CANDIDATES_PER_K = 4;
/**
 * Candidates the graph proposes for rescoring (its search beam). More than the scan's 400: a graph
 * misses neighbours differently from the code scan (greedy walk vs ranking error), and the beam is
 * cheap next to the rescoring of the candidates (bench/knowledge-million.ts).
 */
export const GRAPH_CANDIDATES = 800;

export interface VectorKnnHit {
  id: number;
  /** Cosine distance (1 − cosine similarity), exact. */
  distance: number;
}

const TIERS = ['general', 'industry', 'merchant'] as const;
const tierCode = (tier: string) => Math.max(0, TIERS.indexOf(tier as (typeof TIERS)[number]));

const bytesOf = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const floatsOf = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
/** A zero-copy view when the blob is 4-byte aligned (Float32Array requires it), else a copy. */
const floatView = (b: Buffer) =>
  b.byteOffset % 4 === 0 ? new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4) : floatsOf(b);

/** Sign bits of (v − centre), 8 dimensions per byte, low bit first. */
export function binaryCode(v: Float32Array, centre: Float32Array | null): Uint8Array {
  const code = new Uint8Array(Math.ceil(v.length / 8));
  for (let j = 0; j < v.length; j++) if (v[j]! - (centre?.[j] ?? 0) > 0) code[j >> 3]! |= 1 << (j & 7);
  return code;
}

function mean(vectors: readonly Float32Array[], dim: number): Float32Array {
  const m = new Float32Array(dim);
  for (const v of vectors) for (let j = 0; j < dim; j++) m[j]! += v[j]! / vectors.length;
  return m;
}

function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    dot += a[j]! * b[j]!;
    na += a[j]! * a[j]!;
    nb += b[j]! * b[j]!;
  }
  return na && nb ? 1 - dot / Math.sqrt(na * nb) : 1;
}

export interface VectorIndexOptions {
  /** Chunks from which the graph serves (default GRAPH_MIN_CHUNKS); tests lower it. */
  graphMinChunks?: number;
}

export class VectorIndex {
  private table: CodeTable | null = null;
  private centre: Float32Array | null;
  private readonly scores = { buf: new Float32Array(0) };
  private vectorsOf: Statement | null = null;
  private readonly graph: VectorGraph;
  readonly graphMinChunks: number;

  constructor(
    private readonly db: Db,
    readonly dim: number,
    options: VectorIndexOptions = {},
  ) {
    const c = this.meta('vec_centre');
    this.centre = c ? floatsOf(Buffer.from(c, 'base64')) : null;
    this.graphMinChunks = options.graphMinChunks ?? GRAPH_MIN_CHUNKS;
    const one = db.prepare('SELECT vector FROM kb_vectors WHERE chunk_id = ?').pluck();
    this.graph = new VectorGraph(db, graphParams(dim, GRAPH_CANDIDATES), VectorGraph.fileFor(db), (id) => {
      const blob = one.get(id) as Buffer | undefined;
      return blob?.byteLength === dim * 4 ? floatsOf(blob) : null;
    });
  }

  private meta(key: string): string | null {
    return (
      (this.db.prepare('SELECT value FROM kb_meta WHERE key = ?').get(key) as { value: string } | undefined)
        ?.value ?? null
    );
  }

  /** Empties the index for a new model or width. */
  reset(): void {
    this.db.exec('DELETE FROM kb_vectors');
    this.db.prepare("DELETE FROM kb_meta WHERE key = 'vec_centre'").run();
    this.centre = null;
    this.table = new CodeTable(Math.ceil(this.dim / 8));
    this.graph.reset();
  }

  /** Inserts or replaces vectors (call inside a transaction). The first batch fixes the centre. */
  putMany(items: readonly { id: number; tier: string; vector: Float32Array }[]): void {
    for (const { vector } of items)
      if (vector.length !== this.dim)
        throw new Error(`vector width ${vector.length} ≠ index width ${this.dim}`);
    if (!this.centre && items.length) {
      this.centre = mean(
        items.map((i) => i.vector),
        this.dim,
      );
      this.db
        .prepare(
          "INSERT INTO kb_meta (key, value) VALUES ('vec_centre', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .run(bytesOf(this.centre).toString('base64'));
    }
    const ins = this.db.prepare(
      'INSERT OR REPLACE INTO kb_vectors (chunk_id, tier, code, vector) VALUES (?, ?, ?, ?)',
    );
    for (const { id, tier, vector } of items) {
      const code = binaryCode(vector, this.centre);
      ins.run(id, tier, code, bytesOf(vector));
      this.table?.put(id, tierCode(tier), code);
      this.graph.put(id, vector);
    }
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM kb_vectors WHERE chunk_id = ?').run(id);
    this.table?.delete(id);
    this.graph.delete(id);
  }

  setTier(id: number, tier: string): void {
    this.db.prepare('UPDATE kb_vectors SET tier = ? WHERE chunk_id = ?').run(tier, id);
    this.table?.setTier(id, tierCode(tier));
  }

  /** Reads the codes into memory (once; later writes keep them current). */
  warm(): void {
    if (this.table) return;
    const t = new CodeTable(Math.ceil(this.dim / 8));
    for (const [id, tier, code] of this.db
      .prepare('SELECT chunk_id, tier, code FROM kb_vectors')
      .raw()
      .iterate() as Iterable<[number, string, Buffer]>)
      t.put(id, tierCode(tier), code);
    this.table = t;
    if (t.size >= this.graphMinChunks) this.graph.loadSaved();
  }

  /** The graph's state (for stats and the bench). */
  get graphStatus(): GraphStatus {
    return this.graph.status;
  }

  /** Builds (or rebuilds) the graph in the background; resolves when it serves. */
  buildGraph(threads = 1): Promise<void> {
    this.warm();
    return this.graph.rebuild(threads);
  }

  /** Replaced by another index (a new model): stops its graph build, so it cannot mark a stale file saved. */
  stopGraph(): void {
    this.graph.stop();
  }

  /** Saves the graph beside the database if it changed, and stops a build in flight. */
  close(): void {
    this.graph.close();
  }

  get size(): number {
    this.warm();
    return this.table!.size;
  }

  /** Asymmetric code scores for every chunk (higher = closer); -Infinity where the tier is filtered out. */
  private scan(query: Float32Array, tiers: readonly string[] | undefined): Float32Array {
    this.warm();
    const t = this.table!;
    // One 256-entry table per code byte, padding bytes included (their entries stay 0).
    const lut = new Float32Array(t.stride * 256);
    for (let p = 0; p < t.bytes; p++) {
      const base = p * 256;
      for (let bit = 0; bit < 8; bit++) {
        const j = p * 8 + bit;
        const x = j < this.dim ? query[j]! - (this.centre?.[j] ?? 0) : 0;
        const mask = 1 << bit;
        for (let byte = 0; byte < 256; byte++) lut[base + byte]! += byte & mask ? x : -x;
      }
    }
    if (this.scores.buf.length < t.size) this.scores.buf = new Float32Array(t.ids.length);
    const scores = this.scores.buf;
    let allowed: Uint8Array | null = null;
    if (tiers?.length) {
      allowed = new Uint8Array(TIERS.length);
      for (const tier of tiers) allowed[tierCode(tier)] = 1;
    }
    const { words, tiers: slotTiers, size } = t;
    const perCode = t.stride >> 2;
    // The hot loop: 4 table lookups per 32-bit word, two accumulators so the adds can overlap.
    for (let s = 0, o = 0; s < size; s++, o += perCode) {
      if (allowed && !allowed[slotTiers[s]!]) {
        scores[s] = -Infinity;
        continue;
      }
      let a = 0;
      let b = 0;
      for (let w = 0, base = 0; w < perCode; w++, base += 1024) {
        const x = words[o + w]!;
        a += lut[base | (x & 255)]! + lut[base + 256 + ((x >>> 8) & 255)]!;
        b += lut[base + 512 + ((x >>> 16) & 255)]! + lut[base + 768 + (x >>> 24)]!;
      }
      scores[s] = a + b;
    }
    return scores;
  }

  private rescore(query: Float32Array, ids: readonly number[], k: number): VectorKnnHit[] {
    if (!ids.length) return [];
    // One statement for all candidates (json_each), prepared once: 400 point lookups cost ~1.3 ms.
    this.vectorsOf ??= this.db
      .prepare('SELECT chunk_id, vector FROM kb_vectors WHERE chunk_id IN (SELECT value FROM json_each(?))')
      .raw();
    const rows = this.vectorsOf.all(JSON.stringify(ids)) as [number, Buffer][];
    const hits: VectorKnnHit[] = new Array<VectorKnnHit>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [id, blob] = rows[i]!;
      hits[i] = { id, distance: cosineDistance(query, floatView(blob)) };
    }
    return hits.sort((a, b) => a.distance - b.distance || a.id - b.id).slice(0, k);
  }

  /**
   * The k nearest chunks by cosine: candidates from the graph (at graphMinChunks and above, once
   * built) or the code scan, then exact rescoring of the best. At that size without a graph, the
   * first search starts its build and the scan serves until it is ready.
   */
  knn(query: Float32Array, k: number, tiers?: readonly string[]): VectorKnnHit[] {
    if (query.length !== this.dim) throw new Error(`query width ${query.length} ≠ index width ${this.dim}`);
    this.warm();
    const t = this.table!;
    if (t.size >= this.graphMinChunks) {
      if (!this.graph.ready && this.graph.status.state === 'none' && this.graph.file)
        void this.graph.rebuild();
      const hits = this.graphKnn(query, k, tiers);
      if (hits) return hits;
    }
    return this.scanKnn(query, k, tiers);
  }

  /** Graph candidates (tier-filtered) rescored exactly; null when no graph serves or too few pass. */
  private graphKnn(query: Float32Array, k: number, tiers?: readonly string[]): VectorKnnHit[] | null {
    const count = Math.max(k * CANDIDATES_PER_K, GRAPH_CANDIDATES);
    const ids = this.graph.search(query, count);
    if (!ids) return null;
    const t = this.table!;
    let kept = ids;
    if (tiers?.length) {
      const allowed = new Set(tiers.map(tierCode));
      kept = ids.filter((id) => {
        const slot = t.slotOf.get(id);
        return slot !== undefined && allowed.has(t.tiers[slot]!);
      });
      // A narrow tier filter can leave fewer than k of the graph's candidates: the scan is exact there.
      if (kept.length < k) return null;
    }
    return this.rescore(query, kept, k);
  }

  /** The k nearest by the code scan of every chunk (the path below graphMinChunks; the bench's baseline). */
  scanKnn(query: Float32Array, k: number, tiers?: readonly string[]): VectorKnnHit[] {
    if (query.length !== this.dim) throw new Error(`query width ${query.length} ≠ index width ${this.dim}`);
    const scores = this.scan(query, tiers);
    const t = this.table!;
    const slots = topSlots(scores, t.size, Math.max(k * CANDIDATES_PER_K, MIN_CANDIDATES));
    return this.rescore(
      query,
      Array.from(slots, (s) => t.ids[s]!),
      k,
    );
  }

  /** Exact KNN over every stored f32 vector: the reference recall is measured against. */
  exactKnn(query: Float32Array, k: number, tiers?: readonly string[]): VectorKnnHit[] {
    const tierSql = tiers?.length ? ` WHERE tier IN (${tiers.map(() => '?').join(',')})` : '';
    const best: VectorKnnHit[] = [];
    for (const [id, blob] of this.db
      .prepare(`SELECT chunk_id, vector FROM kb_vectors${tierSql}`)
      .raw()
      .iterate(...(tiers ?? [])) as Iterable<[number, Buffer]>) {
      const distance = cosineDistance(query, floatView(blob));
      if (best.length < k || distance < best[best.length - 1]!.distance) {
        best.push({ id, distance });
        best.sort((a, b) => a.distance - b.distance || a.id - b.id);
        if (best.length > k) best.pop();
      }
    }
    return best;
  }
}

/** The store registers its index here so search (which gets only the Db) can reach it. */
const indexes = new WeakMap<Db, VectorIndex>();
export const registerVectorIndex = (db: Db, index: VectorIndex) => indexes.set(db, index);
export const vectorIndexOf = (db: Db): VectorIndex | null => indexes.get(db) ?? null;

/** The k nearest chunks by cosine for search.ts; empty when the index has no vectors yet. */
export function vectorKnn(db: Db, query: Float32Array, k: number, tiers?: readonly string[]): VectorKnnHit[] {
  const index = vectorIndexOf(db);
  return index && index.dim === query.length ? index.knn(query, k, tiers) : [];
}

/**
 * Migration of an index from the sqlite-vec era (kb_vec, f32 only): its vectors are copied with
 * codes centred on their mean, so nothing is re-embedded. Runs inside the migration transaction.
 */
export function migrateFromVec0(db: Db): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'kb_vec'").get();
  if (!exists) return 0;
  let rows: [number | bigint, string, Buffer][] = [];
  try {
    rows = db.prepare('SELECT rowid, tier, embedding FROM kb_vec').raw().all() as typeof rows;
  } catch {
    rows = []; // sqlite-vec not loadable here: the vectors are rebuilt by the indexer instead
  }
  const vectors = rows.map(([, , blob]) => floatsOf(blob));
  const dim = vectors[0]?.length ?? 0;
  if (rows.length && dim) {
    const centre = mean(vectors, dim);
    db.prepare(
      "INSERT INTO kb_meta (key, value) VALUES ('vec_centre', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(bytesOf(centre).toString('base64'));
    const ins = db.prepare(
      'INSERT OR REPLACE INTO kb_vectors (chunk_id, tier, code, vector) VALUES (?, ?, ?, ?)',
    );
    rows.forEach(([id, tier], i) =>
      ins.run(Number(id), tier, binaryCode(vectors[i]!, centre), bytesOf(vectors[i]!)),
    );
  } else db.exec('UPDATE kb_chunks SET embedded_by = NULL');
  db.exec('DROP TABLE kb_vec');
  return rows.length;
}
