// The hub's behaviour, independent of socket.io: routing, the ticket state machine, delivery with
// per-user seq, idempotent commands, conflicts, feedback and knowledge. The socket layer (server.ts)
// authenticates and validates, then calls into this class; the integration API (integration/) drives it from the platform's side.
//
// HubCore is a facade: the behaviour lives in focused modules that share one HubContext (context.ts):
//   delivery/commit-queue.ts  serial(): one state change at a time, group commit, emit after commit
//   delivery/send.ts, delivery/replay.ts  per-user seq'd events, resume
//   presence.ts               sockets, agent status, the disconnect grace period
//   routing/assign.ts         ranking live agents, assigning, draining the queue, hand-off
//   tickets/move.ts, tickets/commands.ts  the state machine applied; accept/reply/action/transfer/outcome
//   inbound.ts                escalations, customer messages, AI actions, assist, conversions
//   conflicts/raise.ts, conflicts/decide.ts, kb/publish.ts, sla.ts, team.ts
//
// Concurrency: every state change runs through `serial()` (one at a time, inside store.atomically) and
// every server→client event is stored with its seq before it is emitted, after the commit.
import { EventEmitter } from 'node:events';
import type {
  Intent,
  KbDoc,
  MessageBody,
  Outcome,
  Recommendation,
  Suggestion,
  Ticket,
  TicketAction,
} from '../shared/domain';
import { SNAPSHOT_MESSAGES, type CommandInput, type CommandOutput } from '../shared/hub-protocol';
import { INTENTS } from '../shared/intents';
import type { Result } from '../shared/result';
import { guard, idempotent } from './command-guard';
import { decideConflict } from './conflicts/decide';
import type { ConflictRulesFile } from './conflicts/evaluate';
import {
  HubError,
  isOnline,
  rebuildCaches,
  type Actor,
  type AgentStatus,
  type ClusterHooks,
  type HubContext,
  type HubCoreEvents,
  type HubCoreOptions,
  type LiveSink,
} from './context';
import { CommitQueue } from './delivery/commit-queue';
import { resume } from './delivery/replay';
import * as inbound from './inbound';
import { publishKb } from './kb/publish';
import { rerouteAgent } from './routing/assign';
import { attach, detach, setStatus } from './presence';
import { pruneIntegrationRecords, RETENTION_SWEEP_MS } from './integration/retention';
import { slaFor, sweepSla } from './sla';
import type { HubStore, KbDocInput, UserAccessChange, UserRecord } from './store/types';
import { setUserAccess, syncUserAccess } from './auth/user-admin';
import { customerHistory } from './tickets/history';
import { whisper } from './tickets/whisper';
import { scheduleSnapshot, sendTeamSnapshot, teamTickets, teamView, type TeamAgent } from './team';
import * as tickets from './tickets/commands';
import { messagePage, snapshotTicket } from './tickets/snapshot';

/** A kb:pull answer holds at most this much; bigger deltas come in several pages. */
const KB_PAGE = { maxDocs: 200, maxChars: 100_000 };

export {
  DEFAULT_SLA_MS,
  HubError,
  type Actor,
  type AgentStatus,
  type HubCoreEvents,
  type HubCoreOptions,
  type LiveSink,
} from './context';
export type { TeamAgent } from './team';

/** Default units on different tickets/actors in flight at once on a node of a Redis cluster (commit-queue.ts). */
const UNITS_IN_FLIGHT = 32;

export class HubCore extends EventEmitter<HubCoreEvents> {
  readonly store: HubStore;
  private readonly ctx: HubContext;
  private readonly commits: CommitQueue;
  private timers: NodeJS.Timeout[] = [];

  constructor(opts: HubCoreOptions) {
    super();
    this.store = opts.store;
    this.commits = new CommitQueue(opts.store, {
      onRollback: () => rebuildCaches(this.ctx),
      // a shared store: other nodes change agents' load, so read it before every unit
      beforeUnit: async () => {
        const [load] = await Promise.all([opts.store.agentLoads?.(), this.ctx.cluster?.refresh()]);
        if (load) this.ctx.load = load;
      },
      // laned units in flight together: only as a node of a cluster, whose fan-out fills the seq gaps
      // that units committing out of order leave for a moment (delivery/send.ts emitLive)
      maxInFlight: () => (this.ctx.cluster ? (opts.unitsInFlight ?? UNITS_IN_FLIGHT) : 1),
    });
    this.ctx = {
      store: opts.store,
      log: opts.log,
      opts,
      rules: opts.rules,
      presence: new Map(),
      users: new Map(),
      load: new Map(),
      resolution: new Map(),
      reclaimable: new Map(),
      snapshotTimer: undefined,
      closed: false,
      emit: (event, ...args) => {
        // TS can't relate a generic K to EventEmitter's conditional args; HubContext.emit is the typed door
        (this.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
      },
      serial: (fn, lane) => this.commits.run(fn, lane),
      afterCommit: (f) => this.commits.afterCommit(f),
    };
  }

  async init(): Promise<void> {
    const log = this.ctx.log;
    await rebuildCaches(this.ctx);
    // with several nodes these run only on the node holding the timer lease (cluster/index.ts)
    const owner = () => this.ctx.cluster?.leader ?? true;
    this.timers.push(
      setInterval(() => {
        if (owner()) void this.sweepSla().catch((e: unknown) => log.error({ err: e }, 'sla sweep failed'));
      }, this.ctx.opts.slaSweepMs),
    );
    this.timers.push(
      setInterval(() => {
        if (owner())
          void this.sendTeamSnapshot().catch((e: unknown) => log.error({ err: e }, 'snapshot failed'));
      }, this.ctx.opts.snapshotMs),
    );
    if (this.store.pruneIntegrationRecords) {
      let pruning = false; // a pass longer than the interval is not joined by a second one
      this.timers.push(
        setInterval(() => {
          if (!owner() || pruning) return;
          pruning = true;
          void pruneIntegrationRecords(this.ctx)
            .catch((e: unknown) => log.error({ err: e }, 'integration retention failed'))
            .finally(() => (pruning = false));
        }, this.ctx.opts.retentionSweepMs ?? RETENTION_SWEEP_MS),
      );
    }
    for (const t of this.timers) t.unref();
  }

  async close(): Promise<void> {
    this.ctx.closed = true;
    for (const t of this.timers) clearInterval(t);
    if (this.ctx.snapshotTimer) clearTimeout(this.ctx.snapshotTimer);
    for (const p of this.ctx.presence.values()) if (p.graceTimer) clearTimeout(p.graceTimer);
    await this.serial(async () => undefined).catch(() => undefined);
  }

  /** Makes this hub one node of several on a shared store; returns the context the cluster works on. */
  attachCluster(hooks: ClusterHooks): HubContext {
    this.ctx.cluster = hooks;
    return this.ctx;
  }

  /** Re-routes a user's tickets if they are offline everywhere (the grace period is the caller's). */
  rerouteIfOffline(userId: string, reason: string): Promise<void> {
    return this.serial(() => rerouteAgent(this.ctx, userId, reason));
  }

  setRules(rules: ConflictRulesFile): void {
    this.ctx.rules = rules;
  }

  /** Registers users created after start (bench agents, tests). */
  async refreshUsers(): Promise<void> {
    await this.serial(async () => {
      this.ctx.users = new Map((await this.store.listUsers()).map((u) => [u.id, u]));
    });
  }

  getUser(id: string): UserRecord | undefined {
    return this.ctx.users.get(id);
  }

  /** Disables/enables or changes the role of a user; their sockets drop (`access` event). */
  setUserAccess(userId: string, change: UserAccessChange): Promise<UserRecord | undefined> {
    return setUserAccess(this.ctx, userId, change);
  }

  /** Picks up role/disabled changes another process wrote to the store; returns the users affected. */
  syncUserAccess(): Promise<string[]> {
    return syncUserAccess(this.ctx);
  }

  /** Runs fn atomically, after every earlier state change; its events are emitted only after the commit. */
  serial<T>(fn: () => Promise<T>, lane?: string): Promise<T> {
    return this.commits.run(fn, lane);
  }

  /**
   * For the integration API (integration/): runs fn as one serial unit with the hub's context, so its
   * own rows (idempotency, inbound dedup, outbox) commit together with the ticket change.
   */
  inUnit<T>(fn: (ctx: HubContext) => Promise<T>): Promise<T> {
    return this.serial(() => fn(this.ctx));
  }

  /** Test/bench helper: waits until every queued state change has been applied. */
  async idle(): Promise<void> {
    await this.serial(async () => undefined);
  }

  // ── presence + delivery ─────────────────────────────────────────────────────────────────────────

  attach(userId: string, sink: LiveSink, status: AgentStatus = 'online'): void {
    attach(this.ctx, userId, sink, status);
  }

  detach(userId: string, sink: LiveSink): void {
    detach(this.ctx, userId, sink);
  }

  /** Tickets counting against this agent's capacity right now. */
  loadOf(userId: string): number {
    return this.ctx.load.get(userId) ?? 0;
  }

  isOnline(userId: string): boolean {
    return isOnline(this.ctx, userId);
  }

  setStatus(actor: Actor, status: AgentStatus): Promise<Result<CommandOutput<'agent:status'>>> {
    return setStatus(this.ctx, actor, status);
  }

  /** Replays the user's events after lastSeq to this sink, in order, then makes it live. */
  resume(userId: string, sink: LiveSink, lastSeq: number): Promise<CommandOutput<'session:resume'>> {
    return resume(this.ctx, userId, sink, lastSeq);
  }

  // ── inbound from customers and AI agents (the integration API, tests, benches)───────────────────────

  /** A conversation the AI could not finish: store it, check its AI actions for conflicts, route it. */
  escalate(ticket: Ticket): Promise<{ ticketId: string; assignedTo: string | null }> {
    return inbound.escalate(this.ctx, ticket);
  }

  customerMessage(ticketId: string, body: MessageBody) {
    return inbound.customerMessage(this.ctx, ticketId, body);
  }

  /** An AI agent acted (or proposed an action) on a live ticket. */
  aiAction(ticketId: string, action: Omit<TicketAction, 'ticketId' | 'at'> & { at?: number }) {
    return inbound.aiAction(this.ctx, ticketId, action);
  }

  assist(ticketId: string, suggestions: Suggestion[], recommendations: Recommendation[]): Promise<void> {
    return inbound.assist(this.ctx, ticketId, suggestions, recommendations);
  }

  convertOrder(ticketId: string, orderId: string, recommendationId: string | undefined, amount: number) {
    return inbound.convertOrder(this.ctx, ticketId, orderId, recommendationId, amount);
  }

  // ── client commands ─────────────────────────────────────────────────────────────────────────────

  accept(actor: Actor, input: CommandInput<'ticket:accept'>) {
    return tickets.accept(this.ctx, actor, input);
  }

  reply(actor: Actor, input: CommandInput<'ticket:reply'>): Promise<Result<CommandOutput<'ticket:reply'>>> {
    return tickets.reply(this.ctx, actor, input);
  }

  action(actor: Actor, input: CommandInput<'ticket:action'>) {
    return tickets.action(this.ctx, actor, input);
  }

  transfer(actor: Actor, input: CommandInput<'ticket:transfer'>) {
    return tickets.transfer(this.ctx, actor, input);
  }

  outcome(actor: Actor, o: Outcome): Promise<Result<CommandOutput<'ticket:outcome'>>> {
    return tickets.outcome(this.ctx, actor, o);
  }

  resolveConflict(actor: Actor, input: CommandInput<'conflict:resolve'>) {
    return idempotent(this.ctx, actor, 'conflict:resolve', input.idempotencyKey, () =>
      decideConflict(this.ctx, actor, input),
    );
  }

  async listConflicts(input: CommandInput<'conflict:list'>): Promise<Result<CommandOutput<'conflict:list'>>> {
    return guard(this.ctx, async () => {
      const status = input.status ?? 'open';
      return { conflicts: await this.store.listConflicts(status === 'all' ? {} : { status }) };
    });
  }

  assignments(input: CommandInput<'ticket:assignments'>) {
    return guard(this.ctx, async () => {
      if (!(await this.store.getTicketHead(input.ticketId)))
        throw new HubError('NOT_FOUND', `no ticket ${input.ticketId}`);
      return { assignments: await this.store.listAssignments(input.ticketId) };
    });
  }

  /** The lead's team view of open tickets (`team:tickets`). */
  teamTickets() {
    return guard(this.ctx, async () => ({ tickets: await teamTickets(this.ctx) }));
  }

  /** A lead's private note to the ticket's holder (`ticket:whisper`). */
  whisper(actor: Actor, input: CommandInput<'ticket:whisper'>) {
    return whisper(this.ctx, actor, input);
  }

  /** A returning customer's earlier tickets (`customer:history`), for the current ticket's holder or a lead. */
  customerHistory(actor: Actor, input: CommandInput<'customer:history'>) {
    return customerHistory(this.ctx, actor, input);
  }

  /** One ticket for a lead (`team:ticket`), its recent part if long; role-checked by the server. */
  teamTicket(input: CommandInput<'team:ticket'>) {
    return guard(this.ctx, async () => {
      const ticket = await this.store.getTicket(input.ticketId);
      if (!ticket) throw new HubError('NOT_FOUND', `no ticket ${input.ticketId}`);
      return snapshotTicket(ticket);
    });
  }

  /** Earlier messages of a long ticket (`ticket:messages`), for its holder or a lead/admin. */
  ticketMessages(actor: Actor, input: CommandInput<'ticket:messages'>) {
    return guard(this.ctx, async () => {
      await tickets.ownedHead(this.ctx, actor, input.ticketId);
      const ticket = (await this.store.getTicket(input.ticketId))!;
      return messagePage(ticket.messages, input.before, input.limit ?? SNAPSHOT_MESSAGES);
    });
  }

  metrics(input: CommandInput<'metrics:get'>) {
    return guard(this.ctx, () => this.store.metrics(input.intent));
  }

  // ── knowledge ───────────────────────────────────────────────────────────────────────────────────

  /** One page of knowledge changes (KB_PAGE bounds what one answer holds in memory and on the wire). */
  kbPull(input: CommandInput<'kb:pull'>) {
    return guard(this.ctx, () => this.store.kbSince(input.sinceVersion, { after: input.after, ...KB_PAGE }));
  }

  publishKb(actor: Actor, input: CommandInput<'kb:publish'>) {
    return idempotent(this.ctx, actor, 'kb:publish', input.idempotencyKey, () =>
      publishKb(this.ctx, input.upsert ?? [], input.deleteIds ?? []),
    );
  }

  /** Publishes a knowledge change as a new version and tells every user (seq'd, so offline users learn on resume). */
  publishKbNow(
    upserts: readonly KbDocInput[],
    deleteIds: readonly string[] = [],
  ): Promise<{ version: number }> {
    return this.serial(() => publishKb(this.ctx, upserts, deleteIds));
  }

  kbGet(id: string): Promise<KbDoc | undefined> {
    return this.store.kbGet(id);
  }

  // ── SLA + team view ─────────────────────────────────────────────────────────────────────────────

  slaFor(priority: number): number {
    return slaFor(this.ctx, priority);
  }

  /** Tickets not yet handled past their SLA get one priority step more urgent and a new deadline. */
  sweepSla(): Promise<number> {
    return sweepSla(this.ctx);
  }

  /** Debounced team snapshot to leads on change. */
  scheduleSnapshot(): void {
    scheduleSnapshot(this.ctx);
  }

  teamView(): Promise<{ agents: TeamAgent[]; queued: number }> {
    return teamView(this.ctx);
  }

  sendTeamSnapshot(): Promise<void> {
    return sendTeamSnapshot(this.ctx);
  }

  intentLabel(intent: Intent): string {
    return INTENTS[intent].zh;
  }
}
