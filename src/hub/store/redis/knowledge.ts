// Knowledge documents, versioned. A publish takes its version from a counter (INCR, outside the unit,
// so two nodes publishing at once get different versions; a unit that rolls back leaves a harmless gap)
// and stamps the docs it touches; deletes are tombstones, so kbSince returns exactly what changed.
import type { KbDoc } from '../../../shared/domain';
import type { KbDelta, KbDocInput } from '../types';
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

  async kbSince(sinceVersion: number): Promise<KbDelta> {
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
