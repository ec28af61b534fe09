// A knowledge base cut by an older chunker is re-chunked in the background after an upgrade, so the
// current chunking (passages that stop at headings) reaches documents the hub will not send again.
import { afterEach, describe, expect, it } from 'vitest';
import type { KbDoc } from '../../../src/shared/domain';
import type { Db } from '../../../src/main/core/db/database';
import { CHUNKER_VERSION, chunkDocument } from '../../../src/main/core/knowledge/chunker';
import { toIndexText } from '../../../src/main/core/knowledge/segmenter';
import { openService, tempDbPath } from './helpers';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function start(file: string) {
  const { db, svc } = openService(file, { model: null });
  const close = async () => {
    await svc.close();
    db.close();
  };
  closers.push(close);
  return { db, svc, close };
}

const doc = (id: string, extra = ''): KbDoc => ({
  id,
  tier: 'general',
  title: '七天无理由退货规则',
  body: `## 适用条件\n- 自签收次日起 7 天内可申请${extra}。\n- 商品需保持完好。\n\n## 运费\n- 无理由退货的退回运费由买家承担。`,
  tags: [],
  version: 1,
  updatedAt: 1_700_000_000_000,
});

const chunks = (db: Db, docId: string) =>
  db.prepare('SELECT id, ord, text FROM kb_chunks WHERE doc_id = ? ORDER BY ord').all(docId) as {
    id: number;
    ord: number;
    text: string;
  }[];

/** What chunker version 1 stored: the whole body as one passage (its sentences were the same). */
function cutAsVersion1(db: Db, d: KbDoc): void {
  const passages = chunks(db, d.id).filter((c) => c.ord < 1_000_000);
  for (const p of passages) {
    db.prepare('DELETE FROM kb_fts WHERE rowid = ?').run(p.id);
    db.prepare('DELETE FROM kb_chunks WHERE id = ?').run(p.id);
  }
  const info = db
    .prepare(
      "INSERT INTO kb_chunks (doc_id, ord, text, hash, tier, embedded_by) VALUES (?, 0, ?, 'v1', 'general', NULL)",
    )
    .run(d.id, d.body);
  db.prepare('INSERT INTO kb_fts (rowid, title, body) VALUES (?, ?, ?)').run(
    info.lastInsertRowid,
    toIndexText(d.title),
    toIndexText(d.body),
  );
  db.prepare("UPDATE kb_meta SET value = '1' WHERE key = 'chunker_version'").run();
}

describe('re-chunking after a chunker change', () => {
  it('marks a new knowledge base as chunked by the current version', async () => {
    const { svc } = start(tempDbPath());
    expect(svc.store.chunkingStale).toBe(false);
    expect(svc.store.getMeta('chunker_version')).toBe(String(CHUNKER_VERSION));
  });

  it('re-chunks an older knowledge base on start, keeping the rows of unchanged chunks', async () => {
    const file = tempDbPath();
    const d = doc('policy-7day-return');
    const first = start(file);
    first.svc.store.upsertDoc(d, 'hub');
    cutAsVersion1(first.db, d);
    const sentencesBefore = chunks(first.db, d.id).filter((c) => c.ord >= 1_000_000);
    expect(chunks(first.db, d.id).filter((c) => c.ord < 1_000_000)).toHaveLength(1);
    await first.close();

    const again = start(file);
    expect(again.svc.store.chunkingStale).toBe(true);
    await again.svc.whenIndexed();
    expect(again.svc.store.chunkingStale).toBe(false);
    const now = chunks(again.db, d.id);
    expect(now.map((c) => c.text)).toEqual(chunkDocument(d.title, d.body).map((c) => c.text));
    expect(now.filter((c) => c.ord < 1_000_000).map((c) => c.text)).toEqual([
      '## 适用条件\n- 自签收次日起 7 天内可申请。\n- 商品需保持完好。',
      '## 运费\n- 无理由退货的退回运费由买家承担。',
    ]);
    // Sentences were cut the same by both versions: same rows (their vectors stay).
    expect(now.filter((c) => c.ord >= 1_000_000).map((c) => c.id)).toEqual(sentencesBefore.map((c) => c.id));
    // The keyword index follows: the new passage about 运费 is found, the old whole-body one is gone.
    const hits = (await again.svc.search('退回运费谁承担')).hits;
    expect(hits[0]?.docId).toBe(d.id);
    expect(chunks(again.db, d.id).some((c) => c.text === d.body)).toBe(false);
  });

  it('works through the documents a batch at a time, resuming from a stored cursor', async () => {
    const file = tempDbPath();
    const { svc, db } = start(file);
    const docs = ['a', 'b', 'c'].map((id) => doc(id, id));
    for (const d of docs) svc.store.upsertDoc(d, 'hub');
    for (const d of docs) cutAsVersion1(db, d);
    expect(svc.store.rechunkStale(2)).toBe(2);
    expect(svc.store.getMeta('chunker_cursor')).toBe('b');
    expect(chunks(db, 'c').filter((c) => c.ord < 1_000_000)).toHaveLength(1); // not reached yet
    expect(svc.store.chunkingStale).toBe(true);
    expect(svc.store.rechunkStale(2)).toBe(1);
    expect(svc.store.rechunkStale(2)).toBe(0);
    expect(svc.store.chunkingStale).toBe(false);
    expect(svc.store.getMeta('chunker_cursor')).toBeNull();
    for (const d of docs) expect(chunks(db, d.id).filter((c) => c.ord < 1_000_000)).toHaveLength(2);
  });
});
