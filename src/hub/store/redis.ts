// The shared HubStore: Redis (≥ 7) through node-redis, for several hub nodes. Every unit of work
// (atomically) buffers its writes and commits them as one Lua script that checks the unit's
// preconditions first (redis/unit.ts, redis/commit-script.ts), so there is no lock across nodes:
// two nodes routing the same ticket, or filling the same agent's last seat, cannot both commit.
//
// RedisHubStore owns the connection and delegates each aggregate to its module: redis/users.ts,
// redis/tickets.ts (tickets, messages, actions, assignments), redis/events.ts (the replay log, Streams),
// redis/commands.ts (idempotency), redis/feedback.ts, redis/conflicts.ts, redis/knowledge.ts, and the
// integration API's state as `integration` (redis/integration.ts).
import { createClient } from '@redis/client';
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
import { RedisCommandResults } from './redis/commands';
import { RedisConflicts } from './redis/conflicts';
import { checkDurability, type DurabilityReport } from './redis/durability';
import { RedisReplayLog } from './redis/events';
import { RedisFeedback } from './redis/feedback';
import { RedisIntegrationStore } from './redis/integration';
import { Keys } from './redis/keys';
import { RedisKnowledge } from './redis/knowledge';
import { RedisTickets } from './redis/tickets';
import { RedisTx, type RedisClient } from './redis/unit';
import { RedisUsers } from './redis/users';

export interface RedisStoreOptions {
  /** redis://host:port[/db] */
  url: string;
  /** Key prefix; hubs (or test runs) with different prefixes share a Redis without seeing each other. */
  prefix?: string;
  /** Keep retrying while Redis is away (a hub: true, the default); false fails at once (a CLI). */
  reconnect?: boolean;
}

export class RedisHubStore implements HubStore {
  readonly groupCommit = false;
  /** The integration API's keys, conversations, inbound dedup and webhook outbox (redis/integration.ts). */
  readonly integration: RedisIntegrationStore;
  readonly keys: Keys;
  readonly tx: RedisTx;
  private readonly users: RedisUsers;
  private readonly tickets: RedisTickets;
  private readonly events: RedisReplayLog;
  private readonly commands: RedisCommandResults;
  private readonly feedback: RedisFeedback;
  private readonly conflicts: RedisConflicts;
  private readonly knowledge: RedisKnowledge;

  private constructor(
    readonly client: RedisClient,
    readonly url: string,
    prefix: string,
  ) {
    this.keys = new Keys(prefix);
    this.tx = new RedisTx(client, this.keys, this.keys.fan);
    this.users = new RedisUsers(this.tx);
    this.tickets = new RedisTickets(this.tx);
    this.events = new RedisReplayLog(this.tx);
    this.commands = new RedisCommandResults(this.tx);
    this.feedback = new RedisFeedback(this.tx);
    this.conflicts = new RedisConflicts(this.tx);
    this.knowledge = new RedisKnowledge(this.tx);
    this.integration = new RedisIntegrationStore(this.tx);
  }

  static async connect(opts: RedisStoreOptions): Promise<RedisHubStore> {
    const client = createClient({
      url: opts.url,
      // keep retrying while Redis restarts; commands meanwhile wait in the offline queue
      socket: {
        reconnectStrategy: opts.reconnect === false ? false : (retries) => Math.min(50 * 2 ** retries, 2000),
        ...(opts.reconnect === false ? { connectTimeout: 5000 } : {}),
      },
    }) as RedisClient;
    client.on('error', () => undefined); // reconnects on its own; failed commands reject
    await client.connect();
    return new RedisHubStore(client, opts.url, opts.prefix ?? 'xd');
  }

  /** Reads the persistence settings (CONFIG GET) and says what a crash of Redis would lose. */
  durability(): Promise<DurabilityReport> {
    return checkDurability(this.client);
  }

  /** A second connection for blocking reads / pub/sub (cluster/fanout.ts). */
  duplicate(): RedisClient {
    const c = this.client.duplicate() as RedisClient;
    c.on('error', () => undefined);
    return c;
  }

  atomically<T>(fn: () => Promise<T>): Promise<T> {
    return this.tx.atomically(fn);
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
  }

  /** true for the first caller ever (per prefix): one-time start-up work among several nodes. */
  async claimOnce(what: string): Promise<boolean> {
    return (await this.client.hSetNX(this.keys.meta, `once:${what}`, String(Date.now()))) === 1;
  }

  /** Stores value unless the key has one; returns the value that is stored. */
  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    await this.client.hSetNX(this.keys.meta, key, value);
    return (await this.client.hGet(this.keys.meta, key)) ?? value;
  }

  async agentLoads(): Promise<Map<string, number>> {
    const all = (await this.client.hGetAll(this.keys.load)) as Record<string, string>;
    return new Map(Object.entries(all).map(([id, n]) => [id, Number(n)]));
  }

  // ── meta ───────────────────────────────────────────────────────────────────────────────────────
  async getMeta(key: string) {
    return (await this.tx.hget(this.keys.meta, key)) ?? undefined;
  }
  setMeta(key: string, value: string) {
    return this.tx.write(() => this.tx.hset(this.keys.meta, { [key]: value }));
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
  messageCount(ticketId: string) {
    return this.tickets.messageCount(ticketId);
  }
  lastMessages(ticketId: string, n: number) {
    return this.tickets.lastMessages(ticketId, n);
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
  putCommandResult(actorId: string, command: string, key: string, result: unknown) {
    return this.commands.putCommandResult(actorId, command, key, result);
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
