// The vector index on a real SQLite file: code scan + exact rescoring equals exact search when every
// chunk is a candidate, filters tiers, follows deletes and tier moves, survives a reopen, and a
// database from the sqlite-vec era keeps its vectors.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import { KnowledgeStore } from '../../../src/main/core/knowledge/store';
import { binaryCode, vectorKnn } from '../../../src/main/core/knowledge/vector-index';

const require = createRequire(import.meta.url);
const dim = 24;

function unit(seed: number, width = dim): Float32Array {
  let x = seed * 7919 + 13;
  const v = new Float32Array(width).map(() => ((x = (x * 48271) % 2147483647) / 2147483647) - 0.3);
  const n = Math.hypot(...v);
  return v.map((e) => e / n);
}

function storeWith(
  n: number,
  file = join(mkdtempSync(join(tmpdir(), 'vec-')), 'kb.db'),
  width = dim,
): { db: Db; store: KnowledgeStore; file: string } {
  const db = openDatabase(file, { synchronous: 'NORMAL' });
  const store = new KnowledgeStore(db);
  store.ensureVectorTable('test-model', width);
  db.transaction(() => {
    for (let i = 0; i < n; i++)
      store.upsertDoc({ id: `d${i}`, tier: (['general', 'industry', 'merchant'] as const)[i % 3]!, title: `t${i}`, body: `正文${i}`, tags: [], version: 1, updatedAt: 0 }, 'hub');
  })();
  const ids = (db.prepare('SELECT id FROM kb_chunks ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  store.writeVectors('test-model', ids.map((id) => ({ id, vector: unit(id, width) })));
  return { db, store, file };
}

describe('vector index', () => {
  it('codes are the signs of the centred vector, 8 dimensions per byte', () => {
    const v = new Float32Array([0.5, -0.1, 0.2, 0.0, 0.3, -0.4, 0.1, 0.9, -0.2]);
    expect([...binaryCode(v, null)]).toEqual([0b11010101, 0]);
    expect([...binaryCode(v, new Float32Array(9).fill(0.15))]).toEqual([0b10010101, 0]);
    expect([...binaryCode(v, new Float32Array(9).fill(0.25))]).toEqual([0b10010001, 0]);
  });

  it('with every chunk a candidate it returns exactly the exact search, filtered by tier', () => {
    const { db, store } = storeWith(150); // < MIN_CANDIDATES: every chunk is rescored
    const index = store.vectorIndex!;
    for (const seed of [3, 77, 1001]) {
      const q = unit(seed);
      expect(vectorKnn(db, q, 10)).toEqual(index.exactKnn(q, 10));
      const merchant = vectorKnn(db, q, 10, ['merchant']);
      expect(merchant).toEqual(index.exactKnn(q, 10, ['merchant']));
      const tiers = db.prepare(`SELECT DISTINCT tier FROM kb_chunks WHERE id IN (${merchant.map((h) => h.id).join(',')})`).all();
      expect(tiers).toEqual([{ tier: 'merchant' }]);
    }
    db.close();
  });

  // 24-d codes are 3 bytes (padded to a 32-bit word in memory), 64-d codes exactly 2 words.
  it.each([24, 64])('finds most of the exact top 10 among thousands when only a few hundred are rescored (%i-d)', (width) => {
    const { db, store } = storeWith(2500, undefined, width);
    let hits = 0;
    for (let s = 0; s < 20; s++) {
      const q = unit(50_000 + s, width);
      const exact = new Set(store.vectorIndex!.exactKnn(q, 10).map((h) => h.id));
      hits += vectorKnn(db, q, 10).filter((h) => exact.has(h.id)).length;
    }
    expect(hits / 200).toBeGreaterThan(0.8); // random vectors are the hard case; the bench measures real ones
    db.close();
  });

  it("the indexer's cursor: pending chunks after an id skip the ones before it", () => {
    const { db, store } = storeWith(0);
    db.transaction(() => {
      for (let i = 0; i < 6; i++)
        store.upsertDoc({ id: `p${i}`, tier: 'general', title: `t${i}`, body: `正文${i}`, tags: [], version: 1, updatedAt: 0 }, 'hub');
    })();
    const all = store.pendingChunks('test-model', 10);
    expect(all).toHaveLength(6);
    expect(store.pendingChunks('test-model', 10, all[2]!.id).map((c) => c.id)).toEqual(all.slice(3).map((c) => c.id));
    store.writeVectors('test-model', [{ id: all[4]!.id, vector: unit(1) }]);
    expect(store.pendingChunks('test-model', 2, all[2]!.id).map((c) => c.id)).toEqual([all[3]!.id, all[5]!.id]);
    db.close();
  });

  it('follows deletes and tier moves, and reads its codes back after a reopen', () => {
    const { db, store, file } = storeWith(40);
    const q = unit(12);
    const first = vectorKnn(db, q, 1)[0]!;
    const doc = (db.prepare('SELECT doc_id FROM kb_chunks WHERE id = ?').get(first.id) as { doc_id: string }).doc_id;
    store.deleteDoc(doc);
    expect(vectorKnn(db, q, 40).map((h) => h.id)).not.toContain(first.id);
    expect(store.vectorIndex!.size).toBe(39);
    const second = vectorKnn(db, q, 1)[0]!;
    const d2 = store.getDoc((db.prepare('SELECT doc_id FROM kb_chunks WHERE id = ?').get(second.id) as { doc_id: string }).doc_id)!;
    store.upsertDoc({ ...d2, tier: d2.tier === 'merchant' ? 'general' : 'merchant' }, 'hub');
    const moved = d2.tier === 'merchant' ? 'general' : 'merchant';
    expect(vectorKnn(db, q, 40, [moved]).map((h) => h.id)).toContain(second.id);
    db.close();

    const again = openDatabase(file, { synchronous: 'NORMAL' });
    const reopened = new KnowledgeStore(again);
    expect(reopened.vectorIndex!.size).toBe(39);
    expect(vectorKnn(again, q, 1)[0]!.id).toBe(second.id);
    again.close();
  });

  it('a database indexed by the sqlite-vec era keeps its vectors through the migration', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vec-old-')), 'kb.db');
    const db = openDatabase(file, { synchronous: 'NORMAL' });
    (require('sqlite-vec') as { load(db: Db): void }).load(db);
    // The tables as migrations 1–2 and the old store left them.
    new KnowledgeStore(db); // runs all migrations on an empty db …
    db.exec("DELETE FROM schema_migrations WHERE feature = 'knowledge' AND version = 3");
    db.exec(`CREATE VIRTUAL TABLE kb_vec USING vec0(tier text, embedding float[${dim}] distance_metric=cosine)`);
    const ins = db.prepare('INSERT INTO kb_vec (rowid, tier, embedding) VALUES (?, ?, ?)');
    for (let id = 1; id <= 30; id++) ins.run(BigInt(id), 'general', unit(id));
    db.prepare("INSERT INTO kb_meta (key, value) VALUES ('vec_dim', ?)").run(String(dim));
    db.close();

    const again = openDatabase(file, { synchronous: 'NORMAL' });
    const store = new KnowledgeStore(again); // … migration 3 now copies kb_vec
    expect(store.vectorIndex!.size).toBe(30);
    expect(again.prepare("SELECT 1 FROM sqlite_master WHERE name = 'kb_vec'").get()).toBeUndefined();
    const q = unit(5);
    expect(vectorKnn(again, q, 3)).toEqual(store.vectorIndex!.exactKnn(q, 3));
    expect(vectorKnn(again, q, 1)[0]).toMatchObject({ id: 5 });
    again.close();
  });
});
