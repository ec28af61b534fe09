// SLA: time to first agent handling, per priority. A ticket still waiting past its deadline becomes
// one priority step more urgent with a fresh (halved) deadline, and the queue is drained again.
import type { HubContext } from './context';
import { send } from './delivery/send';
import { drainQueue } from './routing/assign';

const MAX_TAGS = 32;

export function slaFor(ctx: HubContext, priority: number): number {
  return ctx.opts.slaMs[Math.min(4, Math.max(1, priority)) as 1 | 2 | 3 | 4];
}

/** Tickets not yet handled past their SLA get one priority step more urgent and a new deadline. */
export async function sweepSla(ctx: HubContext): Promise<number> {
  if (ctx.closed) return 0;
  return ctx.serial(async () => {
    const now = Date.now();
    const waiting = await ctx.store.listTicketHeads({ statuses: ['escalated', 'assigned'] });
    let n = 0;
    for (const h of waiting) {
      if (h.slaDueAt > now) continue;
      const priority = Math.max(1, h.priority - 1);
      const slaDueAt = now + Math.round(slaFor(ctx, priority) / 2);
      const ticket = (await ctx.store.getTicket(h.id))!;
      const tags = ticket.tags.includes('sla_breached')
        ? ticket.tags
        : [...ticket.tags, 'sla_breached'].slice(0, MAX_TAGS);
      await ctx.store.updateTicket(h.id, { priority, slaDueAt, slaBreached: true, tags });
      if (h.assignedTo && h.status === 'assigned') {
        await send(ctx, h.assignedTo, 'ticket:priority', {
          ticketId: h.id,
          priority,
          slaDueAt,
          reason: `SLA 超时：优先级由 P${h.priority} 提升为 P${priority}`,
        });
      }
      n++;
    }
    if (n) {
      ctx.log.info({ breached: n }, 'SLA breaches re-prioritised');
      await drainQueue(ctx);
    }
    return n;
  });
}
