// Applying the transition table (lifecycle.ts) to stored tickets, keeping the in-memory load counters
// in step with the store so routing never has to count tickets.
import type { TicketStatus } from '../../shared/domain';
import { HubError, type HubContext } from '../context';
import { send } from '../delivery/send';
import { agentRef, publishWebhook } from '../integration/outbox';
import type { TicketHead } from '../store/types';
import { loadChanged } from '../routing/roster';
import { scheduleSnapshot } from '../team';
import { LOAD_STATUSES, TERMINAL_STATUSES, canTransition, pathTo } from './lifecycle';

/** One ticket more (1) or fewer (-1) counting against the agent's capacity, in the in-memory mirror. */
export function addLoad(ctx: HubContext, agentId: string, delta: 1 | -1): void {
  ctx.load.set(agentId, Math.max(0, (ctx.load.get(agentId) ?? 0) + delta));
  loadChanged(ctx, agentId); // routing's roster mirrors the counters by slot
}

/** Applies a legal status change, keeping the in-memory load counters in step. */
export async function moveTo(
  ctx: HubContext,
  head: TicketHead,
  to: TicketStatus,
  patch: { assignedTo?: string | null; assignedAt?: number | null } = {},
): Promise<TicketHead> {
  if (!canTransition(head.status, to))
    throw new HubError('CONFLICT', `ticket ${head.id} is ${head.status}; cannot move to ${to}`);
  const before = head.assignedTo;
  const after = patch.assignedTo === undefined ? before : patch.assignedTo;
  if (before && LOAD_STATUSES.includes(head.status)) addLoad(ctx, before, -1);
  if (after && LOAD_STATUSES.includes(to)) addLoad(ctx, after, 1);
  await ctx.store.updateTicket(head.id, { status: to, ...patch });
  const next: TicketHead = { ...head, status: to, assignedTo: after ?? null };
  if (TERMINAL_STATUSES.includes(to)) ctx.emit('closed', head.id, to);
  // an agent took the conversation (accepted it, or answered it straight away)
  if (to === 'active' && head.status === 'assigned' && after)
    await publishWebhook(ctx, head.id, 'handoff.accepted', { agent: agentRef(ctx, after) });
  scheduleSnapshot(ctx);
  return next;
}

/** Moves along the shortest legal path (assigned → active → resolved), telling the assignee each step. */
export async function walkTo(
  ctx: HubContext,
  head: TicketHead,
  to: TicketStatus,
  reason: string,
): Promise<TicketHead> {
  const path = pathTo(head.status, to);
  if (!path) throw new HubError('CONFLICT', `ticket ${head.id} is ${head.status}; cannot become ${to}`);
  let h = head;
  for (const step of path) {
    h = await moveTo(ctx, h, step);
    if (h.assignedTo)
      await send(ctx, h.assignedTo, 'ticket:status', { ticketId: h.id, status: step, reason });
  }
  return h;
}
