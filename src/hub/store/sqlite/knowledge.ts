// Knowledge documents, versioned: every publish bumps kb_meta.version and stamps the docs it touched
// (deletes are tombstones), so a client pulls exactly what changed since its version.
import type Database from 'better-sqlite3';
import type { KbDoc } from '../../../shared/domain';
import type { KbDelta, KbDocInput, KbPageRequest } from '../types';

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
      page: db.prepare(
        `SELECT * FROM kb_docs WHERE version > @since AND (version > @av OR (version = @av AND id > @aid))
         ORDER BY version, id LIMIT @limit`,
      ),
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
  async kbSince(sinceVersion: number, page?: KbPageRequest): Promise<KbDelta> {
    const docs: KbDoc[] = [];
    const deletedIds: string[] = [];
    const version = (this.st.version.get() as { v: number }).v;
    if (!page) {
      for (const r of this.st.since.all(sinceVersion) as KbRow[]) {
        if (r.deleted) deletedIds.push(r.id);
        else docs.push(toKbDoc(r));
      }
      return { version, docs, deletedIds };
    }
    // Iterate (not .all()) so a page of big documents never materializes more than it sends.
    const rows = this.st.page.iterate({
      since: sinceVersion,
      av: page.after?.version ?? -1,
      aid: page.after?.id ?? '',
      limit: page.maxDocs + 1,
    }) as IterableIterator<KbRow>;
    let chars = 0;
    let taken = 0;
    let last: KbRow | undefined;
    let next: KbDelta['next'];
    for (const r of rows) {
      const size = r.deleted ? 0 : r.title.length + r.body.length;
      if (taken > 0 && (taken >= page.maxDocs || chars + size > page.maxChars)) {
        next = { version: last!.version, id: last!.id };
        rows.return?.();
        break;
      }
      if (r.deleted) deletedIds.push(r.id);
      else docs.push(toKbDoc(r));
      chars += size;
      taken++;
      last = r;
    }
    return next ? { version, docs, deletedIds, next } : { version, docs, deletedIds };
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
