// The in-memory resolution counters routing ranks by (score.ts), kept in step with stored outcomes.
import type { Outcome } from '../../shared/domain';
import type { HubContext } from '../context';

export function recordResolution(ctx: HubContext, o: Outcome): void {
  const key = `${o.agentId}:${o.intent}`;
  const s = ctx.resolution.get(key) ?? { resolved: 0, total: 0 };
  ctx.resolution.set(key, {
    resolved: s.resolved + (o.resolution === 'resolved' ? 1 : 0),
    total: s.total + 1,
  });
}
