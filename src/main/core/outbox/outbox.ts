// The transactional outbox: every write meant for the hub is stored in the same SQLite transaction as
// the local change it belongs to, with its idempotency key fixed at that moment. A sender delivers the
// rows in order; a row leaves the table only when the hub has acknowledged it. What the hub refuses is
// set aside as a sync conflict for the agent to settle — never dropped silently.
import type { ClientCommandName } from '../../../shared/hub-protocol';
import { migrate, type Db, type Migration } from '../db/database';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'outbox',
    up: (db) => {
      db.exec(`
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          idempotency_key TEXT NOT NULL UNIQUE,
          command TEXT NOT NULL,
          payload TEXT NOT NULL,
          ticket_id TEXT,
          created_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected'))
        );
        CREATE INDEX outbox_pending ON outbox (state, id);
      `);
    },
  },
];

export interface OutboxItem {
  id: number;
  idempotencyKey: string;
  command: ClientCommandName;
  payload: unknown;
  ticketId: string | null;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  state: 'pending' | 'rejected';
}

interface OutboxRow {
  id: number;
  idempotency_key: string;
  command: string;
  payload: string;
  ticket_id: string | null;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  state: 'pending' | 'rejected';
}

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  command: r.command as ClientCommandName,
  payload: JSON.parse(r.payload) as unknown,
  ticketId: r.ticket_id,
  createdAt: r.created_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  state: r.state,
});

export class Outbox {
  constructor(private readonly db: Db) {
    migrate(db, 'outbox', migrations);
  }

  /** Call inside the transaction that makes the local change; a repeated key is ignored. */
  enqueue(
    command: ClientCommandName,
    payload: unknown,
    idempotencyKey: string,
    ticketId: string | null,
  ): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO outbox (idempotency_key, command, payload, ticket_id, created_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(idempotencyKey, command, JSON.stringify(payload), ticketId, Date.now());
  }

  /** The oldest pending item: delivery is strictly in order. */
  head(): OutboxItem | undefined {
    const row = this.db.prepare(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1`).get() as
      OutboxRow | undefined;
    return row ? toItem(row) : undefined;
  }

  /** Idempotency keys of a ticket's items of one command, by state (a reply's key is its client message id). */
  keysFor(ticketId: string, command: ClientCommandName): { pending: string[]; refused: string[] } {
    const rows = this.db
      .prepare(
        'SELECT idempotency_key AS key, state FROM outbox WHERE ticket_id = ? AND command = ? ORDER BY id',
      )
      .all(ticketId, command) as { key: string; state: 'pending' | 'rejected' }[];
    return {
      pending: rows.filter((r) => r.state === 'pending').map((r) => r.key),
      refused: rows.filter((r) => r.state === 'rejected').map((r) => r.key),
    };
  }

  pendingCount(): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`).get() as { n: number }
    ).n;
  }

  rejected(): OutboxItem[] {
    return (
      this.db.prepare(`SELECT * FROM outbox WHERE state = 'rejected' ORDER BY id`).all() as OutboxRow[]
    ).map(toItem);
  }

  get(id: number): OutboxItem | undefined {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row ? toItem(row) : undefined;
  }

  /** Acknowledged by the hub: the only way a row leaves the outbox besides the agent discarding it. */
  remove(id: number): void {
    this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
  }

  scheduleRetry(id: number, at: number, error: string): void {
    this.db
      .prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?')
      .run(at, error, id);
  }

  reject(id: number, error: string): void {
    this.db
      .prepare(`UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ? WHERE id = ?`)
      .run(error, id);
  }

  /** The agent chose to send a refused item again (e.g. after the lead reassigned the ticket back). */
  retry(id: number): void {
    // Re-queued at the end so it cannot overtake work recorded after it was refused.
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
      if (!row) return;
      this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
      this.db
        .prepare(
          `INSERT INTO outbox (idempotency_key, command, payload, ticket_id, created_at, attempts) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(row.idempotency_key, row.command, row.payload, row.ticket_id, row.created_at, row.attempts);
    })();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
