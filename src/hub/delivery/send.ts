// Every server→client event goes through send(): it is stored in the user's replay log first (which
// assigns its seq) and emitted to the user's live sockets only after the commit.
import type { ServerEventName } from '../../shared/hub-protocol';
import { serverEventSchemas } from '../../shared/hub-protocol';
import type { HubContext } from '../context';
import type { StoredEvent } from '../store/types';

/** Stores an event in the user's replay log (assigning its seq); it is emitted after the commit. */
export async function send<K extends ServerEventName>(
  ctx: HubContext,
  userId: string,
  name: K,
  payload: Record<string, unknown>,
): Promise<void> {
  if (ctx.opts.validateOutgoing) {
    const parsed = serverEventSchemas[name].safeParse({ ...payload, seq: 1 });
    if (!parsed.success)
      throw new Error(
        `hub produced an invalid ${name}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
      );
  }
  const ev = await ctx.store.appendEvent(userId, name, payload, Date.now());
  ctx.afterCommit(() => emitLive(ctx, userId, ev));
}

/**
 * Sockets that have not resumed yet are skipped: their replay will include this event. A socket gets
 * each seq once, in order: with several nodes an event from another node may be due first, so a gap
 * is filled from the stored log (cluster catch-up) instead of emitting out of order.
 */
function emitLive(ctx: HubContext, userId: string, ev: StoredEvent): void {
  const p = ctx.presence.get(userId);
  if (!p) return;
  for (const sink of p.sinks) {
    if (!sink.live) continue;
    const sent = sink.sentSeq ?? 0;
    if (ev.seq <= sent) continue; // already delivered (by a catch-up)
    if (ev.seq === sent + 1 || !ctx.cluster) {
      sink.emit(ev.name, ev.payload, ev.encoded);
      sink.sentSeq = ev.seq;
    } else ctx.cluster.catchUp(userId);
  }
}
