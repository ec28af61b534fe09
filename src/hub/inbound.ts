// The inbound side, from customers and AI agents (through the integration API): escalations,
// customer messages, AI actions, assist suggestions and order conversions.
import { randomUUID } from 'node:crypto';
import type {
  Conflict,
  Message,
  MessageBody,
  Recommendation,
  Suggestion,
  Ticket,
  TicketAction,
} from '../shared/domain';
import type { HubContext } from './context';
import { assertRoomForMessage } from './tickets/snapshot';
import { HubError } from './context';
import { raiseConflicts } from './conflicts/raise';
import { send } from './delivery/send';
import { storeAndRoute } from './routing/assign';
import { scheduleSnapshot } from './team';
import { OWNED_STATUSES, TERMINAL_STATUSES } from './tickets/lifecycle';

/** The commit-queue lane of units about one ticket from outside (escalation, customer, AI). */
const ticketLane = (ticketId: string) => `ticket\u0001${ticketId}`;

/** A conversation the AI could not finish: store it, check its AI actions for conflicts, route it. */
export function escalate(
  ctx: HubContext,
  ticket: Ticket,
): Promise<{ ticketId: string; assignedTo: string | null }> {
  return ctx.serial(() => escalateInUnit(ctx, ticket), ticketLane(ticket.id));
}

/** escalate() inside a unit the caller already runs (the integration API adds its own rows to it). */
export async function escalateInUnit(
  ctx: HubContext,
  ticket: Ticket,
): Promise<{ ticketId: string; assignedTo: string | null }> {
  if (await ctx.store.getTicketHead(ticket.id))
    throw new HubError('CONFLICT', `ticket ${ticket.id} was already escalated`);
  const t: Ticket = { ...ticket, status: 'escalated' };
  delete t.assignedTo;
  delete t.assignedAt;
  // stored once, already assigned when someone has a seat; then its AI actions are checked, so the
  // conflicts raised go to the agent (and the leads) straight away
  const stored = await storeAndRoute(ctx, t);
  await raiseConflicts(ctx, t.id, undefined, stored);
  const assignedTo = stored.assignedTo ?? null;
  scheduleSnapshot(ctx);
  return { ticketId: t.id, assignedTo };
}

export function customerMessage(
  ctx: HubContext,
  ticketId: string,
  body: MessageBody,
): Promise<Message | null> {
  return ctx.serial(() => customerMessageInUnit(ctx, ticketId, body), ticketLane(ticketId));
}

export async function customerMessageInUnit(
  ctx: HubContext,
  ticketId: string,
  body: MessageBody,
  at = Date.now(),
): Promise<Message | null> {
  const head = await ctx.store.getTicketHead(ticketId);
  if (!head || TERMINAL_STATUSES.includes(head.status)) return null;
  await assertRoomForMessage(ctx, ticketId);
  const message = {
    id: `m_${randomUUID()}`,
    ticketId,
    from: 'customer',
    at,
    ...body,
  } as Message;
  await ctx.store.appendMessage(message);
  if (head.assignedTo && OWNED_STATUSES.includes(head.status))
    await send(ctx, head.assignedTo, 'ticket:message', { ticketId, message });
  return message;
}

/** An AI agent acted (or proposed an action) on a live ticket. */
export function aiAction(
  ctx: HubContext,
  ticketId: string,
  action: Omit<TicketAction, 'ticketId' | 'at'> & { at?: number },
): Promise<Conflict[]> {
  return ctx.serial(() => aiActionInUnit(ctx, ticketId, action), ticketLane(ticketId));
}

export async function aiActionInUnit(
  ctx: HubContext,
  ticketId: string,
  action: Omit<TicketAction, 'ticketId' | 'at'> & { at?: number },
): Promise<Conflict[]> {
  const head = await ctx.store.getTicketHead(ticketId);
  if (!head || TERMINAL_STATUSES.includes(head.status)) return [];
  const a: TicketAction = { ...action, ticketId, at: action.at ?? Date.now() };
  await ctx.store.insertAction(a);
  if (head.assignedTo && OWNED_STATUSES.includes(head.status))
    await send(ctx, head.assignedTo, 'ticket:action', { action: a });
  ctx.emit('action', a);
  return raiseConflicts(ctx, ticketId, a.id);
}

export function assist(
  ctx: HubContext,
  ticketId: string,
  suggestions: Suggestion[],
  recommendations: Recommendation[],
): Promise<void> {
  return ctx.serial(async () => {
    await assistInUnit(ctx, ticketId, suggestions, recommendations);
  });
}

/** false when nobody holds the ticket (the update has no one to reach). */
export async function assistInUnit(
  ctx: HubContext,
  ticketId: string,
  suggestions: Suggestion[],
  recommendations: Recommendation[],
): Promise<boolean> {
  const head = await ctx.store.getTicketHead(ticketId);
  if (!head?.assignedTo || !OWNED_STATUSES.includes(head.status)) return false;
  await send(ctx, head.assignedTo, 'ticket:assist', { ticketId, suggestions, recommendations });
  return true;
}

export function convertOrder(
  ctx: HubContext,
  ticketId: string,
  orderId: string,
  recommendationId: string | undefined,
  amount: number,
): Promise<void> {
  return ctx.serial(() => convertOrderInUnit(ctx, ticketId, orderId, recommendationId, amount));
}

export async function convertOrderInUnit(
  ctx: HubContext,
  ticketId: string,
  orderId: string,
  recommendationId: string | undefined,
  amount: number,
): Promise<void> {
  const head = await ctx.store.getTicketHead(ticketId);
  if (!head) return;
  await ctx.store.recordConversion(ticketId, orderId, recommendationId ?? null, amount, Date.now());
  const to = head.assignedTo;
  if (to)
    await send(ctx, to, 'order:converted', {
      ticketId,
      orderId,
      amount,
      ...(recommendationId ? { recommendationId } : {}),
    });
}
