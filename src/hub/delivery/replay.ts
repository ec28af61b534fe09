// Resume: a socket gets seq'd events only after it resumes, so the replay and the live stream meet
// without a gap or a duplicate.
import type { CommandOutput } from '../../shared/hub-protocol';
import type { HubContext, LiveSink } from '../context';
import type { StoredEvent } from '../store/types';
import { scheduleSnapshot } from '../team';

const PAGE = 500;

/** Replays the user's events after lastSeq to this sink, in order, then makes it live. */
export function resume(
  ctx: HubContext,
  userId: string,
  sink: LiveSink,
  lastSeq: number,
): Promise<CommandOutput<'session:resume'>> {
  return ctx.serial(async () => {
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
    return { replayed, headSeq };
  });
}
