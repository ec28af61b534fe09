// The in-memory resolution counters routing ranks by (score.ts), kept in step with stored outcomes.
import type { Outcome } from '../../shared/domain';
import type { HubContext } from '../context';

export function recordResolution(ctx: HubContext, o: Outcome): void {
  let byAgent = ctx.resolution.get(o.intent);
  if (!byAgent) ctx.resolution.set(o.intent, (byAgent = new Map()));
  const s = byAgent.get(o.agentId) ?? { resolved: 0, total: 0 };
  byAgent.set(o.agentId, {
    resolved: s.resolved + (o.resolution === 'resolved' ? 1 : 0),
    total: s.total + 1,
  });
}
