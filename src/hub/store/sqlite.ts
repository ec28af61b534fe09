// The embedded HubStore: one SQLite file (WAL) through better-sqlite3. Idempotency is enforced by the
// schema (primary keys / unique constraints), not only by application checks.
//
// SqliteHubStore owns the connection and transactions and delegates each aggregate (delegating.ts) to its module:
// sqlite/users.ts, sqlite/tickets.ts (tickets, messages, actions, assignments), sqlite/events.ts (the
// replay log), sqlite/commands.ts (idempotency), sqlite/feedback.ts (outcomes, conversions),
// sqlite/conflicts.ts, sqlite/knowledge.ts, sqlite/meta.ts; the schema is in sqlite/schema.ts.
import Database from 'better-sqlite3';
import { DelegatingHubStore, type StoreParts } from './delegating';
import type { HubStore, RetentionStep } from './types';
import { SqliteCommandResults } from './sqlite/commands';
import { SqliteConflicts } from './sqlite/conflicts';
import { SqliteReplayLog } from './sqlite/events';
import { SqliteFeedback } from './sqlite/feedback';
import { SqliteIntegration } from './sqlite/integration';
import { SqliteIntegrationRetention } from './sqlite/integration-retention';
import { SqliteKnowledge } from './sqlite/knowledge';
import { SqliteMeta } from './sqlite/meta';
import { migrate } from './sqlite/schema';
import { StatementCache } from './sqlite/statement-cache';
import { WalCheckpointer } from './sqlite/checkpointer';
import { SqliteTickets } from './sqlite/tickets';
import { SqliteUsers } from './sqlite/users';

export { aggregate } from './aggregate';

export interface SqliteStoreOptions {
  /** File path or ':memory:'. */
  path: string;
  /** NORMAL survives a process crash (kill -9) in WAL mode; FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * false = every unit commits on its own instead of sharing one transaction with the units queued
   * with it (delivery/commit-queue.ts). Same guarantees, more commits; for the bench's before/after.
   */
  groupCommit?: boolean;
  /**
   * 'worker' (default for a file): WAL checkpoints run on a worker thread, not inside the hub's
   * COMMITs (sqlite/checkpointer.ts); 'auto': SQLite's own, in the COMMIT that fills the WAL.
   */
  checkpoints?: 'worker' | 'auto';
  /** How long a conversation's inbound-event dedup records are kept after its last event (default INBOUND_RETAIN_MS). */
  inboundRetainMs?: number;
  /** How long a closed conversation's integration record is kept (default CONVERSATION_RETAIN_MS). */
  conversationRetainMs?: number;
  /** How long a message delivery report is kept after its `at` (default MESSAGE_DELIVERY_RETAIN_MS). */
  messageDeliveryRetainMs?: number;
}

/** Opening and closing one unit: BEGIN/COMMIT/ROLLBACK at depth 0, SAVEPOINT/RELEASE/ROLLBACK TO below. */
interface TransactionStatements {
  begin: Database.Statement;
  commit: Database.Statement;
  rollback: Database.Statement;
}

export class SqliteHubStore extends DelegatingHubStore implements HubStore {
  readonly db: Database.Database;
  readonly groupCommit: boolean;
  private depth = 0;
  private readonly transactions: TransactionStatements[] = [];
  private readonly cache: StatementCache;
  private readonly checkpointer: WalCheckpointer | undefined;
  private readonly meta: SqliteMeta;
  protected readonly parts: StoreParts;
  /** The integration API's tables (store/integration-types.ts). */
  readonly integration: SqliteIntegration;
  private readonly retention: SqliteIntegrationRetention;

  constructor(opts: SqliteStoreOptions) {
    super();
    this.db = new Database(opts.path);
    this.groupCommit = opts.groupCommit ?? true;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Each unit of a group commit runs in its own SAVEPOINT, and SQLite keeps the page images a
    // savepoint may roll back to in a statement journal — a temp file by default, written on the first
    // change of every page in every unit. In memory it costs a third less per escalation (measured:
    // 178 → 124 µs of SQLite work). It only ever serves a rollback inside the open transaction; a crash
    // discards the uncommitted transaction from the WAL anyway, so durability is unchanged.
    this.db.pragma('temp_store = MEMORY');
    migrate(this.db);
    const file = opts.path !== ':memory:' && opts.path !== '';
    this.checkpointer =
      file && (opts.checkpoints ?? 'worker') === 'worker'
        ? new WalCheckpointer(this.db, opts.path)
        : undefined;
    this.cache = new StatementCache(this.db);
    this.meta = new SqliteMeta(this.cache);
    this.parts = {
      users: new SqliteUsers(this.db),
      tickets: new SqliteTickets(this.db, this.cache),
      events: new SqliteReplayLog(this.db),
      commands: new SqliteCommandResults(this.db),
      feedback: new SqliteFeedback(this.db),
      conflicts: new SqliteConflicts(this.db, this.cache),
      knowledge: new SqliteKnowledge(this.db),
    };
    this.integration = new SqliteIntegration(this.db);
    this.retention = new SqliteIntegrationRetention(this.db, {
      inboundRetainMs: opts.inboundRetainMs,
      conversationRetainMs: opts.conversationRetainMs,
      messageDeliveryRetainMs: opts.messageDeliveryRetainMs,
    });
  }

  /** Outermost call: BEGIN IMMEDIATE … COMMIT. Nested calls: a SAVEPOINT, so an inner failure rolls back only itself. */
  async atomically<T>(fn: () => Promise<T>): Promise<T> {
    const depth = this.depth++;
    const tx = this.transactionStatements(depth);
    tx.begin.run();
    try {
      const result = await fn();
      tx.commit.run();
      return result;
    } catch (err) {
      if (this.db.inTransaction) {
        tx.rollback.run();
        if (depth > 0) tx.commit.run(); // ROLLBACK TO leaves the savepoint open: RELEASE it
      }
      throw err;
    } finally {
      this.depth--;
    }
  }

  /**
   * The statements that open and close a unit at this depth, prepared once: every unit of a group
   * commit runs two of them, and building the savepoint's name and finding its statement per unit
   * showed up in the profile beside the SQLite work itself.
   */
  private transactionStatements(depth: number): TransactionStatements {
    let tx = this.transactions[depth];
    if (!tx) {
      const sp = `sp${depth}`;
      tx =
        depth === 0
          ? {
              begin: this.db.prepare('BEGIN IMMEDIATE'),
              commit: this.db.prepare('COMMIT'),
              rollback: this.db.prepare('ROLLBACK'),
            }
          : {
              begin: this.db.prepare(`SAVEPOINT ${sp}`),
              commit: this.db.prepare(`RELEASE ${sp}`),
              rollback: this.db.prepare(`ROLLBACK TO ${sp}`),
            };
      this.transactions[depth] = tx;
    }
    return tx;
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    if (this.db.open) this.db.close();
  }

  /** One bounded step of the integration records' retention (sqlite/integration-retention.ts). */
  async pruneIntegrationRecords(now: number): Promise<RetentionStep> {
    return this.retention.prune(now);
  }

  // ── meta ───────────────────────────────────────────────────────────────────────────────────────
  getMeta(key: string) {
    return this.meta.getMeta(key);
  }
  setMeta(key: string, value: string) {
    return this.meta.setMeta(key, value);
  }
}
