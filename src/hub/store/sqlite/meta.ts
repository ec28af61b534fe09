// Small hub settings as key/value text (e.g. the generated token secret).
import type { StatementCache } from './statement-cache';

export class SqliteMeta {
  constructor(private readonly cache: StatementCache) {}

  async getMeta(key: string): Promise<string | undefined> {
    return (this.cache.sql('SELECT v FROM meta WHERE k = ?').get(key) as { v: string } | undefined)?.v;
  }
  async setMeta(key: string, value: string): Promise<void> {
    this.cache
      .sql('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v')
      .run(key, value);
  }
}
