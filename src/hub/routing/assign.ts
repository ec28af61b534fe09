// Routing against live state: who is online with a free seat, ranking them (score.ts), assigning,
// draining the queue, and handing a ticket off when its owner transfers it or disconnects.
import type { RevokeReasonCode } from '../../shared/system-texts';
import type { Conflict, Intent, Ticket } from '../../shared/domain';
import type { AssignmentReason } from '../../shared/hub-protocol';
import { HubError, isOnline, type HubContext } from '../context';
import { send } from '../delivery/send';
import { publishWebhook } from '../integration/outbox';
import type { TicketHead } from '../store/types';
import { scheduleSnapshot } from '../team';
import { OWNED_STATUSES } from '../tickets/lifecycle';
import { addLoad, moveTo } from '../tickets/move';
import { anyFreeSeat, candidates, rankFor } from './candidates';
import { queuePressure, rankAgents } from './score';
import { snapshotTicket } from '../tickets/snapshot';

const TOP_K = 5;

/** Queued tickets: with the free seats, the queue pressure of this routing round. */
function queued(ctx: HubContext): Promise<number> {
  return ctx.store.countTickets(['escalated']);
}

/**
 * The best few agents for a ticket now, best first; empty when nobody has a free seat. `unstored` =
 * queued tickets the store does not hold yet (an escalation ranked before it is stored), so the queue
 * pressure is what it would be with them stored.
 */
async function rank(
  ctx: HubContext,
  intent: Intent,
  exclude?: string,
  unstored = 0,
): Promise<AssignmentReason[]> {
  const waiting = (await queued(ctx)) + unstored;
  return rankFor(ctx, intent, waiting, exclude, TOP_K);
}

/** Routes one stored ticket (queued or transferred); returns the agent or null (queued). */
export async function route(ctx: HubContext, head: TicketHead, exclude?: string): Promise<string | null> {
  const ranked = await rank(ctx, head.intent, exclude);
  const best = ranked[0];
  if (!best) {
    if (head.status === 'transferred')
      await moveTo(ctx, head, 'escalated', { assignedTo: null, assignedAt: null });
    return null;
  }
  await assign(ctx, head, best.agentId, best, ranked);
  return best.agentId;
}

/**
 * A new escalation (status escalated, not stored yet), routed before it is stored so that it is
 * written once, already with its agent (escalated → assigned in one row write, not an insert and an
 * update of the same 2 KB row), or queued. Returns the ticket as stored. A new ticket has no open
 * conflicts yet: the caller raises them on the stored ticket, which then go to its agent directly.
 */
export async function storeAndRoute(ctx: HubContext, ticket: Ticket): Promise<Ticket> {
  const ranked = await rank(ctx, ticket.intent, undefined, 1);
  const best = ranked[0];
  if (!best) {
    await ctx.store.insertTicket(ticket);
    return ticket;
  }
  const stored: Ticket = { ...ticket, status: 'assigned', assignedTo: best.agentId, assignedAt: Date.now() };
  await ctx.store.insertTicket(stored);
  addLoad(ctx, best.agentId, 1);
  await announce(ctx, stored, best, ranked);
  return stored;
}

async function assign(
  ctx: HubContext,
  head: TicketHead,
  agentId: string,
  reason: AssignmentReason,
  ranked: AssignmentReason[],
): Promise<void> {
  ctx.reclaimable.delete(head.id);
  await moveTo(ctx, head, 'assigned', { assignedTo: agentId, assignedAt: Date.now() });
  await announce(ctx, (await ctx.store.getTicket(head.id))!, reason, ranked);
  // open conflicts follow the ticket to its new owner
  for (const c of await ctx.store.listConflicts({ status: 'open', ticketId: head.id })) {
    const updated: Conflict = { ...c, agentId };
    await ctx.store.updateConflict(updated);
    await send(ctx, agentId, 'conflict:raised', { conflict: updated });
  }
}

/** A ticket just assigned (`ticket` as stored): the assignment record, the agent told, listeners. */
async function announce(
  ctx: HubContext,
  ticket: Ticket,
  reason: AssignmentReason,
  ranked: AssignmentReason[],
): Promise<void> {
  const agentId = reason.agentId;
  const at = ticket.assignedAt!;
  await ctx.store.insertAssignment(ticket.id, { at, reason, candidates: ranked });
  const p = ctx.presence.get(agentId);
  if (p) p.lastAssignedAt = at;
  await send(ctx, agentId, 'ticket:assigned', { ...snapshotTicket(ticket), assignment: reason });
  ctx.emit('assigned', ticket.id, agentId);
  scheduleSnapshot(ctx);
}

/** Assigns queued tickets, most urgent first, while anyone has a free seat. */
export async function drainQueue(ctx: HubContext): Promise<void> {
  const queued = await ctx.store.listTicketHeads({ statuses: ['escalated'] });
  for (const head of queued) {
    if (!anyFreeSeat(ctx)) break;
    await route(ctx, head);
  }
}

/** After the grace period: every ticket of an agent still offline goes to someone else (or the queue). */
export async function rerouteAgent(ctx: HubContext, agentId: string, reason: string): Promise<void> {
  if (isOnline(ctx, agentId)) return;
  const owned = await ctx.store.listTicketHeads({ statuses: OWNED_STATUSES, assignedTo: agentId });
  for (const head of owned) {
    // Queued (nobody else free): the away agent may still reclaim it with a late reply or close.
    if ((await handOff(ctx, head, agentId, reason, undefined, { code: 'agent_away' })) === null)
      ctx.reclaimable.set(head.id, agentId);
  }
  if (owned.length)
    ctx.log.info({ agentId, tickets: owned.length }, 're-routed tickets of a disconnected agent');
}

/** ticket → transferred → (target | best other agent | queue); the previous owner gets ticket:revoked. */
export async function handOff(
  ctx: HubContext,
  head: TicketHead,
  fromAgent: string,
  reason: string,
  toAgentId: string | undefined,
  /** REVOKE_REASONS code (+ who) so the workstation can word the reason in its language. */
  why?: { code: RevokeReasonCode; by?: string },
): Promise<string | null> {
  ctx.reclaimable.delete(head.id);
  const moved = await moveTo(ctx, head, 'transferred');
  await send(ctx, fromAgent, 'ticket:revoked', { ticketId: head.id, reason, ...why });
  if (toAgentId) {
    const waiting = await queued(ctx);
    const cands = candidates(ctx, undefined, head.intent).cands.filter((c) => c.id === toAgentId);
    const free = cands.reduce((s, c) => s + c.capacity - c.load, 0);
    const r = rankAgents(cands, head.intent, queuePressure(waiting, free), TOP_K)[0];
    if (!r) throw new HubError('CONFLICT', `agent ${toAgentId} is offline or full`);
    await assign(ctx, moved, toAgentId, r, [r]);
  }
  const to = toAgentId ?? (await route(ctx, moved, fromAgent));
  await publishWebhook(ctx, head.id, 'conversation.transferred', {
    fromAgentId: fromAgent,
    toAgentId: to,
    reason,
  });
  return to;
}
