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

/**
 * Runs `fn` (a transaction, or a single write) with this connection's commit not waiting for fsync
 * (WAL + synchronous=NORMAL), for writes that a power loss may take back without losing anything:
 * hub events (their seq cursor is written in the same transaction, and the hub replays every event
 * after it), read marks, suggestion bookkeeping. An app crash loses none of them either way, and the
 * next FULL commit (a reply, an outcome, a draft) syncs them too: the WAL is synced in order. Such an
 * fsync costs 10–50 ms on a busy disk, and these writes sit on the path from the hub to the screen.
 * Inside an enclosing transaction the enclosing one's commit decides, so nothing changes there.
 */
export function withRelaxedSync<T>(db: Db, fn: () => T): T {
  if (db.memory || db.inTransaction) return fn();
  const level = prepared(db, 'PRAGMA synchronous').pluck().get() as number;
  if (level <= SYNCHRONOUS_NORMAL) return fn();
  prepared(db, 'PRAGMA synchronous = NORMAL').run();
  try {
    return fn();
  } finally {
    prepared(db, `PRAGMA synchronous = ${level}`).run();
  }
}

const SYNCHRONOUS_NORMAL = 1;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * `db.prepare(sql)`, compiled once per connection: preparing costs more than running the small
 * statements on the path from the hub to the screen (a quarter of applying a ticket, measured).
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
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
