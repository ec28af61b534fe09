// The agent's commands on a ticket: accept, reply, action, transfer, outcome. Each checks that the
// actor may act on the ticket (its assignee, or a lead/admin) and that the ticket is still theirs.
import { randomUUID } from 'node:crypto';
import type { Message, Outcome, TicketAction } from '../../shared/domain';
import type { CommandInput, CommandOutput } from '../../shared/hub-protocol';
import type { Result } from '../../shared/result';
import { guard, idempotent } from '../command-guard';
import { HubError, type Actor, type HubContext } from '../context';
import { raiseConflicts } from '../conflicts/raise';
import { recordResolution } from '../feedback/resolution';
import { agentMessageContent, agentRef, closedData, publishWebhook } from '../integration/outbox';
import { drainQueue, handOff } from '../routing/assign';
import type { TicketHead } from '../store/types';
import { OWNED_STATUSES, TERMINAL_STATUSES } from './lifecycle';
import { moveTo, walkTo } from './move';
import { assertRoomForMessage } from './snapshot';

/**
 * Work an agent did while away past the grace period: the hub put the ticket back in the queue, but
 * nobody else has taken it. Their late reply or close is still theirs to make, so the ticket goes back
 * to them instead of the work being refused. Only the hub's own re-routing is undone this way: when a
 * lead (or the agent) transferred the ticket, that decision is final and ownedHead refuses as for any
 * ticket someone else holds (the workstation shows that as a sync conflict).
 */
async function reclaimIfUnclaimed(ctx: HubContext, actor: Actor, ticketId: string): Promise<void> {
  if (actor.role !== 'agent' || ctx.reclaimable.get(ticketId) !== actor.id) return;
  const head = await ctx.store.getTicketHead(ticketId);
  if (!head || head.status !== 'escalated' || head.assignedTo) return;
  const last = (await ctx.store.listAssignments(ticketId)).at(-1);
  if (last?.reason.agentId !== actor.id) return;
  ctx.reclaimable.delete(ticketId);
  await moveTo(ctx, head, 'assigned', { assignedTo: actor.id, assignedAt: Date.now() });
}

/** The ticket, if this actor may act on it (its assignee, or any lead/admin). */
export async function ownedHead(ctx: HubContext, actor: Actor, ticketId: string): Promise<TicketHead> {
  const head = await ctx.store.getTicketHead(ticketId);
  if (!head) throw new HubError('NOT_FOUND', `no ticket ${ticketId}`);
  if (actor.role === 'agent' && head.assignedTo !== actor.id)
    throw new HubError('FORBIDDEN', `ticket ${ticketId} is not assigned to you`);
  return head;
}

export function accept(ctx: HubContext, actor: Actor, input: CommandInput<'ticket:accept'>) {
  return idempotent(ctx, actor, 'ticket:accept', `${input.ticketId}:${input.idempotencyKey}`, async () => {
    const head = await ownedHead(ctx, actor, input.ticketId);
    if (head.status === 'active') return { status: head.status };
    if (head.status !== 'assigned' && head.status !== 'pending')
      throw new HubError('CONFLICT', `ticket is ${head.status}; cannot accept`);
    const h = await moveTo(ctx, head, 'active');
    return { status: h.status };
  });
}

/**
 * Idempotent on clientMsgId: the same actor resending returns the original message (duplicate: true),
 * even if the ticket moved on since; the unique (ticket, clientMsgId) index backs this up in SQLite.
 */
export function reply(
  ctx: HubContext,
  actor: Actor,
  input: CommandInput<'ticket:reply'>,
): Promise<Result<CommandOutput<'ticket:reply'>>> {
  const key = `${input.ticketId}:${input.clientMsgId}`;
  return guard(ctx, () =>
    ctx.serial(async () => {
      const prior = (await ctx.store.getCommandResult(actor.id, 'ticket:reply', key)) as
        CommandOutput<'ticket:reply'> | undefined;
      if (prior) return { message: prior.message, duplicate: true };
      await reclaimIfUnclaimed(ctx, actor, input.ticketId);
      let head = await ownedHead(ctx, actor, input.ticketId);
      if (!OWNED_STATUSES.includes(head.status))
        throw new HubError('CONFLICT', `ticket is ${head.status}; it is no longer yours to answer`);
      await assertRoomForMessage(ctx, input.ticketId);
      const message = {
        id: `m_${randomUUID()}`,
        ticketId: input.ticketId,
        from: 'agent',
        at: Date.now(),
        clientMsgId: input.clientMsgId,
        ...input.body,
      } as Message;
      const res = await ctx.store.appendMessage(message);
      await ctx.store.putCommandResult(
        actor.id,
        'ticket:reply',
        key,
        { message: res.message, duplicate: false },
        Date.now(),
      );
      if (res.duplicate) return res;
      if (head.status !== 'active') head = await walkTo(ctx, head, 'active', '坐席已回复');
      await publishWebhook(ctx, head.id, 'agent.message', {
        messageId: res.message.id,
        agent: agentRef(ctx, actor.id),
        content: agentMessageContent(res.message),
      });
      ctx.emit('reply', head, res.message);
      return res;
    }),
  );
}

export function action(ctx: HubContext, actor: Actor, input: CommandInput<'ticket:action'>) {
  return idempotent(ctx, actor, 'ticket:action', `${input.ticketId}:${input.idempotencyKey}`, async () => {
    const head = await ownedHead(ctx, actor, input.ticketId);
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
    await ctx.store.insertAction(action);
    ctx.emit('action', action);
    const conflicts = await raiseConflicts(ctx, input.ticketId, action.id);
    return { action, conflicts };
  });
}

export function transfer(ctx: HubContext, actor: Actor, input: CommandInput<'ticket:transfer'>) {
  return idempotent(ctx, actor, 'ticket:transfer', `${input.ticketId}:${input.idempotencyKey}`, async () => {
    const head = await ownedHead(ctx, actor, input.ticketId);
    if (!OWNED_STATUSES.includes(head.status) || !head.assignedTo)
      throw new HubError('CONFLICT', `ticket is ${head.status}; cannot transfer`);
    if (input.toAgentId) {
      const target = ctx.users.get(input.toAgentId);
      if (!target || target.role !== 'agent') throw new HubError('NOT_FOUND', `no agent ${input.toAgentId}`);
      if (target.id === head.assignedTo)
        throw new HubError('BAD_REQUEST', 'ticket is already assigned to that agent');
    }
    const reason = input.reason || `由 ${actor.name} 转接`;
    // A reason the lead typed is their words; only the default one is a code.
    const why = input.reason ? undefined : { code: 'transferred_by' as const, by: actor.name.slice(0, 64) };
    const toAgentId = await handOff(ctx, head, head.assignedTo, reason, input.toAgentId, why);
    return { toAgentId };
  });
}

/**
 * The agent closes the ticket with its feedback. Idempotent on the outcome's own idempotencyKey,
 * whoever sends it (stored under actor '*'); the outcomes table's primary key backs this up.
 */
export function outcome(
  ctx: HubContext,
  actor: Actor,
  o: Outcome,
): Promise<Result<CommandOutput<'ticket:outcome'>>> {
  return guard(ctx, () =>
    ctx.serial(async () => {
      if (actor.role === 'agent' && o.agentId !== actor.id)
        throw new HubError('FORBIDDEN', 'outcome agentId must be your own id');
      if ((await ctx.store.getCommandResult('*', 'ticket:outcome', o.idempotencyKey)) !== undefined)
        return { duplicate: true };
      await reclaimIfUnclaimed(ctx, actor, o.ticketId);
      const head = await ownedHead(ctx, actor, o.ticketId);
      if (TERMINAL_STATUSES.includes(head.status))
        throw new HubError('CONFLICT', `ticket is already ${head.status}`);
      if (!OWNED_STATUSES.includes(head.status))
        throw new HubError('CONFLICT', `ticket is ${head.status}; it was reassigned`);
      if (!(await ctx.store.insertOutcome(o))) return { duplicate: true };
      await ctx.store.putCommandResult(
        '*',
        'ticket:outcome',
        o.idempotencyKey,
        { duplicate: false },
        Date.now(),
      );
      recordResolution(ctx, o);
      const agent = head.assignedTo!;
      if (o.resolution === 'transferred') {
        await handOff(
          ctx,
          head,
          agent,
          o.note || '坐席结单：转接',
          undefined,
          o.note ? undefined : { code: 'closed_as_transfer' },
        );
      } else if (o.resolution !== head.status) {
        await walkTo(ctx, head, o.resolution, o.note || '坐席已结单');
      }
      if (o.resolution === 'resolved' || o.resolution === 'returned_to_bot')
        await publishWebhook(ctx, o.ticketId, 'conversation.closed', closedData(o));
      if (o.resolution === 'returned_to_bot')
        await publishWebhook(ctx, o.ticketId, 'control.released', {
          reason: o.note || '坐席交还机器人',
          metadata: {
            ...(await ctx.store.integration?.getConversation(o.ticketId))?.metadata,
            agentId: agent,
            outcomeKey: o.idempotencyKey,
          },
        });
      await drainQueue(ctx);
      return { duplicate: false };
    }),
  );
}
