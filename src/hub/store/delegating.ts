// What the SQLite and the Redis store share: both are made of one module per aggregate (users,
// tickets, replay log, command answers, feedback, conflicts, knowledge) and answer most of HubStore by
// handing the call to the module. The hand-over is written once here; each store supplies its modules
// (`parts`) and the rest itself (units of work, meta, closing).
import type {
  Conflict,
  Intent,
  Message,
  Outcome,
  Ticket,
  TicketAction,
  TicketStatus,
} from '../../shared/domain';
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

/** The aggregate modules of a store, each answering its part of HubStore. */
export interface StoreParts {
  users: Pick<HubStore, 'upsertUser' | 'getUser' | 'getUserByUsername' | 'listUsers' | 'setUserAccess'>;
  tickets: Pick<
    HubStore,
    | 'maxTicketIndex'
    | 'insertTicket'
    | 'getTicket'
    | 'getTicketHead'
    | 'updateTicket'
    | 'listTicketHeads'
    | 'countTickets'
    | 'appendMessage'
    | 'lastMessages'
    | 'messageCount'
    | 'customerTickets'
    | 'insertAction'
    | 'listActions'
    | 'insertAssignment'
    | 'listAssignments'
  >;
  events: Pick<HubStore, 'appendEvent' | 'eventsAfter' | 'headSeq'>;
  commands: Pick<HubStore, 'getCommandResult' | 'putCommandResult'>;
  feedback: Pick<
    HubStore,
    'insertOutcome' | 'latestOutcome' | 'metrics' | 'resolutionStats' | 'recordConversion'
  >;
  conflicts: Pick<HubStore, 'insertConflict' | 'getConflict' | 'updateConflict' | 'listConflicts'>;
  knowledge: Pick<HubStore, 'kbVersion' | 'kbPublish' | 'kbSince' | 'kbGet' | 'kbCount'>;
}

export abstract class DelegatingHubStore {
  /** Set by the store's constructor; read at call time. */
  protected abstract readonly parts: StoreParts;

  // ── users ──────────────────────────────────────────────────────────────────────────────────────
  upsertUser(u: UserRecord) {
    return this.parts.users.upsertUser(u);
  }
  getUser(id: string) {
    return this.parts.users.getUser(id);
  }
  getUserByUsername(username: string) {
    return this.parts.users.getUserByUsername(username);
  }
  listUsers() {
    return this.parts.users.listUsers();
  }
  setUserAccess(id: string, change: UserAccessChange) {
    return this.parts.users.setUserAccess(id, change);
  }

  // ── tickets, messages, actions, assignments ────────────────────────────────────────────────────
  maxTicketIndex(prefix: string) {
    return this.parts.tickets.maxTicketIndex(prefix);
  }
  insertTicket(t: Ticket) {
    return this.parts.tickets.insertTicket(t);
  }
  getTicket(id: string) {
    return this.parts.tickets.getTicket(id);
  }
  getTicketHead(id: string) {
    return this.parts.tickets.getTicketHead(id);
  }
  updateTicket(id: string, patch: TicketPatch) {
    return this.parts.tickets.updateTicket(id, patch);
  }
  listTicketHeads(filter: { statuses?: readonly TicketStatus[]; assignedTo?: string }) {
    return this.parts.tickets.listTicketHeads(filter);
  }
  countTickets(statuses: readonly TicketStatus[]) {
    return this.parts.tickets.countTickets(statuses);
  }
  appendMessage(m: Message) {
    return this.parts.tickets.appendMessage(m);
  }
  lastMessages(ticketId: string, n: number) {
    return this.parts.tickets.lastMessages(ticketId, n);
  }
  messageCount(ticketId: string) {
    return this.parts.tickets.messageCount(ticketId);
  }
  customerTickets(customerId: string, excludeTicketId: string, limit: number) {
    return this.parts.tickets.customerTickets(customerId, excludeTicketId, limit);
  }
  insertAction(a: TicketAction) {
    return this.parts.tickets.insertAction(a);
  }
  listActions(ticketId: string) {
    return this.parts.tickets.listActions(ticketId);
  }
  insertAssignment(ticketId: string, record: AssignmentRecord) {
    return this.parts.tickets.insertAssignment(ticketId, record);
  }
  listAssignments(ticketId: string) {
    return this.parts.tickets.listAssignments(ticketId);
  }

  // ── replay log ─────────────────────────────────────────────────────────────────────────────────
  appendEvent(userId: string, name: ServerEventName, payload: Record<string, unknown>, at: number) {
    return this.parts.events.appendEvent(userId, name, payload, at);
  }
  eventsAfter(userId: string, afterSeq: number, limit: number) {
    return this.parts.events.eventsAfter(userId, afterSeq, limit);
  }
  headSeq(userId: string) {
    return this.parts.events.headSeq(userId);
  }

  // ── idempotent commands ───────────────────────────────────────────────────────────────────────
  getCommandResult(actorId: string, command: string, key: string) {
    return this.parts.commands.getCommandResult(actorId, command, key);
  }
  putCommandResult(actorId: string, command: string, key: string, result: unknown, at: number) {
    return this.parts.commands.putCommandResult(actorId, command, key, result, at);
  }

  // ── feedback ──────────────────────────────────────────────────────────────────────────────────
  insertOutcome(o: Outcome) {
    return this.parts.feedback.insertOutcome(o);
  }
  latestOutcome(ticketId: string) {
    return this.parts.feedback.latestOutcome(ticketId);
  }
  metrics(intent?: Intent) {
    return this.parts.feedback.metrics(intent);
  }
  resolutionStats() {
    return this.parts.feedback.resolutionStats();
  }
  recordConversion(
    ticketId: string,
    orderId: string,
    recommendationId: string | null,
    amount: number,
    at: number,
  ) {
    return this.parts.feedback.recordConversion(ticketId, orderId, recommendationId, amount, at);
  }

  // ── conflicts ─────────────────────────────────────────────────────────────────────────────────
  insertConflict(c: Conflict, dedupKey: string) {
    return this.parts.conflicts.insertConflict(c, dedupKey);
  }
  getConflict(id: string) {
    return this.parts.conflicts.getConflict(id);
  }
  updateConflict(c: Conflict) {
    return this.parts.conflicts.updateConflict(c);
  }
  listConflicts(filter: { status?: 'open' | 'resolved'; ticketId?: string }) {
    return this.parts.conflicts.listConflicts(filter);
  }

  // ── knowledge ─────────────────────────────────────────────────────────────────────────────────
  kbVersion() {
    return this.parts.knowledge.kbVersion();
  }
  kbPublish(upserts: readonly KbDocInput[], deleteIds: readonly string[], at: number) {
    return this.parts.knowledge.kbPublish(upserts, deleteIds, at);
  }
  kbSince(sinceVersion: number, page?: KbPageRequest) {
    return this.parts.knowledge.kbSince(sinceVersion, page);
  }
  kbGet(id: string) {
    return this.parts.knowledge.kbGet(id);
  }
  kbCount() {
    return this.parts.knowledge.kbCount();
  }
}
