// A lead's decision on a conflict: stored once (a second decision is refused), sent to the leads and
// the ticket's current owner, and noted in the conversation so the owner sees it in context.
import { randomUUID } from 'node:crypto';
import type { Conflict, Message } from '../../shared/domain';
import type { CommandInput } from '../../shared/hub-protocol';
import { HubError, leadIds, type Actor, type HubContext } from '../context';
import { send } from '../delivery/send';
import { publishWebhook } from '../integration/outbox';
import { OWNED_STATUSES } from '../tickets/lifecycle';

const MAX_TEXT = 1000;

export async function decideConflict(
  ctx: HubContext,
  actor: Actor,
  input: CommandInput<'conflict:resolve'>,
): Promise<{ conflict: Conflict }> {
  const c = await ctx.store.getConflict(input.conflictId);
  if (!c) throw new HubError('NOT_FOUND', `no conflict ${input.conflictId}`);
  if (c.status === 'resolved')
    throw new HubError('CONFLICT', `conflict already decided by ${c.decision?.by ?? 'someone'}`);
  const decided: Conflict = {
    ...c,
    status: 'resolved',
    decision: { choice: input.choice, note: input.note, by: actor.id, at: Date.now() },
  };
  await ctx.store.updateConflict(decided);
  const head = await ctx.store.getTicketHead(c.ticketId);
  const agent = head?.assignedTo && OWNED_STATUSES.includes(head.status) ? head.assignedTo : c.agentId;
  const to = new Set(leadIds(ctx));
  if (agent) to.add(agent);
  for (const id of to) await send(ctx, id, 'conflict:decided', { conflict: decided });
  const kept = input.choice === 'a' ? c.sides[0] : input.choice === 'b' ? c.sides[1] : undefined;
  await publishWebhook(ctx, c.ticketId, 'conflict.decided', {
    conflictId: c.id,
    choice: input.choice,
    ...(kept ? { keptActionId: kept.id } : {}),
    note: input.note,
    decidedBy: actor.id,
  });
  if (head && agent && head.assignedTo === agent) {
    const chosen =
      input.choice === 'a' ? c.sides[0].summary : input.choice === 'b' ? c.sides[1].summary : '自定义处理';
    const text = `组长裁决「${c.title}」：采用 ${chosen}${input.note ? `。备注：${input.note}` : ''}`.slice(
      0,
      MAX_TEXT,
    );
    const message = {
      id: `m_${randomUUID()}`,
      ticketId: c.ticketId,
      from: 'system',
      at: Date.now(),
      kind: 'system',
      event: 'conflict_decided',
      text,
      // For a workstation in another language (renderer i18n/system-words.ts); the note is the lead's words.
      params: {
        ruleId: c.ruleId,
        choice: input.choice,
        ...(input.choice === 'custom' ? {} : { actionType: c.sides[input.choice === 'a' ? 0 : 1].type }),
        ...(input.note ? { note: input.note.slice(0, 200) } : {}),
      },
    } as Message;
    await ctx.store.appendMessage(message);
    await send(ctx, agent, 'ticket:message', { ticketId: c.ticketId, message });
  }
  return { conflict: decided };
}
