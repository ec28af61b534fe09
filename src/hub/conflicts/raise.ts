// Raising conflicts on a live ticket: evaluate the rules over its actions, store each new match once
// (the dedup key is rule + actions), and tell the leads and the ticket's owner.
import { randomUUID } from 'node:crypto';
import type { Conflict, Ticket } from '../../shared/domain';
import { leadIds, type HubContext } from '../context';
import { send } from '../delivery/send';
import { publishWebhook } from '../integration/outbox';
import { OWNED_STATUSES } from '../tickets/lifecycle';
import { evaluateConflicts } from './evaluate';

const CONTEXT_MESSAGES = 6;

/**
 * `involving` limits matches to ones that include that action (a new action can only add conflicts
 * that involve it); `fresh` = the ticket exactly as just stored, to skip reading it back.
 */
export async function raiseConflicts(
  ctx: HubContext,
  ticketId: string,
  involving: string | undefined,
  fresh?: Ticket,
): Promise<Conflict[]> {
  const ticket = fresh ?? (await ctx.store.getTicket(ticketId));
  if (!ticket) return [];
  const actions = fresh ? fresh.aiActions : await ctx.store.listActions(ticketId);
  if (!actions.length) return [];
  const matches = evaluateConflicts(
    ctx.rules,
    actions,
    { ticketId, intent: ticket.intent, sentiment: ticket.sentiment },
    involving ? { involving } : {},
  );
  const raised: Conflict[] = [];
  if (!matches.length) return raised;
  const lastMessages = ticket.messages.slice(-CONTEXT_MESSAGES);
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
        facts: m.facts,
        customerNickname: ticket.customer.nickname.slice(0, 64),
      },
      status: 'open',
      raisedAt: Date.now(),
      ...(ticket.assignedTo && OWNED_STATUSES.includes(ticket.status) ? { agentId: ticket.assignedTo } : {}),
    };
    if (!(await ctx.store.insertConflict(conflict, `${ticketId}:${m.key}`))) continue;
    raised.push(conflict);
    const to = new Set(leadIds(ctx));
    if (conflict.agentId) to.add(conflict.agentId);
    for (const id of to) await send(ctx, id, 'conflict:raised', { conflict });
    await publishWebhook(ctx, ticketId, 'conflict.raised', {
      conflictId: conflict.id,
      ruleId: conflict.ruleId,
      title: conflict.title,
      severity: conflict.severity,
      actionIds: conflict.sides.map((s) => s.id),
    });
    ctx.emit('conflict', conflict);
  }
  return raised;
}
