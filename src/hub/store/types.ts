// The one interface all hub state goes through. Routing, delivery and handlers only see `HubStore`;
// the embedded default is SQLite (store/sqlite.ts). A Redis-backed store (for several hub nodes behind
// the socket.io Redis adapter) implements the same interface; methods are async for that reason.
import type {
  Conflict,
  Intent,
  KbDoc,
  Message,
  Outcome,
  Role,
  Ticket,
  TicketAction,
  TicketStatus,
} from '../../shared/domain';
import type { AssignmentReason, CommandOutput, ServerEventName } from '../../shared/hub-protocol';
import type { IntegrationStore } from './integration-types';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  skills: Intent[];
  capacity: number;
  /** scrypt hash (see auth/password.ts); null = cannot log in with a password (bench/service users). */
  passwordHash: string | null;
  createdAt: number;
  /** A disabled account cannot log in, and its tokens and sockets stop working at once. */
  disabled?: boolean;
}

/** What an admin may change about an existing account (hub CLI `users disable|enable|role`). */
export interface UserAccessChange {
  role?: Role;
  disabled?: boolean;
}

/** The routing-relevant columns of a ticket, without the conversation. */
export interface TicketHead {
  id: string;
  status: TicketStatus;
  intent: Intent;
  priority: number;
  assignedTo: string | null;
  createdAt: number;
  slaDueAt: number;
  slaBreached: boolean;
}

export type TicketPatch = Partial<{
  status: TicketStatus;
  assignedTo: string | null;
  assignedAt: number | null;
  priority: number;
  slaDueAt: number;
  slaBreached: boolean;
  tags: string[];
}>;

export interface StoredEvent {
  seq: number;
  name: ServerEventName;
  /** The full event as emitted, `seq` included. */
  payload: Record<string, unknown> & { seq: number };
  at: number;
  /** `payload` as JSON, when the store serialised it anyway (SQLite: the stored text): sent as is. */
  encoded?: string;
}

export interface AssignmentRecord {
  at: number;
  reason: AssignmentReason;
  candidates: AssignmentReason[];
}

export type Metrics = CommandOutput<'metrics:get'>;

export interface ResolutionStat {
  agentId: string;
  intent: Intent;
  resolved: number;
  total: number;
}

export interface KbDelta {
  version: number;
  docs: KbDoc[];
  deletedIds: string[];
  /** Set when the page stopped early: continue after this (version, id). */
  next?: { version: number; id: string };
}

/** One page of the knowledge change log, in (version, id) order after `after`. */
export interface KbPageRequest {
  after?: { version: number; id: string } | undefined;
  maxDocs: number;
  /** Title + body characters per page; a page holds at least one row, however big. */
  maxChars: number;
}

export type KbDocInput = Omit<KbDoc, 'version' | 'updatedAt'>;

/** One of a customer's tickets and what they asked first (their first text or voice transcript). */
export interface CustomerTicketRow {
  head: TicketHead;
  opener: string;
}

/**
 * A shared store's commit found that another node changed what this unit read (a ticket's version, an
 * idempotency key) or that an agent would go past capacity. Nothing was applied; the unit may be re-run
 * on fresh state (delivery/commit-queue.ts does, a few times).
 */
export class StoreConflictError extends Error {
  readonly retryable = true;
  constructor(
    readonly reason: string,
    readonly key: string,
  ) {
    super(`store conflict (${reason}) on ${key}`);
    this.name = 'StoreConflictError';
  }
}

/** What one bounded retention step removed; `more` = it stopped at its batch size. */
export interface RetentionStep {
  inboundEvents: number;
  conversations: number;
  /** webhook_outbox rows of removed conversations */
  outbox: number;
  messageDeliveries: number;
  more: boolean;
}

export interface HubStore {
  /**
   * false = several hub processes share this store (Redis): the commit queue commits every unit on its
   * own (no group commit) and re-runs a unit that hit a StoreConflictError. Default (undefined) = true.
   */
  readonly groupCommit?: boolean;
  /** Shared stores: each agent's load as the store counts it (the in-process mirror is refreshed from it). */
  agentLoads?(): Promise<Map<string, number>>;
  /**
   * Stores whose records do not expire by themselves (SQLite): deletes one bounded batch of the
   * integration records past their retention (store/integration-types.ts INBOUND_RETAIN_MS,
   * CONVERSATION_RETAIN_MS) as of `now`. Run inside a unit; the hub's timer calls it again while
   * `more` (integration/retention.ts). Redis needs none: its keys expire.
   */
  pruneIntegrationRecords?(now: number): Promise<RetentionStep>;
  /**
   * Runs fn as one atomic unit (all-or-nothing). Calls nest: an inner unit that fails rolls back only
   * itself (the hub uses this for group commit). Callers must not interleave other writes meanwhile.
   */
  atomically<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The integration API's keys, conversations, inbound dedup and webhook outbox; absent = /v1 is off. */
  readonly integration?: IntegrationStore;

  /** Small hub settings (e.g. the generated token secret, so tokens survive a restart). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Highest n among ticket ids of the form `${prefix}${n}_…` (used to resume generated ticket sequences). */
  maxTicketIndex(prefix: string): Promise<number>;

  // users
  upsertUser(user: UserRecord): Promise<void>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByUsername(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** Changes role and/or disabled (fields left out stay); returns the updated user, undefined if none. */
  setUserAccess(id: string, change: UserAccessChange): Promise<UserRecord | undefined>;

  // tickets
  insertTicket(ticket: Ticket): Promise<void>;
  getTicket(id: string): Promise<Ticket | undefined>;
  getTicketHead(id: string): Promise<TicketHead | undefined>;
  updateTicket(id: string, patch: TicketPatch): Promise<void>;
  listTicketHeads(filter: { statuses?: readonly TicketStatus[]; assignedTo?: string }): Promise<TicketHead[]>;
  /** How many tickets have one of these statuses (routing's queue pressure: without reading them all). */
  countTickets(statuses: readonly TicketStatus[]): Promise<number>;
  /** Idempotent on (ticketId, clientMsgId): a repeat returns the stored message with duplicate = true. */
  appendMessage(message: Message): Promise<{ message: Message; duplicate: boolean }>;
  lastMessages(ticketId: string, n: number): Promise<Message[]>;
  /** How many messages the ticket holds (the hub caps it at MAX_TICKET_MESSAGES). */
  messageCount(ticketId: string): Promise<number>;
  /** The customer's other tickets, newest first. */
  customerTickets(customerId: string, excludeTicketId: string, limit: number): Promise<CustomerTicketRow[]>;
  insertAction(action: TicketAction): Promise<void>;
  /** aiActions from the escalation snapshot plus every action recorded since, in order. */
  listActions(ticketId: string): Promise<TicketAction[]>;
  insertAssignment(ticketId: string, record: AssignmentRecord): Promise<void>;
  listAssignments(ticketId: string): Promise<AssignmentRecord[]>;

  // per-user replay log
  /** Assigns the user's next seq and stores the event; returns the stored event. */
  appendEvent(
    userId: string,
    name: ServerEventName,
    payload: Record<string, unknown>,
    at: number,
  ): Promise<StoredEvent>;
  eventsAfter(userId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  headSeq(userId: string): Promise<number>;

  // idempotent commands
  getCommandResult(actorId: string, command: string, key: string): Promise<unknown | undefined>;
  putCommandResult(actorId: string, command: string, key: string, result: unknown, at: number): Promise<void>;

  // feedback
  /** false when an outcome with the same idempotencyKey is already stored. */
  insertOutcome(outcome: Outcome): Promise<boolean>;
  latestOutcome(ticketId: string): Promise<Outcome | undefined>;
  metrics(intent?: Intent): Promise<Metrics>;
  resolutionStats(): Promise<ResolutionStat[]>;
  recordConversion(
    ticketId: string,
    orderId: string,
    recommendationId: string | null,
    amount: number,
    at: number,
  ): Promise<void>;

  // conflicts
  /** false when a conflict with the same dedup key (rule + actions) exists. */
  insertConflict(conflict: Conflict, dedupKey: string): Promise<boolean>;
  getConflict(id: string): Promise<Conflict | undefined>;
  updateConflict(conflict: Conflict): Promise<void>;
  listConflicts(filter: { status?: 'open' | 'resolved'; ticketId?: string }): Promise<Conflict[]>;

  // knowledge
  kbVersion(): Promise<number>;
  /** Applies upserts and deletes as one new version; returns it. */
  kbPublish(upserts: readonly KbDocInput[], deleteIds: readonly string[], at: number): Promise<number>;
  /** Changes after sinceVersion; with `page`, at most one page of them (see KbPageRequest). */
  kbSince(sinceVersion: number, page?: KbPageRequest): Promise<KbDelta>;
  kbGet(id: string): Promise<KbDoc | undefined>;
  kbCount(): Promise<number>;
}
