// The vector index: one sqlite-vec vec0 table, kb_vec, holding per chunk its tier (a metadata
// column, so KNN filters tiers inside the scan), a 1-bit-per-dimension code and the full f32 vector.
// Search scans the bit codes (Hamming distance: 64 bytes per chunk at 512-d instead of 2 KB) for
// OVERSAMPLE × k candidates, then rescores only those with the exact cosine on their f32 vectors.
// At 512-d and 100k chunks that is a fraction of the exact scan's cost with recall@10 ≥ 0.95 against
// it on real model embeddings (bench/knowledge.ts measures both; docs/ARCHITECTURE.md says why this
// and not int8 or partitioning). The exact scan stays for reference and for widths that are not a
// multiple of 8.
import type { Db } from '../db/database';

/** Layout tag kept in kb_meta: a table of an older layout is rebuilt from its stored f32 vectors. */
export const VECTOR_LAYOUT = 'bq1';
/** Coarse candidates per requested neighbour; rescoring is exact, so this bounds only recall. */
export const OVERSAMPLE = 8;
/** Never rescore fewer than this many: small k (k = 10) needs a wider net at 1 bit per dimension. */
export const MIN_CANDIDATES = 400;

export interface VectorKnnHit {
  id: number;
  /** Cosine distance (1 − cosine similarity), exact. */
  distance: number;
}

export const hasCoarseCodes = (dim: number) => dim % 8 === 0;

export function createVectorTable(db: Db, dim: number): void {
  db.exec('DROP TABLE IF EXISTS kb_vec');
  const coarse = hasCoarseCodes(dim) ? `coarse bit[${dim}], ` : '';
  db.exec(
    `CREATE VIRTUAL TABLE kb_vec USING vec0(tier text, ${coarse}embedding float[${dim}] distance_metric=cosine)`,
  );
}

/** Does kb_vec have the current layout (bit codes beside the f32 vectors)? */
export function vectorTableIsCurrent(db: Db, dim: number): boolean {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'kb_vec'").get() as
    { sql: string } | undefined;
  if (!row) return false;
  return hasCoarseCodes(dim) ? /coarse bit\[/.test(row.sql) : true;
}

/**
 * Rebuilds kb_vec in the current layout from the f32 vectors it already holds (no re-embedding):
 * a database indexed before the bit codes existed keeps every vector.
 */
export function upgradeVectorTable(db: Db, dim: number): number {
  const rows = db.prepare('SELECT rowid, tier, embedding FROM kb_vec').raw().all() as [
    number | bigint,
    string,
    Buffer,
  ][];
  createVectorTable(db, dim);
  const writer = new VectorWriter(db, dim);
  for (const [id, tier, blob] of rows)
    writer.put(Number(id), tier, new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4));
  return rows.length;
}

export class VectorWriter {
  private readonly ins;
  private readonly del;
  private readonly tierUpd;

  constructor(
    db: Db,
    readonly dim: number,
  ) {
    this.ins = hasCoarseCodes(dim)
      ? db.prepare(
          'INSERT INTO kb_vec (rowid, tier, coarse, embedding) VALUES (?, ?, vec_quantize_binary(?), ?)',
        )
      : db.prepare('INSERT INTO kb_vec (rowid, tier, embedding) VALUES (?, ?, ?)');
    this.del = db.prepare('DELETE FROM kb_vec WHERE rowid = ?');
    this.tierUpd = db.prepare('UPDATE kb_vec SET tier = ? WHERE rowid = ?');
  }

  /** Inserts or replaces a chunk's vector (call inside a transaction for batches). */
  put(id: number, tier: string, vector: Float32Array): void {
    if (vector.length !== this.dim)
      throw new Error(`vector width ${vector.length} ≠ index width ${this.dim}`);
    this.del.run(BigInt(id));
    if (hasCoarseCodes(this.dim)) this.ins.run(BigInt(id), tier, vector, vector);
    else this.ins.run(BigInt(id), tier, vector);
  }

  delete(id: number): void {
    this.del.run(BigInt(id));
  }

  setTier(id: number, tier: string): void {
    this.tierUpd.run(tier, BigInt(id));
  }
}

const tierClause = (tiers: readonly string[] | undefined) =>
  tiers?.length ? ` AND tier IN (${tiers.map(() => '?').join(',')})` : '';

/** The k nearest chunks by cosine: bit-code scan, then exact rescoring of the candidates. */
export function vectorKnn(db: Db, query: Float32Array, k: number, tiers?: readonly string[]): VectorKnnHit[] {
  if (!hasCoarseCodes(query.length)) return exactVectorKnn(db, query, k, tiers);
  const candidates = Math.max(k * OVERSAMPLE, MIN_CANDIDATES);
  const rows = db
    .prepare(
      `WITH coarse AS (
         SELECT rowid, embedding FROM kb_vec
         WHERE coarse MATCH vec_quantize_binary(?) AND k = ?${tierClause(tiers)}
       )
       SELECT rowid AS id, vec_distance_cosine(embedding, ?) AS distance FROM coarse
       ORDER BY distance LIMIT ?`,
    )
    .all(query, candidates, ...(tiers ?? []), query, k) as { id: number | bigint; distance: number }[];
  return rows.map((r) => ({ id: Number(r.id), distance: r.distance }));
}

/** Exact f32 KNN over every vector: the reference the bench measures recall against. */
export function exactVectorKnn(
  db: Db,
  query: Float32Array,
  k: number,
  tiers?: readonly string[],
): VectorKnnHit[] {
  const rows = db
    .prepare(
      `SELECT rowid AS id, distance FROM kb_vec WHERE embedding MATCH ? AND k = ?${tierClause(tiers)} ORDER BY distance`,
    )
    .all(query, k, ...(tiers ?? [])) as { id: number | bigint; distance: number }[];
  return rows.map((r) => ({ id: Number(r.id), distance: r.distance }));
}
