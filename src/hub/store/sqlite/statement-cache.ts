import type Database from 'better-sqlite3';

/** Prepared-statement cache for the few queries built at run time (filters, transaction control). */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  sql(text: string): Database.Statement {
    let st = this.cache.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.cache.set(text, st);
    }
    return st;
  }
}
