// A returning customer's earlier tickets for the agent now serving them: what they asked, who handled
// it, how it ended and the agent's note. Only the current ticket's holder (or a lead) may ask, and
// only by ticket, so nobody browses customers at large.
import type { CommandInput, CustomerPastTicket } from '../../shared/hub-protocol';
import { guard } from '../command-guard';
import { HubError, type Actor, type HubContext } from '../context';
import { ownedHead } from './commands';

const LIMIT = 20;

export function customerHistory(ctx: HubContext, actor: Actor, input: CommandInput<'customer:history'>) {
  return guard(ctx, async () => {
    await ownedHead(ctx, actor, input.ticketId);
    const ticket = await ctx.store.getTicket(input.ticketId);
    if (!ticket) throw new HubError('NOT_FOUND', `no ticket ${input.ticketId}`);
    const rows = await ctx.store.customerTickets(ticket.customer.id, ticket.id, LIMIT);
    const tickets: CustomerPastTicket[] = [];
    for (const { head, opener } of rows) {
      const outcome = await ctx.store.latestOutcome(head.id);
      const agentId = outcome?.agentId ?? head.assignedTo;
      tickets.push({
        id: head.id,
        intent: head.intent,
        status: head.status,
        createdAt: head.createdAt,
        opener,
        agentName: agentId ? (ctx.users.get(agentId)?.name ?? agentId) : null,
        outcome: outcome
          ? {
              resolution: outcome.resolution,
              note: outcome.note,
              closedAt: outcome.closedAt,
              csat: outcome.csat,
            }
          : null,
      });
    }
    return { tickets };
  });
}
