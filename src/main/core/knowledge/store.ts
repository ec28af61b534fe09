// The knowledge store: documents, chunks, the FTS5 keyword index and the vector index (vector-index.ts),
// all in the workstation's SQLite file so the knowledge base works offline from this cache.
import { createRequire } from 'node:module';
import type { KbDoc, KbTier } from '../../../shared/domain';
import { migrate, type Db } from '../db/database';
import { CHUNKER_VERSION, chunkDocument, contentHash } from './chunker';
import { KNOWLEDGE_MIGRATIONS } from './schema';
import { noteKeywordWrites, resetKeywordStats } from './search';
import { segment, toIndexText } from './segmenter';
import { VectorIndex, registerVectorIndex } from './vector-index';

const require = createRequire(import.meta.url);

export type DocSource = 'hub' | 'import';

export interface UpsertResult {
  changed: boolean;
  /** Chunks whose content hash is new (they need embedding); unchanged chunks keep their vector. */
  newChunks: number;
  removedChunks: number;
}

export interface PendingChunk {
  id: number;
  title: string;
  text: string;
}

interface ChunkRow {
  id: number;
  ord: number;
  hash: string;
}

export class KnowledgeStore {
  private vecDim: number | null = null;
  private vectors: VectorIndex | null = null;

  constructor(readonly db: Db) {
    // sqlite-vec is loaded only so migration 3 can read an index written by the sqlite-vec era
    // (kb_vec) into kb_vectors; search itself no longer uses it (vector-index.ts).
    (require('sqlite-vec') as { load(db: Db): void }).load(db);
    migrate(db, 'knowledge', KNOWLEDGE_MIGRATIONS);
    const dim = this.getMeta('vec_dim');
    if (dim) this.useVectorIndex(Number(dim));
    // A new knowledge base is chunked by this version from its first document on.
    if (this.getMeta('chunker_version') === null && !this.db.prepare('SELECT 1 FROM kb_docs LIMIT 1').get())
      this.setMeta('chunker_version', String(CHUNKER_VERSION));
  }

  /** Documents were chunked by an older chunker (chunker.ts CHUNKER_VERSION): see {@link rechunkStale}. */
  get chunkingStale(): boolean {
    return this.getMeta('chunker_version') !== String(CHUNKER_VERSION);
  }

  /**
   * Re-chunks up to `limit` documents an older chunker cut, in id order from where the last call
   * stopped (kept in kb_meta, so a restart resumes); returns how many it did, 0 when none is left.
   * A chunk whose text is unchanged keeps its row, keyword entry and vector; new chunks wait for the
   * indexer like any other. Searches keep serving the old chunks until their document's turn.
   */
  rechunkStale(limit = 200): number {
    if (!this.chunkingStale) return 0;
    const after = this.getMeta('chunker_cursor') ?? '';
    const docs = this.db
      .prepare('SELECT id, tier, title, body FROM kb_docs WHERE id > ? ORDER BY id LIMIT ?')
      .all(after, limit) as { id: string; tier: KbTier; title: string; body: string }[];
    this.db.transaction(() => {
      for (const d of docs) this.writeChunks(d);
      if (docs.length) this.setMeta('chunker_cursor', docs.at(-1)!.id);
      else {
        this.setMeta('chunker_version', String(CHUNKER_VERSION));
        this.db.prepare("DELETE FROM kb_meta WHERE key = 'chunker_cursor'").run();
      }
    })();
    return docs.length;
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM kb_meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO kb_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  private useVectorIndex(dim: number): VectorIndex {
    this.vecDim = dim;
    this.vectors = new VectorIndex(this.db, dim);
    registerVectorIndex(this.db, this.vectors);
    return this.vectors;
  }

  /** The vector index (null before the model reported its width). */
  get vectorIndex(): VectorIndex | null {
    return this.vectors;
  }

  get vectorDim(): number | null {
    return this.vecDim;
  }

  /**
   * Makes the vector index match the model. A different model (fingerprint) or width means every stored vector
   * is from another space: drop them all and mark every chunk for re-embedding. The switch is
   * recorded (vec_serving = 0, the previous model) so search stays keyword-only until every chunk
   * has a vector of the new model, also across a restart mid-way.
   */
  ensureVectorTable(modelFingerprint: string, dim: number): { reset: boolean } {
    if (this.vecDim === dim && this.getMeta('vec_model') === modelFingerprint) return { reset: false };
    const previous = this.getMeta('vec_model');
    this.vectors?.stopGraph(); // its graph belongs to the old vectors
    const index = new VectorIndex(this.db, dim);
    this.db.transaction(() => {
      index.reset();
      this.db.exec('UPDATE kb_chunks SET embedded_by = NULL');
      this.setMeta('vec_dim', String(dim));
      this.setMeta('vec_model', modelFingerprint);
      this.setMeta('vec_serving', '0');
      this.setMeta('vec_previous_model', previous ?? '');
    })();
    this.useVectorIndex(dim);
    return { reset: true };
  }

  /**
   * May vector search use the index? Not while a (re)build after a model change is under way:
   * half the chunks with vectors would bias the fused ranking towards them.
   */
  get vectorsServing(): boolean {
    return this.vecDim !== null && this.getMeta('vec_serving') !== '0';
  }

  /** Called when the indexer found nothing pending: the index is complete for its model. */
  markVectorsComplete(): void {
    if (this.getMeta('vec_serving') !== '1') this.setMeta('vec_serving', '1');
  }

  /** The model whose vectors the index was holding before the last switch ('' for a first build). */
  get previousVectorModel(): string | null {
    return this.getMeta('vec_previous_model');
  }

  getDoc(id: string): (KbDoc & { source: DocSource; contentHash: string }) | null {
    const row = this.db.prepare('SELECT * FROM kb_docs WHERE id = ?').get(id) as
      Record<string, unknown> | undefined;
    if (!row) return null;
    return {
      id: row.id as string,
      tier: row.tier as KbTier,
      title: row.title as string,
      body: row.body as string,
      tags: JSON.parse(row.tags as string) as string[],
      version: row.version as number,
      updatedAt: row.updated_at as number,
      source: row.source as DocSource,
      contentHash: row.content_hash as string,
    };
  }

  /** Inserts or updates one document and its chunks. Call inside a transaction for batches. */
  upsertDoc(doc: KbDoc, source: DocSource, sourceName: string | null = null): UpsertResult {
    const hash = contentHash(doc);
    const existing = this.db.prepare('SELECT content_hash FROM kb_docs WHERE id = ?').get(doc.id) as
      { content_hash: string } | undefined;
    if (existing?.content_hash === hash) {
      this.db
        .prepare('UPDATE kb_docs SET version = ?, updated_at = ? WHERE id = ?')
        .run(doc.version, doc.updatedAt, doc.id);
      return { changed: false, newChunks: 0, removedChunks: 0 };
    }
    const tags = [...new Set(doc.tags.map((t) => t.trim()).filter(Boolean))];
    this.db
      .prepare(
        `INSERT INTO kb_docs (id, tier, title, body, tags, version, updated_at, content_hash, source, source_name)
         VALUES (@id, @tier, @title, @body, @tags, @version, @updatedAt, @hash, @source, @sourceName)
         ON CONFLICT(id) DO UPDATE SET tier = excluded.tier, title = excluded.title, body = excluded.body, tags = excluded.tags,
           version = excluded.version, updated_at = excluded.updated_at, content_hash = excluded.content_hash,
           source = excluded.source, source_name = excluded.source_name`,
      )
      .run({ ...doc, tags: JSON.stringify(tags), hash, source, sourceName });
    this.db.prepare('DELETE FROM kb_doc_tags WHERE doc_id = ?').run(doc.id);
    const insTag = this.db.prepare('INSERT OR IGNORE INTO kb_doc_tags (doc_id, tag) VALUES (?, ?)');
    for (const t of tags) insTag.run(doc.id, t);

    const { newChunks, removedChunks } = this.writeChunks(doc);
    return { changed: true, newChunks, removedChunks };
  }

  /** A document's chunks made what chunkDocument gives now, reusing rows whose text is unchanged. */
  private writeChunks(doc: { id: string; tier: KbTier; title: string; body: string }): {
    newChunks: number;
    removedChunks: number;
  } {
    const old = this.db
      .prepare('SELECT id, ord, hash FROM kb_chunks WHERE doc_id = ? ORDER BY ord')
      .all(doc.id) as ChunkRow[];
    const byHash = new Map<string, ChunkRow[]>();
    for (const c of old) byHash.set(c.hash, [...(byHash.get(c.hash) ?? []), c]);
    const titleTerms = toIndexText(doc.title);
    let newChunks = 0;
    const kept = new Set<number>();
    for (const chunk of chunkDocument(doc.title, doc.body)) {
      const reuse = byHash.get(chunk.hash)?.shift();
      if (reuse) {
        // Same text under the same title: keep row, FTS entry and vector; only order/tier may move.
        kept.add(reuse.id);
        this.db
          .prepare('UPDATE kb_chunks SET ord = ?, tier = ? WHERE id = ?')
          .run(chunk.ord, doc.tier, reuse.id);
        this.vectors?.setTier(reuse.id, doc.tier);
        continue;
      }
      const info = this.db
        .prepare(
          'INSERT INTO kb_chunks (doc_id, ord, text, hash, tier, embedded_by) VALUES (?, ?, ?, ?, ?, NULL)',
        )
        .run(doc.id, chunk.ord, chunk.text, chunk.hash, doc.tier);
      this.db
        .prepare('INSERT INTO kb_fts (rowid, title, body) VALUES (?, ?, ?)')
        .run(info.lastInsertRowid, titleTerms, toIndexText(chunk.text));
      noteKeywordWrites(this.db);
      newChunks++;
    }
    const removed = old.filter((c) => !kept.has(c.id));
    for (const c of removed) this.deleteChunk(c.id);
    return { newChunks, removedChunks: removed.length };
  }

  private deleteChunk(id: number): void {
    this.db.prepare('DELETE FROM kb_fts WHERE rowid = ?').run(id);
    noteKeywordWrites(this.db);
    this.vectors?.delete(id);
    this.db.prepare('DELETE FROM kb_chunks WHERE id = ?').run(id);
  }

  deleteDoc(id: string): boolean {
    const chunks = this.db.prepare('SELECT id FROM kb_chunks WHERE doc_id = ?').all(id) as { id: number }[];
    for (const c of chunks) this.deleteChunk(c.id);
    return this.db.prepare('DELETE FROM kb_docs WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Chunks not yet embedded by `fingerprint`, oldest first, after chunk `afterId`. The indexer passes
   * the last id it read, so each step seeks by primary key instead of rescanning every chunk already
   * embedded (quadratic over a 100k-chunk rebuild).
   */
  pendingChunks(fingerprint: string, limit: number, afterId = 0): PendingChunk[] {
    return this.db
      .prepare(
        `SELECT c.id, d.title, c.text FROM kb_chunks c JOIN kb_docs d ON d.id = c.doc_id
         WHERE c.id > ? AND (c.embedded_by IS NULL OR c.embedded_by <> ?) ORDER BY c.id LIMIT ?`,
      )
      .all(afterId, fingerprint, limit) as PendingChunk[];
  }

  countPending(fingerprint: string): number {
    return (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM kb_chunks WHERE embedded_by IS NULL OR embedded_by <> ?')
        .get(fingerprint) as { n: number }
    ).n;
  }

  /** Stores vectors for chunks; skips chunks deleted or re-chunked while they were being embedded. */
  writeVectors(fingerprint: string, items: { id: number; vector: Float32Array }[]): number {
    const vectors = this.vectors;
    if (!vectors) throw new Error('vector table not initialised');
    const exists = this.db.prepare('SELECT tier FROM kb_chunks WHERE id = ?');
    const mark = this.db.prepare('UPDATE kb_chunks SET embedded_by = ? WHERE id = ?');
    let written = 0;
    this.db.transaction(() => {
      const live: { id: number; tier: string; vector: Float32Array }[] = [];
      for (const { id, vector } of items) {
        const row = exists.get(id) as { tier: string } | undefined;
        if (row) live.push({ id, tier: row.tier, vector });
      }
      vectors.putMany(live);
      for (const { id } of live) mark.run(fingerprint, id);
      written = live.length;
    })();
    return written;
  }

  counts(): {
    docs: number;
    chunks: number;
    embedded: number;
    byTier: Record<KbTier, number>;
    bySource: Record<DocSource, number>;
  } {
    const docs = (this.db.prepare('SELECT COUNT(*) AS n FROM kb_docs').get() as { n: number }).n;
    const chunks = (this.db.prepare('SELECT COUNT(*) AS n FROM kb_chunks').get() as { n: number }).n;
    const fp = this.getMeta('vec_model');
    const embedded = fp
      ? (
          this.db.prepare('SELECT COUNT(*) AS n FROM kb_chunks WHERE embedded_by = ?').get(fp) as {
            n: number;
          }
        ).n
      : 0;
    const byTier: Record<KbTier, number> = { general: 0, industry: 0, merchant: 0 };
    for (const r of this.db.prepare('SELECT tier, COUNT(*) AS n FROM kb_docs GROUP BY tier').all() as {
      tier: KbTier;
      n: number;
    }[])
      byTier[r.tier] = r.n;
    const bySource: Record<DocSource, number> = { hub: 0, import: 0 };
    for (const r of this.db.prepare('SELECT source, COUNT(*) AS n FROM kb_docs GROUP BY source').all() as {
      source: DocSource;
      n: number;
    }[])
      bySource[r.source] = r.n;
    return { docs, chunks, embedded, byTier, bySource };
  }

  /** Re-segments every chunk into FTS (after the dictionary changed, e.g. merchant words added). */
  reindexKeywords(): void {
    const rows = this.db
      .prepare('SELECT c.id, c.text, d.title FROM kb_chunks c JOIN kb_docs d ON d.id = c.doc_id')
      .all() as { id: number; text: string; title: string }[];
    this.db.transaction(() => {
      for (const r of rows) {
        this.db.prepare('DELETE FROM kb_fts WHERE rowid = ?').run(r.id);
        this.db
          .prepare('INSERT INTO kb_fts (rowid, title, body) VALUES (?, ?, ?)')
          .run(r.id, segment(r.title).join(' '), toIndexText(r.text));
      }
    })();
    resetKeywordStats(this.db); // every term re-segmented: rebuild the statistics
  }
}
