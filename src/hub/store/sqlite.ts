// The embedded HubStore: one SQLite file (WAL) through better-sqlite3. Idempotency is enforced by the
// schema (primary keys / unique constraints), not only by application checks.
//
// SqliteHubStore owns the connection and transactions and delegates each aggregate to its module:
// sqlite/users.ts, sqlite/tickets.ts (tickets, messages, actions, assignments), sqlite/events.ts (the
// replay log), sqlite/commands.ts (idempotency), sqlite/feedback.ts (outcomes, conversions),
// sqlite/conflicts.ts, sqlite/knowledge.ts, sqlite/meta.ts; the schema is in sqlite/schema.ts.
import Database from 'better-sqlite3';
import type { Conflict, Intent, Message, Outcome, Ticket, TicketAction } from '../../shared/domain';
import type { ServerEventName } from '../../shared/hub-protocol';
import type {
  AssignmentRecord,
  HubStore,
  KbDocInput,
  KbPageRequest,
  TicketPatch,
  UserAccessChange,
  UserRecord,
} from './types';
import { SqliteCommandResults } from './sqlite/commands';
import { SqliteConflicts } from './sqlite/conflicts';
import { SqliteReplayLog } from './sqlite/events';
import { SqliteFeedback } from './sqlite/feedback';
import { SqliteIntegration } from './sqlite/integration';
import { SqliteKnowledge } from './sqlite/knowledge';
import { SqliteMeta } from './sqlite/meta';
import { migrate } from './sqlite/schema';
import { StatementCache } from './sqlite/statement-cache';
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
}

export class SqliteHubStore implements HubStore {
  readonly db: Database.Database;
  readonly groupCommit: boolean;
  private depth = 0;
  private readonly cache: StatementCache;
  private readonly meta: SqliteMeta;
  private readonly users: SqliteUsers;
  private readonly tickets: SqliteTickets;
  private readonly events: SqliteReplayLog;
  private readonly commands: SqliteCommandResults;
  private readonly feedback: SqliteFeedback;
  private readonly conflicts: SqliteConflicts;
  private readonly knowledge: SqliteKnowledge;
  /** The integration API's tables (store/integration-types.ts). */
  readonly integration: SqliteIntegration;

  constructor(opts: SqliteStoreOptions) {
    this.db = new Database(opts.path);
    this.groupCommit = opts.groupCommit ?? true;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.cache = new StatementCache(this.db);
    this.meta = new SqliteMeta(this.cache);
    this.users = new SqliteUsers(this.db);
    this.tickets = new SqliteTickets(this.db, this.cache);
    this.events = new SqliteReplayLog(this.db);
    this.commands = new SqliteCommandResults(this.db);
    this.feedback = new SqliteFeedback(this.db);
    this.conflicts = new SqliteConflicts(this.db, this.cache);
    this.knowledge = new SqliteKnowledge(this.db);
    this.integration = new SqliteIntegration(this.db);
  }

  /** Outermost call: BEGIN IMMEDIATE … COMMIT. Nested calls: a SAVEPOINT, so an inner failure rolls back only itself. */
  async atomically<T>(fn: () => Promise<T>): Promise<T> {
    const depth = this.depth++;
    const sp = `sp${depth}`;
    this.cache.sql(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${sp}`).run();
    try {
      const result = await fn();
      this.cache.sql(depth === 0 ? 'COMMIT' : `RELEASE ${sp}`).run();
      return result;
    } catch (err) {
      if (this.db.inTransaction) {
        if (depth === 0) this.cache.sql('ROLLBACK').run();
        else {
          this.cache.sql(`ROLLBACK TO ${sp}`).run();
          this.cache.sql(`RELEASE ${sp}`).run();
        }
      }
      throw err;
    } finally {
      this.depth--;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ── meta ───────────────────────────────────────────────────────────────────────────────────────
  getMeta(key: string) {
    return this.meta.getMeta(key);
  }
  setMeta(key: string, value: string) {
    return this.meta.setMeta(key, value);
  }

  // ── users ──────────────────────────────────────────────────────────────────────────────────────
  upsertUser(u: UserRecord) {
    return this.users.upsertUser(u);
  }
  getUser(id: string) {
    return this.users.getUser(id);
  }
  getUserByUsername(username: string) {
    return this.users.getUserByUsername(username);
  }
  listUsers() {
    return this.users.listUsers();
  }
  setUserAccess(id: string, change: UserAccessChange) {
    return this.users.setUserAccess(id, change);
  }

  // ── tickets, messages, actions, assignments ────────────────────────────────────────────────────
  maxTicketIndex(prefix: string) {
    return this.tickets.maxTicketIndex(prefix);
  }
  insertTicket(t: Ticket) {
    return this.tickets.insertTicket(t);
  }
  getTicket(id: string) {
    return this.tickets.getTicket(id);
  }
  getTicketHead(id: string) {
    return this.tickets.getTicketHead(id);
  }
  updateTicket(id: string, patch: TicketPatch) {
    return this.tickets.updateTicket(id, patch);
  }
  listTicketHeads(filter: { statuses?: readonly string[]; assignedTo?: string }) {
    return this.tickets.listTicketHeads(filter);
  }
  countTickets(statuses: readonly string[]) {
    return this.tickets.countTickets(statuses);
  }
  appendMessage(m: Message) {
    return this.tickets.appendMessage(m);
  }
  lastMessages(ticketId: string, n: number) {
    return this.tickets.lastMessages(ticketId, n);
  }
  messageCount(ticketId: string) {
    return this.tickets.messageCount(ticketId);
  }
  customerTickets(customerId: string, excludeTicketId: string, limit: number) {
    return this.tickets.customerTickets(customerId, excludeTicketId, limit);
  }
  insertAction(a: TicketAction) {
    return this.tickets.insertAction(a);
  }
  listActions(ticketId: string) {
    return this.tickets.listActions(ticketId);
  }
  insertAssignment(ticketId: string, record: AssignmentRecord) {
    return this.tickets.insertAssignment(ticketId, record);
  }
  listAssignments(ticketId: string) {
    return this.tickets.listAssignments(ticketId);
  }

  // ── replay log ─────────────────────────────────────────────────────────────────────────────────
  appendEvent(userId: string, name: ServerEventName, payload: Record<string, unknown>, at: number) {
    return this.events.appendEvent(userId, name, payload, at);
  }
  eventsAfter(userId: string, afterSeq: number, limit: number) {
    return this.events.eventsAfter(userId, afterSeq, limit);
  }
  headSeq(userId: string) {
    return this.events.headSeq(userId);
  }

  // ── idempotent commands ───────────────────────────────────────────────────────────────────────
  getCommandResult(actorId: string, command: string, key: string) {
    return this.commands.getCommandResult(actorId, command, key);
  }
  putCommandResult(actorId: string, command: string, key: string, result: unknown, at: number) {
    return this.commands.putCommandResult(actorId, command, key, result, at);
  }

  // ── feedback ──────────────────────────────────────────────────────────────────────────────────
  insertOutcome(o: Outcome) {
    return this.feedback.insertOutcome(o);
  }
  latestOutcome(ticketId: string) {
    return this.feedback.latestOutcome(ticketId);
  }
  metrics(intent?: Intent) {
    return this.feedback.metrics(intent);
  }
  resolutionStats() {
    return this.feedback.resolutionStats();
  }
  recordConversion(
    ticketId: string,
    orderId: string,
    recommendationId: string | null,
    amount: number,
    at: number,
  ) {
    return this.feedback.recordConversion(ticketId, orderId, recommendationId, amount, at);
  }

  // ── conflicts ─────────────────────────────────────────────────────────────────────────────────
  insertConflict(c: Conflict, dedupKey: string) {
    return this.conflicts.insertConflict(c, dedupKey);
  }
  getConflict(id: string) {
    return this.conflicts.getConflict(id);
  }
  updateConflict(c: Conflict) {
    return this.conflicts.updateConflict(c);
  }
  listConflicts(filter: { status?: 'open' | 'resolved'; ticketId?: string }) {
    return this.conflicts.listConflicts(filter);
  }

  // ── knowledge ─────────────────────────────────────────────────────────────────────────────────
  kbVersion() {
    return this.knowledge.kbVersion();
  }
  kbPublish(upserts: readonly KbDocInput[], deleteIds: readonly string[], at: number) {
    return this.knowledge.kbPublish(upserts, deleteIds, at);
  }
  kbSince(sinceVersion: number, page?: KbPageRequest) {
    return this.knowledge.kbSince(sinceVersion, page);
  }
  kbGet(id: string) {
    return this.knowledge.kbGet(id);
  }
  kbCount() {
    return this.knowledge.kbCount();
  }
}
