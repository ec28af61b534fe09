// Knowledge documents, versioned: every publish bumps kb_meta.version and stamps the docs it touched
// (deletes are tombstones), so a client pulls exactly what changed since its version.
import type Database from 'better-sqlite3';
import type { KbDoc } from '../../../shared/domain';
import type { KbDelta, KbDocInput } from '../types';

interface KbRow {
  id: string;
  tier: string;
  title: string;
  body: string;
  tags: string;
  version: number;
  updated_at: number;
  deleted: number;
}

export class SqliteKnowledge {
  private readonly st;

  constructor(private readonly db: Database.Database) {
    this.st = {
      version: db.prepare("SELECT v FROM kb_meta WHERE k = 'version'"),
      setVersion: db.prepare("UPDATE kb_meta SET v = ? WHERE k = 'version'"),
      upsert: db.prepare(
        `INSERT INTO kb_docs (id, tier, title, body, tags, version, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT(id) DO UPDATE SET tier=excluded.tier, title=excluded.title, body=excluded.body, tags=excluded.tags,
           version=excluded.version, updated_at=excluded.updated_at, deleted=0`,
      ),
      delete: db.prepare(
        'UPDATE kb_docs SET deleted = 1, version = ?, updated_at = ? WHERE id = ? AND deleted = 0',
      ),
      since: db.prepare('SELECT * FROM kb_docs WHERE version > ? ORDER BY version, id'),
      get: db.prepare('SELECT * FROM kb_docs WHERE id = ? AND deleted = 0'),
      count: db.prepare('SELECT COUNT(*) AS n FROM kb_docs WHERE deleted = 0'),
    };
  }

  async kbVersion(): Promise<number> {
    return (this.st.version.get() as { v: number }).v;
  }
  async kbPublish(upserts: readonly KbDocInput[], deleteIds: readonly string[], at: number): Promise<number> {
    return this.db.transaction(() => {
      const version = (this.st.version.get() as { v: number }).v + 1;
      for (const d of upserts)
        this.st.upsert.run(d.id, d.tier, d.title, d.body, JSON.stringify(d.tags), version, at);
      for (const id of deleteIds) this.st.delete.run(version, at, id);
      this.st.setVersion.run(version);
      return version;
    })();
  }
  async kbSince(sinceVersion: number): Promise<KbDelta> {
    const rows = this.st.since.all(sinceVersion) as KbRow[];
    const docs: KbDoc[] = [];
    const deletedIds: string[] = [];
    for (const r of rows) {
      if (r.deleted) deletedIds.push(r.id);
      else docs.push(toKbDoc(r));
    }
    return { version: await this.kbVersion(), docs, deletedIds };
  }
  async kbGet(id: string): Promise<KbDoc | undefined> {
    const r = this.st.get.get(id) as KbRow | undefined;
    return r ? toKbDoc(r) : undefined;
  }
  async kbCount(): Promise<number> {
    return (this.st.count.get() as { n: number }).n;
  }
}

function toKbDoc(r: KbRow): KbDoc {
  return {
    id: r.id,
    tier: r.tier as KbDoc['tier'],
    title: r.title,
    body: r.body,
    tags: JSON.parse(r.tags) as string[],
    version: r.version,
    updatedAt: r.updated_at,
  };
}
