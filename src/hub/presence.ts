// Who is connected: sockets per user, agent status, and the grace period after the last socket of an
// agent drops (a reconnect within it keeps the agent's tickets; after it they are re-routed).
import type { CommandOutput } from '../shared/hub-protocol';
import { ok, type Result } from '../shared/result';
import type { Actor, AgentStatus, HubContext, LiveSink } from './context';
import { drainQueue, rerouteAgent } from './routing/assign';
import { scheduleSnapshot } from './team';

/** `status` is what the agent's client asked for in the handshake; it applies when their first socket arrives. */
export function attach(
  ctx: HubContext,
  userId: string,
  sink: LiveSink,
  status: AgentStatus = 'online',
): void {
  let p = ctx.presence.get(userId);
  const first = !p || p.sinks.size === 0;
  if (!p) {
    p = { sinks: new Set(), status: 'online', lastAssignedAt: Date.now() };
    ctx.presence.set(userId, p);
  }
  if (p.graceTimer) {
    clearTimeout(p.graceTimer);
    delete p.graceTimer;
  }
  p.sinks.add(sink);
  if (first) {
    p.status = status;
    ctx.cluster?.presenceChanged(userId, status);
    ctx.emit('online', userId);
    if (status === 'online')
      void ctx.serial(() => drainQueue(ctx)).catch((e: unknown) => ctx.log.error({ err: e }, 'drain failed'));
    scheduleSnapshot(ctx);
  }
}

export function detach(ctx: HubContext, userId: string, sink: LiveSink): void {
  const p = ctx.presence.get(userId);
  if (!p) return;
  p.sinks.delete(sink);
  if (p.sinks.size > 0 || ctx.closed) return;
  ctx.cluster?.presenceChanged(userId, null);
  scheduleSnapshot(ctx);
  if (p.graceTimer) clearTimeout(p.graceTimer);
  p.graceTimer = setTimeout(() => {
    delete p.graceTimer;
    if (p.sinks.size === 0)
      void ctx
        .serial(() => rerouteAgent(ctx, userId, '坐席离线超过宽限期，工单已转派'))
        .catch((e: unknown) => ctx.log.error({ err: e }, 'reroute failed'));
  }, ctx.opts.graceMs);
  p.graceTimer.unref();
}

export async function setStatus(
  ctx: HubContext,
  actor: Actor,
  status: AgentStatus,
): Promise<Result<CommandOutput<'agent:status'>>> {
  const p = ctx.presence.get(actor.id);
  if (p) p.status = status;
  if (p?.sinks.size) ctx.cluster?.presenceChanged(actor.id, status);
  if (status === 'online') await ctx.serial(() => drainQueue(ctx));
  scheduleSnapshot(ctx);
  return ok({ status });
}
