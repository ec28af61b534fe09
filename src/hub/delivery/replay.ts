// Resume: a socket gets seq'd events only after it resumes, so the replay and the live stream meet
// without a gap or a duplicate. A store may keep only a window of each user's log (the Redis store
// trims it); a client whose cursor is older than the window gets a `session:snapshot` of its current
// state at the log's head instead, and continues live from there.
import type { CommandOutput } from '../../shared/hub-protocol';
import type { HubContext, LiveSink } from '../context';
import type { StoredEvent } from '../store/types';
import { scheduleSnapshot } from '../team';
import { OWNED_STATUSES } from '../tickets/lifecycle';
import { snapshotTicket } from '../tickets/snapshot';

const PAGE = 500;

/** Replays the user's events after lastSeq to this sink, in order, then makes it live. */
export function resume(
  ctx: HubContext,
  userId: string,
  sink: LiveSink,
  lastSeq: number,
): Promise<CommandOutput<'session:resume'>> {
  return ctx.serial(async () => {
    // read before the log: everything up to it is committed, so a log that still reaches back to
    // lastSeq returns lastSeq + 1 first (another node appending meanwhile cannot look like a trim)
    const headBefore = await ctx.store.headSeq(userId);
    let after = lastSeq;
    let replayed = 0;
    const out: StoredEvent[] = [];
    for (;;) {
      const page = await ctx.store.eventsAfter(userId, after, PAGE);
      out.push(...page);
      replayed += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    // After the commit, in order with everything else: earlier live events skip this sink (not yet
    // live), the replay covers them, and later ones reach it live.
    const headSeq = await ctx.store.headSeq(userId);
    // events after lastSeq exist but the first kept one is not lastSeq + 1: some were trimmed
    const trimmed = headBefore > lastSeq && out[0]?.seq !== lastSeq + 1;
    if (trimmed) {
      // read after headSeq: the state includes every event up to it (later ones apply on top)
      const snapshot = await snapshotOf(ctx, userId, headSeq);
      ctx.afterCommit(() => {
        sink.emit('session:snapshot', snapshot);
        sink.sentSeq = headSeq;
        sink.live = true;
        ctx.cluster?.catchUp(userId);
      });
    } else
      ctx.afterCommit(() => {
        for (const ev of out) sink.emit(ev.name, ev.payload, ev.encoded);
        // a client that claims more than the log holds (another hub's seq) gets what comes next anyway
        sink.sentSeq = out.length ? out[out.length - 1]!.seq : Math.min(lastSeq, headSeq);
        sink.live = true;
        // several nodes: events committed elsewhere between the read and now are pulled from the log
        ctx.cluster?.catchUp(userId);
      });
    const user = ctx.users.get(userId);
    if (user && (user.role === 'lead' || user.role === 'admin')) scheduleSnapshot(ctx);
    return trimmed ? { replayed: 0, headSeq, snapshot: true } : { replayed, headSeq };
  });
}

/** What a `session:snapshot` carries: the user's tickets now and, for leads, the open conflicts. */
async function snapshotOf(ctx: HubContext, userId: string, seq: number) {
  const heads = await ctx.store.listTicketHeads({ statuses: OWNED_STATUSES, assignedTo: userId });
  const tickets = (await Promise.all(heads.map((h) => ctx.store.getTicket(h.id))))
    .filter((t) => t !== undefined)
    .map(snapshotTicket);
  const role = ctx.users.get(userId)?.role;
  const conflicts =
    role === 'lead' || role === 'admin' ? await ctx.store.listConflicts({ status: 'open' }) : [];
  return { seq, tickets, conflicts };
}
