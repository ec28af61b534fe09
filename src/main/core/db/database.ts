// Opening the workstation database and running each feature's versioned migrations.
// Each feature owns its migration list (tickets, knowledge, outbox …), tracked per feature, so
// features can evolve their tables independently without renumbering each other's steps.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  up: (db: Db) => void;
}

export interface OpenOptions {
  /** FULL makes every commit durable across power loss; the outbox needs it (see docs/ARCHITECTURE.md). */
  synchronous?: 'NORMAL' | 'FULL';
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    feature TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL,
    PRIMARY KEY (feature, version))`);
  return db;
}

/** Applies, in order and each in its own transaction, the migrations of `feature` not yet applied. */
export function migrate(db: Db, feature: string, migrations: readonly Migration[]): number {
  const row = db
    .prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations WHERE feature = ?')
    .get(feature) as { v: number };
  let applied = 0;
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    if (m.version <= row.v) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare(
        'INSERT INTO schema_migrations (feature, version, name, applied_at) VALUES (?, ?, ?, ?)',
      ).run(feature, m.version, m.name, Date.now());
    })();
    applied++;
  }
  return applied;
}
