// A damaged database file must not end in a raw stack trace. openDatabaseSafely opens a SQLite file,
// checks it (open + PRAGMA quick_check), and when it is damaged reads what it still can (the rows a
// caller names, e.g. the unsynced outbox), moves the file and its -wal/-shm aside with a timestamp,
// and starts a fresh one — recording what happened in that fresh file so the user can be told
// (the core rebuilds tickets and knowledge from the hub). It works for any database file.
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { openDatabase, type Db, type OpenOptions } from './database';

export interface DatabaseRecovery {
  id: number;
  at: number;
  /** Where the damaged file now is. */
  movedTo: string;
  /** What was wrong, in SQLite's words. */
  reason: string;
  /** Rows read back from the damaged file, per table asked for; null = that table was unreadable. */
  salvaged: Record<string, number | null>;
}

export interface SafeOpenOptions extends OpenOptions {
  /** Tables whose rows to read back from a damaged file (e.g. ['outbox']); see salvagedRows. */
  salvageTables?: readonly string[];
  now?: () => number;
}

export interface SafeOpenResult {
  db: Db;
  /** Set when the file was damaged and replaced by a fresh one. */
  recovery: (DatabaseRecovery & { rows: Record<string, Record<string, unknown>[] | null> }) | null;
}

const RECOVERY_TABLE = `CREATE TABLE IF NOT EXISTS db_recoveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, moved_to TEXT NOT NULL, reason TEXT NOT NULL,
  salvaged TEXT NOT NULL, dismissed INTEGER NOT NULL DEFAULT 0)`;

const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

/** Why the file cannot be used, or the open database when it opens and passes quick_check. */
function damage(file: string, options: OpenOptions): { reason: string } | { db: Db } {
  let db: Db | null = null;
  try {
    db = openDatabase(file, options);
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length === 0) return { db };
    db.close();
    return { reason: `quick_check: ${problems.slice(0, 3).join('; ')}` };
  } catch (err) {
    try {
      db?.close();
    } catch {
      // already unusable
    }
    const e = err as { code?: string; message?: string };
    // Only a damaged file is moved aside. A busy, locked, unreadable or full one is not damaged:
    // moving it would throw away good data (and the outbox) for a passing condition.
    if (!DAMAGE_CODES.test(e.code ?? '')) throw err;
    return { reason: `${e.code}: ${e.message ?? String(err)}` };
  }
}

function readTables(
  file: string,
  tables: readonly string[],
): Record<string, Record<string, unknown>[] | null> {
  const out: Record<string, Record<string, unknown>[] | null> = {};
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    for (const t of tables) out[t] = null;
    return out;
  }
  for (const t of tables) {
    try {
      out[t] = db.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}" ORDER BY rowid`).all() as Record<
        string,
        unknown
      >[];
    } catch {
      out[t] = null;
    }
  }
  db.close();
  return out;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

export function openDatabaseSafely(file: string, options: SafeOpenOptions = {}): SafeOpenResult {
  const now = options.now ?? Date.now;
  if (file === ':memory:' || !existsSync(file)) {
    const db = openDatabase(file, options);
    db.exec(RECOVERY_TABLE);
    return { db, recovery: null };
  }
  const checked = damage(file, options);
  if ('db' in checked) {
    checked.db.exec(RECOVERY_TABLE);
    return { db: checked.db, recovery: null };
  }
  const rows = readTables(file, options.salvageTables ?? []);
  const at = now();
  const movedTo = `${file}.corrupt-${stamp(at)}`;
  renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  const db = openDatabase(file, options);
  db.exec(RECOVERY_TABLE);
  const salvaged = Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r ? r.length : null]));
  const { lastInsertRowid } = db
    .prepare('INSERT INTO db_recoveries (at, moved_to, reason, salvaged) VALUES (?, ?, ?, ?)')
    .run(at, movedTo, checked.reason, JSON.stringify(salvaged));
  return {
    db,
    recovery: { id: Number(lastInsertRowid), at, movedTo, reason: checked.reason, salvaged, rows },
  };
}

/**
 * Puts salvaged rows back into `table` of the fresh database (after its migrations ran), keeping only
 * the columns both schemas share. Returns how many went in; rows that do not fit are skipped.
 */
export function restoreRows(db: Db, table: string, rows: Record<string, unknown>[] | null): number {
  if (!rows?.length) return 0;
  const cols = new Set(
    (db.pragma(`table_info("${table.replace(/"/g, '""')}")`) as { name: string }[]).map((c) => c.name),
  );
  let restored = 0;
  db.transaction(() => {
    for (const row of rows) {
      const names = Object.keys(row).filter((k) => cols.has(k));
      if (!names.length) continue;
      const sql = `INSERT OR IGNORE INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
      try {
        restored += db.prepare(sql).run(...names.map((n) => row[n])).changes;
      } catch {
        // a row the new schema refuses stays only in the moved-aside file
      }
    }
  })();
  return restored;
}

/** The newest recovery the user has not dismissed, if any. */
export function pendingRecovery(db: Db): DatabaseRecovery | null {
  const row = db
    .prepare(
      'SELECT id, at, moved_to, reason, salvaged FROM db_recoveries WHERE dismissed = 0 ORDER BY id DESC LIMIT 1',
    )
    .get() as { id: number; at: number; moved_to: string; reason: string; salvaged: string } | undefined;
  if (!row) return null;
  return {
    id: row.id,
    at: row.at,
    movedTo: row.moved_to,
    reason: row.reason,
    salvaged: JSON.parse(row.salvaged) as Record<string, number | null>,
  };
}

/** Replaces the per-table counts with what was actually put back (null = that table was unreadable). */
export function setSalvaged(db: Db, id: number, salvaged: Record<string, number | null>): void {
  db.prepare('UPDATE db_recoveries SET salvaged = ? WHERE id = ?').run(JSON.stringify(salvaged), id);
}

export function dismissRecovery(db: Db, id: number): void {
  db.prepare('UPDATE db_recoveries SET dismissed = 1 WHERE id <= ?').run(id);
}
