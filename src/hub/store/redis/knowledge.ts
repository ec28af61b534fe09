// Knowledge documents, versioned. A publish takes its version from a counter (INCR, outside the unit,
// so two nodes publishing at once get different versions; a unit that rolls back leaves a harmless gap)
// and stamps the docs it touches; deletes are tombstones, so kbSince returns exactly what changed.
import type { KbDoc } from '../../../shared/domain';
import type { KbDelta, KbDocInput, KbPageRequest } from '../types';
import type { RedisTx } from './unit';

type StoredDoc = KbDoc & { deleted: boolean };

export class RedisKnowledge {
  constructor(private readonly tx: RedisTx) {}
  private get k() {
    return this.tx.k;
  }

  async kbVersion(): Promise<number> {
    return Number((await this.tx.client.get(this.k.kbVersion)) ?? 0);
  }

  kbPublish(upserts: readonly KbDocInput[], deleteIds: readonly string[], at: number): Promise<number> {
    return this.tx.write(async () => {
      const version = Number(await this.tx.client.incr(this.k.kbVersionSeq));
      for (const d of upserts) this.put({ ...d, tags: [...d.tags], version, updatedAt: at, deleted: false });
      const current = await this.tx.hmget(this.k.kbDocs, deleteIds);
      deleteIds.forEach((id, i) => {
        const doc = current[i] ? (JSON.parse(current[i]) as StoredDoc) : undefined;
        if (doc && !doc.deleted) this.put({ ...doc, version, updatedAt: at, deleted: true });
      });
      this.tx.setMax(this.k.kbVersion, version);
      return version;
    });
  }

  private put(doc: StoredDoc): void {
    this.tx.hset(this.k.kbDocs, { [doc.id]: JSON.stringify(doc) });
    this.tx.zadd(this.k.kbByVersion, doc.version, doc.id);
    if (doc.deleted) this.tx.srem(this.k.kbLive, doc.id);
    else this.tx.sadd(this.k.kbLive, doc.id);
  }

  async kbSince(sinceVersion: number, page?: KbPageRequest): Promise<KbDelta> {
    if (page) return this.kbPage(sinceVersion, page);
    const ids = (await this.tx.client.sendCommand([
      'ZRANGEBYSCORE',
      this.k.kbByVersion,
      `(${sinceVersion}`,
      '+inf',
    ])) as string[];
    const raw = await this.tx.hmget(this.k.kbDocs, ids);
    const docs: KbDoc[] = [];
    const deletedIds: string[] = [];
    const all = raw
      .filter((r): r is string => r !== null)
      .map((r) => JSON.parse(r) as StoredDoc)
      .sort((a, b) => a.version - b.version || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const { deleted, ...doc } of all) {
      if (deleted) deletedIds.push(doc.id);
      else docs.push(doc);
    }
    return { version: await this.kbVersion(), docs, deletedIds };
  }

  /**
   * One page of the changes after sinceVersion, ordered by (version, id) like the SQLite cursor: rows
   * after `page.after`, at most maxDocs of them and maxChars of title + body (at least one row). The
   * sorted set orders equal versions by member bytes, which is SQLite's binary order of ids.
   */
  private async kbPage(sinceVersion: number, page: KbPageRequest): Promise<KbDelta> {
    const version = await this.kbVersion();
    const after = page.after && page.after.version > sinceVersion ? page.after : undefined;
    const docs: KbDoc[] = [];
    const deletedIds: string[] = [];
    let chars = 0;
    let taken = 0;
    let last: StoredDoc | undefined;
    let offset = 0;
    const batch = Math.max(16, page.maxDocs + 1);
    for (;;) {
      const rows = pairs(
        (await this.tx.client.sendCommand([
          'ZRANGEBYSCORE',
          this.k.kbByVersion,
          after ? String(after.version) : `(${sinceVersion}`,
          '+inf',
          'WITHSCORES',
          'LIMIT',
          String(offset),
          String(batch),
        ])) as unknown[],
      );
      if (!rows.length) break;
      offset += rows.length;
      const ids = rows
        .filter(([id, v]) => !(after && v === after.version && id <= after.id))
        .map(([id]) => id);
      const raw = await this.tx.hmget(this.k.kbDocs, ids);
      for (const r of raw) {
        if (r === null) continue;
        const doc = JSON.parse(r) as StoredDoc;
        const size = doc.deleted ? 0 : doc.title.length + doc.body.length;
        if (taken > 0 && (taken >= page.maxDocs || chars + size > page.maxChars)) {
          return { version, docs, deletedIds, next: { version: last!.version, id: last!.id } };
        }
        const { deleted, ...rest } = doc;
        if (deleted) deletedIds.push(doc.id);
        else docs.push(rest);
        chars += size;
        taken++;
        last = doc;
      }
      if (rows.length < batch) break;
    }
    return { version, docs, deletedIds };
  }

  async kbGet(id: string): Promise<KbDoc | undefined> {
    const v = await this.tx.hget(this.k.kbDocs, id);
    if (!v) return undefined;
    const { deleted, ...doc } = JSON.parse(v) as StoredDoc;
    return deleted ? undefined : doc;
  }

  async kbCount(): Promise<number> {
    return Number(await this.tx.client.sCard(this.k.kbLive));
  }
}

/** WITHSCORES replies come as [member, score] pairs (RESP3) or flat (RESP2): (id, version) either way. */
function pairs(reply: unknown[]): Array<[string, number]> {
  if (reply.length && Array.isArray(reply[0]))
    return (reply as Array<[unknown, unknown]>).map(([m, v]) => [String(m), Number(v)]);
  const out: Array<[string, number]> = [];
  for (let i = 0; i + 1 < reply.length; i += 2) out.push([String(reply[i]), Number(reply[i + 1])]);
  return out;
}
