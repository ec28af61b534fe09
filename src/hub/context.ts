// The state HubCore's parts share. HubCore owns one HubContext and passes it to the focused modules
// (routing/assign.ts, tickets/commands.ts, delivery/replay.ts, …), which are plain functions over it;
// keeping the state in one object (rather than on HubCore) keeps HubCore's public surface unchanged.
import type { Logger } from 'pino';
import type { Conflict, Intent, Message, Role, TicketAction, TicketStatus } from '../shared/domain';
import type { ErrorCode } from '../shared/result';
import type { ConflictRulesFile } from './conflicts/evaluate';
import type { HubStore, TicketHead, UserRecord } from './store/types';
import { LOAD_STATUSES } from './tickets/lifecycle';

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
  /** The last seq emitted to this socket (set by the resume); it only ever gets seq = this + 1 next. */
  sentSeq?: number;
  /** `encoded` = the payload already serialised (the replay log's text), when the store has it. */
  emit(name: string, payload: unknown, encoded?: string): void;
}

/** What a hub node sharing a Redis store with others adds (cluster/index.ts); absent on one node. */
export interface ClusterHooks {
  readonly node: string;
  /** True on the node holding the timer lease: SLA sweep, periodic snapshots, orphan re-routing. */
  readonly leader: boolean;
  /** The user's presence on another live node, if any. */
  remote(userId: string): { status: AgentStatus } | undefined;
  /** A local user connected, changed status or left (null). */
  presenceChanged(userId: string, status: AgentStatus | null): void;
  /** Emit what the user's live sockets here have not had yet, from the stored log (events from other nodes). */
  catchUp(userId: string): void;
  /** Before each unit: re-read shared presence (cached briefly). */
  refresh(): Promise<void>;
}

export interface Actor {
  id: string;
  role: Role;
  name: string;
}

export type AgentStatus = 'online' | 'away' | 'busy';

export interface Presence {
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
  /** How often expired integration records are pruned (stores that need it); default RETENTION_SWEEP_MS. */
  retentionSweepMs?: number;
  /** Validate every outgoing event against serverEventSchemas (a development assertion: index.ts checksOutgoingByDefault). */
  validateOutgoing: boolean;
  /** A node of a Redis cluster: laned units in flight at once (delivery/commit-queue.ts); default 32, 1 = one at a time. */
  unitsInFlight?: number;
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
  /** a ticket got a human */
  assigned: [ticketId: string, agentId: string];
  closed: [ticketId: string, status: TicketStatus];
  /** the first socket of a user connected */
  online: [userId: string];
  action: [action: TicketAction];
  conflict: [conflict: Conflict];
  /** webhook events were committed to the integration outbox (wakes the dispatcher) */
  outbox: [];
  /** a user's role or disabled flag changed: their sessions must end now */
  access: [userId: string];
}

export interface HubContext {
  readonly store: HubStore;
  readonly log: Logger;
  readonly opts: HubCoreOptions;
  rules: ConflictRulesFile;
  readonly presence: Map<string, Presence>;
  /** In-memory mirrors of the store, rebuilt by rebuildCaches() whenever a unit rolls back. */
  users: Map<string, UserRecord>;
  /** Tickets counting against each agent's capacity. */
  load: Map<string, number>;
  /** Outcomes per intent, then per agent (a routing input; looked up for every agent on every ticket). */
  resolution: Map<Intent, Map<string, { resolved: number; total: number }>>;
  /**
   * Tickets the hub took from an agent only because they were away past the grace period (ticket →
   * that agent). Only these may go back to them on a late reply or close; a transfer by a lead (or by
   * the agent) is final and clears the entry. In memory: after a restart nothing is reclaimable,
   * which errs towards the decision already made.
   */
  reclaimable: Map<string, string>;
  snapshotTimer: NodeJS.Timeout | undefined;
  closed: boolean;
  /** Set when this hub is one node of several on a shared store. */
  cluster?: ClusterHooks;
  /** Emits a HubCore event (the server, the webhook dispatcher and tests listen on HubCore). */
  emit<K extends keyof HubCoreEvents>(event: K, ...args: HubCoreEvents[K]): void;
  /**
   * Runs fn atomically after every earlier state change (see delivery/commit-queue.ts). With a `lane`
   * (a ticket or actor id) it only follows earlier units of that lane, on a store that allows it.
   */
  serial<T>(fn: () => Promise<T>, lane?: string): Promise<T>;
  /** Queues f to run after the current unit commits, in order. */
  afterCommit(f: () => void): void;
}

export async function rebuildCaches(ctx: HubContext): Promise<void> {
  ctx.users = new Map((await ctx.store.listUsers()).map((u) => [u.id, u]));
  if (ctx.store.agentLoads) ctx.load = await ctx.store.agentLoads();
  else {
    // counted before it replaces ctx.load: routing mirrors the map it sees (routing/roster.ts)
    const load = new Map<string, number>();
    for (const h of await ctx.store.listTicketHeads({ statuses: LOAD_STATUSES })) {
      if (h.assignedTo) load.set(h.assignedTo, (load.get(h.assignedTo) ?? 0) + 1);
    }
    ctx.load = load;
  }
  ctx.resolution = new Map();
  for (const s of await ctx.store.resolutionStats()) {
    let byAgent = ctx.resolution.get(s.intent);
    if (!byAgent) ctx.resolution.set(s.intent, (byAgent = new Map()));
    byAgent.set(s.agentId, { resolved: s.resolved, total: s.total });
  }
}

export function leadIds(ctx: HubContext): string[] {
  return [...ctx.users.values()].filter((u) => u.role === 'lead' || u.role === 'admin').map((u) => u.id);
}

/** Connected here, or (several nodes) on another live node. */
export function isOnline(ctx: HubContext, userId: string): boolean {
  return (ctx.presence.get(userId)?.sinks.size ?? 0) > 0 || !!ctx.cluster?.remote(userId);
}

/** The user's status wherever they are connected; undefined = offline. */
export function statusOf(ctx: HubContext, userId: string): AgentStatus | undefined {
  const p = ctx.presence.get(userId);
  if (p && p.sinks.size > 0) return p.status;
  return ctx.cluster?.remote(userId)?.status;
}
