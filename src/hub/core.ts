// The hub's behaviour, independent of socket.io: routing, the ticket state machine, delivery with
// per-user seq, idempotent commands, conflicts, feedback and knowledge. The socket layer (server.ts)
// authenticates and validates, then calls into this class; the simulator drives it from the other side.
//
// Concurrency: every state change runs through `serial()` (one at a time, inside store.atomically) and
// every server→client event is stored with its seq before it is emitted, after the commit.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  Conflict,
  Intent,
  KbDoc,
  Message,
  MessageBody,
  Outcome,
  Recommendation,
  Role,
  Suggestion,
  Ticket,
  TicketAction,
  TicketStatus,
} from '../shared/domain';
import type { AssignmentReason, CommandInput, CommandOutput, ServerEventName } from '../shared/hub-protocol';
import { serverEventSchemas } from '../shared/hub-protocol';
import { INTENTS } from '../shared/intents';
import { fail, ok, type ErrorCode, type Result } from '../shared/result';
import { evaluateConflicts, type ConflictRulesFile } from './conflicts/evaluate';
import { rankAgents, queuePressure, type CandidateAgent } from './routing/score';
import type { HubStore, KbDocInput, StoredEvent, TicketHead, UserRecord } from './store/types';
import { LOAD_STATUSES, OWNED_STATUSES, TERMINAL_STATUSES, canTransition, pathTo } from './tickets/lifecycle';

export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/** Where a stored event goes live: one connected socket. */
export interface LiveSink {
  readonly id: string;
  /** True once the socket has resumed (handshake lastSeq or session:resume). */
  live: boolean;
  emit(name: string, payload: unknown): void;
}

export interface Actor {
  id: string;
  role: Role;
  name: string;
}

export type AgentStatus = 'online' | 'away' | 'busy';

interface Presence {
  sinks: Set<LiveSink>;
  status: AgentStatus;
  lastAssignedAt: number;
  graceTimer?: NodeJS.Timeout;
}

export interface HubCoreOptions {
  store: HubStore;
  rules: ConflictRulesFile;
  log: Logger;
  /** Time an agent may stay disconnected before their tickets are re-routed. */
  graceMs: number;
  /** SLA (time to first agent handling) per priority 1…4. */
  slaMs: Record<1 | 2 | 3 | 4, number>;
  slaSweepMs: number;
  snapshotMs: number;
  /** Validate every outgoing event against serverEventSchemas (cheap insurance; on by default). */
  validateOutgoing: boolean;
}

export const DEFAULT_SLA_MS: Record<1 | 2 | 3 | 4, number> = {
  1: 60_000,
  2: 120_000,
  3: 300_000,
  4: 600_000,
};

export interface HubCoreEvents {
  /** an agent (or lead) replied on a ticket */
  reply: [ticket: TicketHead, message: Message];
  /** a ticket got a human (used by the simulator to time customer behaviour) */
  assigned: [ticketId: string, agentId: string];
  closed: [ticketId: string, status: TicketStatus];
  /** the first socket of a user connected */
  online: [userId: string];
  action: [action: TicketAction];
  conflict: [conflict: Conflict];
}

export class HubCore extends EventEmitter<HubCoreEvents> {
  readonly store: HubStore;
  private rules: ConflictRulesFile;
  private readonly log: Logger;
  private readonly opts: HubCoreOptions;
  /** Emits to run after the current unit commits, in order. */
  private pending: Array<() => void> = [];
  private readonly presence = new Map<string, Presence>();
  private users = new Map<string, UserRecord>();
  private load = new Map<string, number>();
  private resolution = new Map<string, { resolved: number; total: number }>();
  private timers: NodeJS.Timeout[] = [];
  private snapshotTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(opts: HubCoreOptions) {
    super();
    this.opts = opts;
    this.store = opts.store;
    this.rules = opts.rules;
    this.log = opts.log;
  }

  async init(): Promise<void> {
    await this.rebuildCaches();
    this.timers.push(
      setInterval(
        () => void this.sweepSla().catch((e: unknown) => this.log.error({ err: e }, 'sla sweep failed')),
        this.opts.slaSweepMs,
      ),
    );
    this.timers.push(
      setInterval(
        () =>
          void this.sendTeamSnapshot().catch((e: unknown) => this.log.error({ err: e }, 'snapshot failed')),
        this.opts.snapshotMs,
      ),
    );
    for (const t of this.timers) t.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    for (const p of this.presence.values()) if (p.graceTimer) clearTimeout(p.graceTimer);
    await this.serial(async () => undefined).catch(() => undefined);
  }

  setRules(rules: ConflictRulesFile): void {
    this.rules = rules;
  }

  private async rebuildCaches(): Promise<void> {
    this.users = new Map((await this.store.listUsers()).map((u) => [u.id, u]));
    this.load = new Map();
    for (const h of await this.store.listTicketHeads({ statuses: LOAD_STATUSES })) {
      if (h.assignedTo) this.load.set(h.assignedTo, (this.load.get(h.assignedTo) ?? 0) + 1);
    }
    this.resolution = new Map();
    for (const s of await this.store.resolutionStats())
      this.resolution.set(`${s.agentId}:${s.intent}`, { resolved: s.resolved, total: s.total });
  }

  /** Registers users created after start (bench agents, tests). */
  async refreshUsers(): Promise<void> {
    await this.serial(async () => {
      this.users = new Map((await this.store.listUsers()).map((u) => [u.id, u]));
    });
  }

  getUser(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  // ── serial execution + delivery ─────────────────────────────────────────────────────────────────

  /**
   * Runs fn atomically, after every earlier state change; its events are emitted only after the commit.
   * Group commit: state changes queued meanwhile run back to back in one store transaction, each in its
   * own nested atomic unit (a failure rolls back only that one), then all their events go out in order.
   */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn: fn as () => Promise<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private queue: Array<{
    fn: () => Promise<unknown>;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  }> = [];
  private draining = false;

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 256);
        const results: Array<
          { ok: true; value: unknown; after: Array<() => void> } | { ok: false; err: unknown }
        > = [];
        try {
          await this.store.atomically(async () => {
            for (const item of batch) {
              this.pending = [];
              try {
                const value = await this.store.atomically(item.fn);
                results.push({ ok: true, value, after: this.pending });
              } catch (err) {
                results.push({ ok: false, err });
                await this.rebuildCaches().catch(() => undefined);
              }
            }
          });
        } catch (err) {
          // the commit itself failed: nothing of this batch happened
          this.pending = [];
          await this.rebuildCaches().catch(() => undefined);
          for (const item of batch) item.reject(err);
          continue;
        }
        this.pending = [];
        batch.forEach((item, i) => {
          const r = results[i]!;
          if (r.ok) {
            for (const f of r.after) f();
            item.resolve(r.value);
          } else item.reject(r.err);
        });
      }
    } finally {
      this.draining = false;
    }
  }

  /** Stores an event in the user's replay log (assigning its seq); it is emitted after the commit. */
  private async send<K extends ServerEventName>(
    userId: string,
    name: K,
    payload: Record<string, unknown>,
  ): Promise<void> {
    if (this.opts.validateOutgoing) {
      const parsed = serverEventSchemas[name].safeParse({ ...payload, seq: 1 });
      if (!parsed.success)
        throw new Error(
          `hub produced an invalid ${name}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
        );
    }
    const ev = await this.store.appendEvent(userId, name, payload, Date.now());
    this.pending.push(() => this.emitLive(userId, ev));
  }

  private emitLive(userId: string, ev: StoredEvent): void {
    const p = this.presence.get(userId);
    if (!p) return;
    for (const sink of p.sinks) if (sink.live) sink.emit(ev.name, ev.payload);
  }

  private leadIds(): string[] {
    return [...this.users.values()].filter((u) => u.role === 'lead' || u.role === 'admin').map((u) => u.id);
  }

  // ── presence ────────────────────────────────────────────────────────────────────────────────────

  attach(userId: string, sink: LiveSink): void {
    let p = this.presence.get(userId);
    const first = !p || p.sinks.size === 0;
    if (!p) {
      p = { sinks: new Set(), status: 'online', lastAssignedAt: Date.now() };
      this.presence.set(userId, p);
    }
    if (p.graceTimer) {
      clearTimeout(p.graceTimer);
      delete p.graceTimer;
    }
    p.sinks.add(sink);
    if (first) {
      p.status = 'online';
      this.emit('online', userId);
      void this.serial(() => this.drainQueue()).catch((e: unknown) =>
        this.log.error({ err: e }, 'drain failed'),
      );
      this.scheduleSnapshot();
    }
  }

  detach(userId: string, sink: LiveSink): void {
    const p = this.presence.get(userId);
    if (!p) return;
    p.sinks.delete(sink);
    if (p.sinks.size > 0 || this.closed) return;
    this.scheduleSnapshot();
    if (p.graceTimer) clearTimeout(p.graceTimer);
    p.graceTimer = setTimeout(() => {
      delete p.graceTimer;
      if (p.sinks.size === 0)
        void this.serial(() => this.rerouteAgent(userId, '坐席离线超过宽限期，工单已转派')).catch(
          (e: unknown) => this.log.error({ err: e }, 'reroute failed'),
        );
    }, this.opts.graceMs);
    p.graceTimer.unref();
  }

  /** Tickets counting against this agent's capacity right now. */
  loadOf(userId: string): number {
    return this.load.get(userId) ?? 0;
  }

  isOnline(userId: string): boolean {
    return (this.presence.get(userId)?.sinks.size ?? 0) > 0;
  }

  async setStatus(actor: Actor, status: AgentStatus): Promise<Result<CommandOutput<'agent:status'>>> {
    const p = this.presence.get(actor.id);
    if (p) p.status = status;
    if (status === 'online') await this.serial(() => this.drainQueue());
    this.scheduleSnapshot();
    return ok({ status });
  }

  /** Replays the user's events after lastSeq to this sink, in order, then makes it live. */
  resume(userId: string, sink: LiveSink, lastSeq: number): Promise<CommandOutput<'session:resume'>> {
    return this.serial(async () => {
      let after = lastSeq;
      let replayed = 0;
      const out: StoredEvent[] = [];
      for (;;) {
        const page = await this.store.eventsAfter(userId, after, 500);
        out.push(...page);
        replayed += page.length;
        if (page.length < 500) break;
        after = page[page.length - 1]!.seq;
      }
      // After the commit, in order with everything else: earlier live events skip this sink (not yet
      // live), the replay covers them, and later ones reach it live.
      this.pending.push(() => {
        for (const ev of out) sink.emit(ev.name, ev.payload);
        sink.live = true;
      });
      const headSeq = await this.store.headSeq(userId);
      const user = this.users.get(userId);
      if (user && (user.role === 'lead' || user.role === 'admin')) this.scheduleSnapshot();
      return { replayed, headSeq };
    });
  }

  // ── routing ─────────────────────────────────────────────────────────────────────────────────────

  private candidates(exclude?: string): CandidateAgent[] {
    const now = Date.now();
    const out: CandidateAgent[] = [];
    for (const u of this.users.values()) {
      if (u.role !== 'agent' || u.id === exclude) continue;
      const p = this.presence.get(u.id);
      if (!p || p.sinks.size === 0 || p.status !== 'online') continue;
      out.push({
        id: u.id,
        skills: u.skills,
        capacity: u.capacity,
        load: this.load.get(u.id) ?? 0,
        idleMs: now - p.lastAssignedAt,
        resolution: undefined,
      });
    }
    return out;
  }

  /** Queue pressure for this routing round: queued tickets per free seat. */
  private async pressure(cands: CandidateAgent[]): Promise<{ queued: number; pressure: number }> {
    const queued = (await this.store.listTicketHeads({ statuses: ['escalated'] })).length;
    const free = cands.reduce((s, c) => s + Math.max(0, c.capacity - c.load), 0);
    return { queued, pressure: queuePressure(queued, free) };
  }

  private rank(intent: Intent, cands: CandidateAgent[], pressure: number): AssignmentReason[] {
    for (const c of cands) c.resolution = this.resolution.get(`${c.id}:${intent}`);
    return rankAgents(cands, intent, pressure, 5);
  }

  /** Routes one ticket (escalated or transferred); returns the agent or null (queued). */
  private async route(
    head: TicketHead,
    exclude?: string,
    snapshot?: Ticket,
    mayHaveConflicts = true,
  ): Promise<string | null> {
    const cands = this.candidates(exclude);
    const { pressure } = await this.pressure(cands);
    const ranked = this.rank(head.intent, cands, pressure);
    const best = ranked[0];
    if (!best) {
      if (head.status === 'transferred')
        await this.moveTo(head, 'escalated', { assignedTo: null, assignedAt: null });
      return null;
    }
    await this.assign(head, best.agentId, best, ranked, snapshot, mayHaveConflicts);
    return best.agentId;
  }

  /** `fresh` = the ticket exactly as just stored (escalation path), to skip reading it back. */
  private async assign(
    head: TicketHead,
    agentId: string,
    reason: AssignmentReason,
    candidates: AssignmentReason[],
    fresh?: Ticket,
    mayHaveConflicts = true,
  ): Promise<void> {
    const now = Date.now();
    await this.moveTo(head, 'assigned', { assignedTo: agentId, assignedAt: now });
    await this.store.insertAssignment(head.id, { at: now, reason, candidates });
    const p = this.presence.get(agentId);
    if (p) p.lastAssignedAt = now;
    const ticket: Ticket = fresh
      ? { ...fresh, status: 'assigned', assignedTo: agentId, assignedAt: now }
      : (await this.store.getTicket(head.id))!;
    await this.send(agentId, 'ticket:assigned', { ticket, assignment: reason });
    for (const c of mayHaveConflicts
      ? await this.store.listConflicts({ status: 'open', ticketId: head.id })
      : []) {
      const updated: Conflict = { ...c, agentId };
      await this.store.updateConflict(updated);
      await this.send(agentId, 'conflict:raised', { conflict: updated });
    }
    this.emit('assigned', head.id, agentId);
    this.scheduleSnapshot();
  }

  /** Assigns queued tickets, most urgent first, while anyone has a free seat. */
  private async drainQueue(): Promise<void> {
    const queued = await this.store.listTicketHeads({ statuses: ['escalated'] });
    for (const head of queued) {
      if (!this.candidates().some((c) => c.load < c.capacity)) break;
      await this.route(head);
    }
  }

  /** Applies a legal status change, keeping the in-memory load counters in step. */
  private async moveTo(
    head: TicketHead,
    to: TicketStatus,
    patch: { assignedTo?: string | null; assignedAt?: number | null } = {},
  ): Promise<TicketHead> {
    if (!canTransition(head.status, to))
      throw new HubError('CONFLICT', `ticket ${head.id} is ${head.status}; cannot move to ${to}`);
    const before = head.assignedTo;
    const after = patch.assignedTo === undefined ? before : patch.assignedTo;
    if (before && LOAD_STATUSES.includes(head.status))
      this.load.set(before, Math.max(0, (this.load.get(before) ?? 0) - 1));
    if (after && LOAD_STATUSES.includes(to)) this.load.set(after, (this.load.get(after) ?? 0) + 1);
    await this.store.updateTicket(head.id, { status: to, ...patch });
    const next: TicketHead = { ...head, status: to, assignedTo: after ?? null };
    if (TERMINAL_STATUSES.includes(to)) this.emit('closed', head.id, to);
    this.scheduleSnapshot();
    return next;
  }

  /** Moves along the shortest legal path (assigned → active → resolved). */
  private async walkTo(head: TicketHead, to: TicketStatus, reason: string): Promise<TicketHead> {
    const path = pathTo(head.status, to);
    if (!path) throw new HubError('CONFLICT', `ticket ${head.id} is ${head.status}; cannot become ${to}`);
    let h = head;
    for (const step of path) {
      h = await this.moveTo(h, step);
      if (h.assignedTo)
        await this.send(h.assignedTo, 'ticket:status', { ticketId: h.id, status: step, reason });
    }
    return h;
  }

  private async rerouteAgent(agentId: string, reason: string): Promise<void> {
    if (this.isOnline(agentId)) return;
    const owned = await this.store.listTicketHeads({ statuses: OWNED_STATUSES, assignedTo: agentId });
    for (const head of owned) await this.handOff(head, agentId, reason, undefined);
    if (owned.length)
      this.log.info({ agentId, tickets: owned.length }, 're-routed tickets of a disconnected agent');
  }

  /** ticket → transferred → (target | best other agent | queue); the previous owner gets ticket:revoked. */
  private async handOff(
    head: TicketHead,
    fromAgent: string,
    reason: string,
    toAgentId: string | undefined,
  ): Promise<string | null> {
    const moved = await this.moveTo(head, 'transferred');
    await this.send(fromAgent, 'ticket:revoked', { ticketId: head.id, reason });
    if (toAgentId) {
      const cands = this.candidates().filter((c) => c.id === toAgentId);
      const { pressure } = await this.pressure(cands);
      const r = this.rank(head.intent, cands, pressure)[0];
      if (!r) throw new HubError('CONFLICT', `agent ${toAgentId} is offline or full`);
      await this.assign(moved, toAgentId, r, [r]);
      return toAgentId;
    }
    return this.route(moved, fromAgent);
  }

  // ── inbound from customers and AI agents (the simulator, or a real gateway) ───────────────────────

  /** A conversation the AI could not finish: store it, check its AI actions for conflicts, route it. */
  escalate(ticket: Ticket): Promise<{ ticketId: string; assignedTo: string | null }> {
    return this.serial(async () => {
      if (await this.store.getTicketHead(ticket.id))
        throw new HubError('CONFLICT', `ticket ${ticket.id} was already escalated`);
      const t: Ticket = { ...ticket, status: 'escalated' };
      delete t.assignedTo;
      delete t.assignedAt;
      await this.store.insertTicket(t);
      const raised = await this.raiseConflicts(t.id, undefined, t);
      const head: TicketHead = {
        id: t.id,
        status: 'escalated',
        intent: t.intent,
        priority: t.priority,
        assignedTo: null,
        createdAt: t.createdAt,
        slaDueAt: t.slaDueAt,
        slaBreached: false,
      };
      const assignedTo = await this.route(head, undefined, t, raised.length > 0);
      this.scheduleSnapshot();
      return { ticketId: t.id, assignedTo };
    });
  }

  customerMessage(ticketId: string, body: MessageBody): Promise<Message | null> {
    return this.serial(async () => {
      const head = await this.store.getTicketHead(ticketId);
      if (!head || TERMINAL_STATUSES.includes(head.status)) return null;
      const message = {
        id: `m_${randomUUID()}`,
        ticketId,
        from: 'customer',
        at: Date.now(),
        ...body,
      } as Message;
      await this.store.appendMessage(message);
      if (head.assignedTo && OWNED_STATUSES.includes(head.status))
        await this.send(head.assignedTo, 'ticket:message', { ticketId, message });
      return message;
    });
  }

  /** An AI agent acted (or proposed an action) on a live ticket. */
  aiAction(
    ticketId: string,
    action: Omit<TicketAction, 'ticketId' | 'at'> & { at?: number },
  ): Promise<Conflict[]> {
    return this.serial(async () => {
      const head = await this.store.getTicketHead(ticketId);
      if (!head || TERMINAL_STATUSES.includes(head.status)) return [];
      const a: TicketAction = { ...action, ticketId, at: action.at ?? Date.now() };
      await this.store.insertAction(a);
      if (head.assignedTo && OWNED_STATUSES.includes(head.status))
        await this.send(head.assignedTo, 'ticket:action', { action: a });
      this.emit('action', a);
      return this.raiseConflicts(ticketId, a.id);
    });
  }

  assist(ticketId: string, suggestions: Suggestion[], recommendations: Recommendation[]): Promise<void> {
    return this.serial(async () => {
      const head = await this.store.getTicketHead(ticketId);
      if (head?.assignedTo && OWNED_STATUSES.includes(head.status)) {
        await this.send(head.assignedTo, 'ticket:assist', { ticketId, suggestions, recommendations });
      }
    });
  }

  convertOrder(
    ticketId: string,
    orderId: string,
    recommendationId: string | undefined,
    amount: number,
  ): Promise<void> {
    return this.serial(async () => {
      const head = await this.store.getTicketHead(ticketId);
      if (!head) return;
      await this.store.recordConversion(ticketId, orderId, recommendationId ?? null, amount, Date.now());
      const to = head.assignedTo;
      if (to)
        await this.send(to, 'order:converted', {
          ticketId,
          orderId,
          amount,
          ...(recommendationId ? { recommendationId } : {}),
        });
    });
  }

  // ── conflicts ───────────────────────────────────────────────────────────────────────────────────

  private async raiseConflicts(
    ticketId: string,
    involving: string | undefined,
    fresh?: Ticket,
  ): Promise<Conflict[]> {
    const ticket = fresh ?? (await this.store.getTicket(ticketId));
    if (!ticket) return [];
    const actions = fresh ? fresh.aiActions : await this.store.listActions(ticketId);
    if (!actions.length) return [];
    const matches = evaluateConflicts(
      this.rules,
      actions,
      { ticketId, intent: ticket.intent, sentiment: ticket.sentiment },
      involving ? { involving } : {},
    );
    const raised: Conflict[] = [];
    if (!matches.length) return raised;
    const lastMessages = ticket.messages.slice(-6);
    for (const m of matches) {
      const conflict: Conflict = {
        id: `c_${randomUUID()}`,
        ticketId,
        ruleId: m.ruleId,
        title: m.title,
        severity: m.severity,
        sides: m.sides,
        context: {
          intent: ticket.intent,
          sentiment: ticket.sentiment,
          lastMessages,
          explanation: m.explanation,
        },
        status: 'open',
        raisedAt: Date.now(),
        ...(ticket.assignedTo && OWNED_STATUSES.includes(ticket.status)
          ? { agentId: ticket.assignedTo }
          : {}),
      };
      if (!(await this.store.insertConflict(conflict, `${ticketId}:${m.key}`))) continue;
      raised.push(conflict);
      const to = new Set(this.leadIds());
      if (conflict.agentId) to.add(conflict.agentId);
      for (const id of to) await this.send(id, 'conflict:raised', { conflict });
      this.emit('conflict', conflict);
    }
    return raised;
  }

  // ── client commands ─────────────────────────────────────────────────────────────────────────────

  /**
   * Idempotent command: a repeat of (actor, command, key) returns the stored answer and has no effect.
   * Failures are not stored, so a corrected retry can still succeed.
   */
  private idem<T>(actor: Actor, command: string, key: string, fn: () => Promise<T>): Promise<Result<T>> {
    return this.guard(() =>
      this.serial(async () => {
        const prior = await this.store.getCommandResult(actor.id, command, key);
        if (prior !== undefined) return prior as T;
        const result = await fn();
        await this.store.putCommandResult(actor.id, command, key, result, Date.now());
        return result;
      }),
    );
  }

  private async guard<T>(fn: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await fn());
    } catch (err) {
      if (err instanceof HubError) return fail(err.code, err.message);
      this.log.error({ err }, 'command failed');
      return fail('INTERNAL', 'internal hub error');
    }
  }

  /** The ticket, if this actor may act on it (its assignee, or any lead/admin). */
  private async ownedHead(actor: Actor, ticketId: string): Promise<TicketHead> {
    const head = await this.store.getTicketHead(ticketId);
    if (!head) throw new HubError('NOT_FOUND', `no ticket ${ticketId}`);
    if (actor.role === 'agent' && head.assignedTo !== actor.id)
      throw new HubError('FORBIDDEN', `ticket ${ticketId} is not assigned to you`);
    return head;
  }

  accept(actor: Actor, input: CommandInput<'ticket:accept'>) {
    return this.idem(actor, 'ticket:accept', `${input.ticketId}:${input.idempotencyKey}`, async () => {
      const head = await this.ownedHead(actor, input.ticketId);
      if (head.status === 'active') return { status: head.status };
      if (head.status !== 'assigned' && head.status !== 'pending')
        throw new HubError('CONFLICT', `ticket is ${head.status}; cannot accept`);
      const h = await this.moveTo(head, 'active');
      return { status: h.status };
    });
  }

  /**
   * Idempotent on clientMsgId: the same actor resending returns the original message (duplicate: true),
   * even if the ticket moved on since; the unique (ticket, clientMsgId) index backs this up in SQLite.
   */
  reply(actor: Actor, input: CommandInput<'ticket:reply'>): Promise<Result<CommandOutput<'ticket:reply'>>> {
    const key = `${input.ticketId}:${input.clientMsgId}`;
    return this.guard(() =>
      this.serial(async () => {
        const prior = (await this.store.getCommandResult(actor.id, 'ticket:reply', key)) as
          CommandOutput<'ticket:reply'> | undefined;
        if (prior) return { message: prior.message, duplicate: true };
        let head = await this.ownedHead(actor, input.ticketId);
        if (!OWNED_STATUSES.includes(head.status))
          throw new HubError('CONFLICT', `ticket is ${head.status}; it is no longer yours to answer`);
        const message = {
          id: `m_${randomUUID()}`,
          ticketId: input.ticketId,
          from: 'agent',
          at: Date.now(),
          clientMsgId: input.clientMsgId,
          ...input.body,
        } as Message;
        const res = await this.store.appendMessage(message);
        await this.store.putCommandResult(
          actor.id,
          'ticket:reply',
          key,
          { message: res.message, duplicate: false },
          Date.now(),
        );
        if (res.duplicate) return res;
        if (head.status !== 'active') head = await this.walkTo(head, 'active', '坐席已回复');
        this.emit('reply', head, res.message);
        return res;
      }),
    );
  }

  action(actor: Actor, input: CommandInput<'ticket:action'>) {
    return this.idem(actor, 'ticket:action', `${input.ticketId}:${input.idempotencyKey}`, async () => {
      const head = await this.ownedHead(actor, input.ticketId);
      if (!OWNED_STATUSES.includes(head.status)) throw new HubError('CONFLICT', `ticket is ${head.status}`);
      const action: TicketAction = {
        id: `a_${randomUUID()}`,
        ticketId: input.ticketId,
        actor: { kind: 'human', id: actor.id, name: actor.name },
        type: input.type,
        params: input.params,
        summary: input.summary,
        at: Date.now(),
      };
      await this.store.insertAction(action);
      this.emit('action', action);
      const conflicts = await this.raiseConflicts(input.ticketId, action.id);
      return { action, conflicts };
    });
  }

  transfer(actor: Actor, input: CommandInput<'ticket:transfer'>) {
    return this.idem(actor, 'ticket:transfer', `${input.ticketId}:${input.idempotencyKey}`, async () => {
      const head = await this.ownedHead(actor, input.ticketId);
      if (!OWNED_STATUSES.includes(head.status) || !head.assignedTo)
        throw new HubError('CONFLICT', `ticket is ${head.status}; cannot transfer`);
      if (input.toAgentId) {
        const target = this.users.get(input.toAgentId);
        if (!target || target.role !== 'agent')
          throw new HubError('NOT_FOUND', `no agent ${input.toAgentId}`);
        if (target.id === head.assignedTo)
          throw new HubError('BAD_REQUEST', 'ticket is already assigned to that agent');
      }
      const reason = input.reason || `由 ${actor.name} 转接`;
      const toAgentId = await this.handOff(head, head.assignedTo, reason, input.toAgentId);
      return { toAgentId };
    });
  }

  outcome(actor: Actor, o: Outcome): Promise<Result<CommandOutput<'ticket:outcome'>>> {
    return this.guard(() =>
      this.serial(async () => {
        if (actor.role === 'agent' && o.agentId !== actor.id)
          throw new HubError('FORBIDDEN', 'outcome agentId must be your own id');
        if ((await this.store.getCommandResult('*', 'ticket:outcome', o.idempotencyKey)) !== undefined)
          return { duplicate: true };
        const head = await this.ownedHead(actor, o.ticketId);
        if (TERMINAL_STATUSES.includes(head.status))
          throw new HubError('CONFLICT', `ticket is already ${head.status}`);
        if (!OWNED_STATUSES.includes(head.status))
          throw new HubError('CONFLICT', `ticket is ${head.status}; it was reassigned`);
        if (!(await this.store.insertOutcome(o))) return { duplicate: true };
        await this.store.putCommandResult(
          '*',
          'ticket:outcome',
          o.idempotencyKey,
          { duplicate: false },
          Date.now(),
        );
        const key = `${o.agentId}:${o.intent}`;
        const s = this.resolution.get(key) ?? { resolved: 0, total: 0 };
        this.resolution.set(key, {
          resolved: s.resolved + (o.resolution === 'resolved' ? 1 : 0),
          total: s.total + 1,
        });
        const agent = head.assignedTo!;
        if (o.resolution === 'transferred') {
          await this.handOff(head, agent, o.note || '坐席结单：转接', undefined);
        } else if (o.resolution !== head.status) {
          await this.walkTo(head, o.resolution, o.note || '坐席已结单');
        }
        await this.drainQueue();
        return { duplicate: false };
      }),
    );
  }

  resolveConflict(actor: Actor, input: CommandInput<'conflict:resolve'>) {
    return this.idem(actor, 'conflict:resolve', input.idempotencyKey, async () => {
      const c = await this.store.getConflict(input.conflictId);
      if (!c) throw new HubError('NOT_FOUND', `no conflict ${input.conflictId}`);
      if (c.status === 'resolved')
        throw new HubError('CONFLICT', `conflict already decided by ${c.decision?.by ?? 'someone'}`);
      const decided: Conflict = {
        ...c,
        status: 'resolved',
        decision: { choice: input.choice, note: input.note, by: actor.id, at: Date.now() },
      };
      await this.store.updateConflict(decided);
      const head = await this.store.getTicketHead(c.ticketId);
      const agent = head?.assignedTo && OWNED_STATUSES.includes(head.status) ? head.assignedTo : c.agentId;
      const to = new Set(this.leadIds());
      if (agent) to.add(agent);
      for (const id of to) await this.send(id, 'conflict:decided', { conflict: decided });
      if (head && agent && head.assignedTo === agent) {
        const chosen =
          input.choice === 'a'
            ? c.sides[0].summary
            : input.choice === 'b'
              ? c.sides[1].summary
              : '自定义处理';
        const text =
          `组长裁决「${c.title}」：采用 ${chosen}${input.note ? `。备注：${input.note}` : ''}`.slice(0, 1000);
        const message = {
          id: `m_${randomUUID()}`,
          ticketId: c.ticketId,
          from: 'system',
          at: Date.now(),
          kind: 'system',
          event: 'conflict_decided',
          text,
        } as Message;
        await this.store.appendMessage(message);
        await this.send(agent, 'ticket:message', { ticketId: c.ticketId, message });
      }
      return { conflict: decided };
    });
  }

  async listConflicts(input: CommandInput<'conflict:list'>): Promise<Result<CommandOutput<'conflict:list'>>> {
    return this.guard(async () => {
      const status = input.status ?? 'open';
      return { conflicts: await this.store.listConflicts(status === 'all' ? {} : { status }) };
    });
  }

  assignments(input: CommandInput<'ticket:assignments'>) {
    return this.guard(async () => {
      if (!(await this.store.getTicketHead(input.ticketId)))
        throw new HubError('NOT_FOUND', `no ticket ${input.ticketId}`);
      return { assignments: await this.store.listAssignments(input.ticketId) };
    });
  }

  metrics(input: CommandInput<'metrics:get'>) {
    return this.guard(() => this.store.metrics(input.intent));
  }

  // ── knowledge ───────────────────────────────────────────────────────────────────────────────────

  kbPull(input: CommandInput<'kb:pull'>) {
    return this.guard(() => this.store.kbSince(input.sinceVersion));
  }

  publishKb(actor: Actor, input: CommandInput<'kb:publish'>) {
    return this.idem(actor, 'kb:publish', input.idempotencyKey, () =>
      this.publishKbTx(input.upsert ?? [], input.deleteIds ?? []),
    );
  }

  /** Publishes a knowledge change as a new version and tells every user (seq'd, so offline users learn on resume). */
  publishKbNow(
    upserts: readonly KbDocInput[],
    deleteIds: readonly string[] = [],
  ): Promise<{ version: number }> {
    return this.serial(() => this.publishKbTx(upserts, deleteIds));
  }

  private async publishKbTx(
    upserts: readonly KbDocInput[],
    deleteIds: readonly string[],
  ): Promise<{ version: number }> {
    if (!upserts.length && !deleteIds.length) throw new HubError('BAD_REQUEST', 'nothing to publish');
    const version = await this.store.kbPublish(upserts, deleteIds, Date.now());
    for (const u of this.users.values()) await this.send(u.id, 'kb:changed', { version });
    return { version };
  }

  kbGet(id: string): Promise<KbDoc | undefined> {
    return this.store.kbGet(id);
  }

  // ── SLA + team view ─────────────────────────────────────────────────────────────────────────────

  slaFor(priority: number): number {
    return this.opts.slaMs[Math.min(4, Math.max(1, priority)) as 1 | 2 | 3 | 4];
  }

  /** Tickets not yet handled past their SLA get one priority step more urgent and a new deadline. */
  async sweepSla(): Promise<number> {
    if (this.closed) return 0;
    return this.serial(async () => {
      const now = Date.now();
      const waiting = await this.store.listTicketHeads({ statuses: ['escalated', 'assigned'] });
      let n = 0;
      for (const h of waiting) {
        if (h.slaDueAt > now) continue;
        const priority = Math.max(1, h.priority - 1);
        const slaDueAt = now + Math.round(this.slaFor(priority) / 2);
        const ticket = (await this.store.getTicket(h.id))!;
        const tags = ticket.tags.includes('sla_breached')
          ? ticket.tags
          : [...ticket.tags, 'sla_breached'].slice(0, 32);
        await this.store.updateTicket(h.id, { priority, slaDueAt, slaBreached: true, tags });
        if (h.assignedTo && h.status === 'assigned') {
          await this.send(h.assignedTo, 'ticket:priority', {
            ticketId: h.id,
            priority,
            slaDueAt,
            reason: `SLA 超时：优先级由 P${h.priority} 提升为 P${priority}`,
          });
        }
        n++;
      }
      if (n) {
        this.log.info({ breached: n }, 'SLA breaches re-prioritised');
        await this.drainQueue();
      }
      return n;
    });
  }

  /** Debounced team snapshot to leads on change. */
  scheduleSnapshot(): void {
    if (this.snapshotTimer || this.closed) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.sendTeamSnapshot().catch((e: unknown) => this.log.error({ err: e }, 'snapshot failed'));
    }, 250);
    this.snapshotTimer.unref();
  }

  async teamView(): Promise<{ agents: TeamAgent[]; queued: number }> {
    const queued = (await this.store.listTicketHeads({ statuses: ['escalated'] })).length;
    const agents: TeamAgent[] = [];
    for (const u of this.users.values()) {
      if (u.role !== 'agent') continue;
      const p = this.presence.get(u.id);
      const online = (p?.sinks.size ?? 0) > 0;
      agents.push({
        id: u.id,
        name: u.name,
        role: u.role,
        online,
        status: online ? p!.status : 'offline',
        load: this.load.get(u.id) ?? 0,
        capacity: u.capacity,
      });
    }
    return { agents, queued };
  }

  async sendTeamSnapshot(): Promise<void> {
    if (this.closed) return;
    const leads = this.leadIds().filter((id) => this.presence.get(id)?.sinks.size);
    if (!leads.length) return;
    await this.serial(async () => {
      const view = await this.teamView();
      for (const id of leads) await this.send(id, 'team:snapshot', { ...view, at: Date.now() });
    });
  }

  /** Test/bench helper: waits until every queued state change has been applied. */
  async idle(): Promise<void> {
    await this.serial(async () => undefined);
  }

  intentLabel(intent: Intent): string {
    return INTENTS[intent].zh;
  }
}

export interface TeamAgent {
  id: string;
  name: string;
  role: Role;
  online: boolean;
  status: 'online' | 'away' | 'busy' | 'offline';
  load: number;
  capacity: number;
}
