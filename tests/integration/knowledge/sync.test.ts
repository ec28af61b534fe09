// Hub sync: deltas applied in one transaction, only chunks whose content hash changed re-embedded.
import { afterEach, describe, expect, it } from 'vitest';
import type { KbDoc } from '../../../src/shared/domain';
import type { Db } from '../../../src/main/core/db/database';
import type { PullResult } from '../../../src/main/core/knowledge/index';
import { chunkDocument } from '../../../src/main/core/knowledge/chunker';
import { fixtureDocs, openService, tempDbPath } from './helpers';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function start(file = tempDbPath()) {
  const { db, svc } = openService(file);
  closers.push(async () => {
    await svc.close();
    db.close();
  });
  return { db, svc, file };
}

const chunkIds = (db: Db, docId: string) =>
  (db.prepare('SELECT id FROM kb_chunks WHERE doc_id = ? ORDER BY ord').all(docId) as { id: number }[]).map((r) => r.id);

describe('KnowledgeService.syncFrom', () => {
  it('pulls from the stored version and re-embeds only changed chunks', async () => {
    const { db, svc } = start();
    const v1 = fixtureDocs(1);
    const asked: number[] = [];
    const first = await svc.syncFrom(async (since) => {
      asked.push(since);
      return { version: 1, docs: v1, deletedIds: [] };
    });
    // Passages and sentences (chunker.ts): every chunk of every document is new.
    const chunksOf = (d: KbDoc) => chunkDocument(d.title, d.body).length;
    const allChunks = v1.reduce((n, d) => n + chunksOf(d), 0);
    expect(allChunks).toBeGreaterThan(16);
    expect(first).toMatchObject({ fromVersion: 0, version: 1, upserted: 16, newChunks: allChunks });
    await svc.whenIndexed();
    const embeddedAfterFirst = svc.stats().embeddedThisSession;
    expect(embeddedAfterFirst).toBe(allChunks);
    const keptChunk = chunkIds(db, 'g-invoice')[0];

    const byId = new Map(v1.map((d) => [d.id, d]));
    const changed: KbDoc = { ...byId.get('g-refund-time')!, body: '退款审核通过后原路退回，一般24小时内到账。', version: 2 };
    const retagged: KbDoc = { ...byId.get('g-address-change')!, tags: ['订单', '地址'], version: 2 };
    const moved: KbDoc = { ...byId.get('g-invoice')!, tier: 'merchant', version: 2 };
    const added: KbDoc = { id: 'g-new', tier: 'general', title: '以旧换新', body: '手机支持以旧换新，旧机估价后抵扣新机货款。', tags: ['数码'], version: 2, updatedAt: 1 };
    const delta: PullResult = { version: 2, docs: [changed, retagged, moved, added, byId.get('m-gift')!], deletedIds: ['m-coupon', 'no-such-doc'] };
    const second = await svc.syncFrom(async (since) => {
      asked.push(since);
      return delta;
    });
    expect(asked).toEqual([0, 1]);
    // The changed and the added document are one line each (one chunk); the changed one's old chunks go.
    expect(second).toMatchObject({ fromVersion: 1, version: 2, upserted: 4, unchanged: 1, deleted: 1, newChunks: 2, removedChunks: chunksOf(byId.get('g-refund-time')!) });
    await svc.whenIndexed();
    expect(svc.stats().embeddedThisSession - embeddedAfterFirst).toBe(2);
    expect(svc.stats().pending).toBe(0);

    // The moved doc kept its chunk (and vector) and is now found under its new tier, by vector too.
    expect(chunkIds(db, 'g-invoice')[0]).toBe(keptChunk);
    const merchantHits = await svc.search('开专票需要税号', { tiers: ['merchant'] });
    expect(merchantHits.hits[0]).toMatchObject({ docId: 'g-invoice', tier: 'merchant' });
    expect(merchantHits.hits[0]!.matchedBy).toContain('vector');
    expect((await svc.search('店铺券满减')).hits.map((h) => h.docId)).not.toContain('m-coupon');
    expect((await svc.search('24小时到账')).hits[0]?.docId).toBe('g-refund-time');
    expect((await svc.search('以旧换新')).hits[0]?.docId).toBe('g-new');
  });

  it('rejects a malformed delta without applying any of it', async () => {
    const { svc } = start();
    const bad = { version: 3, docs: [...fixtureDocs(3), { id: 'x', tier: 'platinum', title: 't', body: 'b', tags: [], version: 1, updatedAt: 1 }], deletedIds: [] };
    await expect(svc.syncFrom(async () => bad as unknown as PullResult)).rejects.toThrow(/invalid knowledge delta/);
    expect(svc.stats().docs).toBe(0);
    expect(svc.stats().version).toBe(0);
  });

  it('follows the hub\'s pages; a sync cut off midway keeps what is complete and resumes from there', async () => {
    const { svc } = start();
    const docs = fixtureDocs(1).map((d, i) => ({ ...d, version: i < 8 ? 1 : 2 }));
    // the hub's kb:pull paging: (version, id) order, 5 rows a page
    const ordered = [...docs].sort((a, b) => a.version - b.version || a.id.localeCompare(b.id));
    const hubPage = (since: number, after?: { version: number; id: string }): PullResult => {
      const rest = ordered.filter((d) => d.version > since && (!after || d.version > after.version || (d.version === after.version && d.id > after.id)));
      const page = rest.slice(0, 5);
      const last = page.at(-1)!;
      return rest.length > 5 ? { version: 2, docs: page, deletedIds: [], next: { version: last.version, id: last.id } } : { version: 2, docs: page, deletedIds: [] };
    };
    let calls = 0;
    await expect(
      svc.syncFrom(async (since, after) => {
        if (++calls === 3) throw new Error('link dropped');
        return hubPage(since, after);
      }),
    ).rejects.toThrow(/link dropped/);
    expect(svc.stats().docs).toBe(10); // two pages applied
    expect(svc.stats().version).toBe(1); // page 2 ended inside version 2: only version 1 is complete
    const asked: number[] = [];
    const report = await svc.syncFrom(async (since, after) => (asked.push(since), hubPage(since, after)));
    expect(asked[0]).toBe(1);
    expect(report.version).toBe(2);
    expect(svc.stats().docs).toBe(16);
  });

  it('never lets hub deletions remove a merchant import', async () => {
    const { svc } = start();
    const report = await svc.importContent('mine.json', new TextEncoder().encode(JSON.stringify([{ id: 'a1', title: '自提点', body: '本店支持到店自提。' }])));
    expect(report.imported).toBe(1);
    const docId = (await svc.search('自提')).hits[0]!.docId;
    await svc.syncFrom(async () => ({ version: 1, docs: [], deletedIds: [docId] }));
    expect((await svc.search('自提')).hits[0]?.docId).toBe(docId);
  });
});
