// Live delivery across nodes. Every commit that appended events publishes "user seq,…" (the commit
// script does, store/redis/commit-script.ts); each node subscribes, and for a user with live sockets
// here that have not got that seq yet it reads the user's stream from the socket's last sent seq and
// emits in order. Local events are emitted directly after the commit (delivery/send.ts); a socket only
// ever receives seq = its last + 1, so the two paths never double or reorder an event. Measured choice
// over the socket.io Redis adapter: the adapter broadcasts without the per-socket resume boundary, so
// a socket still replaying could get an event twice; the stream is the replay log anyway.
import type { HubContext, LiveSink } from '../context';
import type { Keys } from '../store/redis/keys';
import type { StoredEvent } from '../store/types';
import type { RedisClient } from '../store/redis/unit';

const PAGE = 500;

export class Fanout {
  private readonly chains = new Map<string, Promise<void>>();
  private sub: RedisClient | undefined;

  constructor(
    private readonly ctx: () => HubContext,
    private readonly keys: Keys,
  ) {}

  async start(sub: RedisClient): Promise<void> {
    this.sub = sub;
    await sub.connect();
    await sub.subscribe(this.keys.fan, (msg: string) => {
      for (const pair of msg.split(',')) {
        const [userId, seq] = pair.split(' ') as [string, string];
        const p = this.ctx().presence.get(userId);
        if (!p) continue;
        for (const s of p.sinks)
          if (s.live && (s.sentSeq ?? 0) < Number(seq)) {
            this.catchUp(userId);
            break;
          }
      }
    });
  }

  /** Emits every stored event the user's live sockets here have not had yet, in order (serialised per user). */
  catchUp(userId: string): void {
    const prev = this.chains.get(userId) ?? Promise.resolve();
    const next = prev
      .then(() => this.pull(userId))
      .catch((err: unknown) => this.ctx().log.warn({ err, userId }, 'fan-out catch-up failed'));
    this.chains.set(userId, next);
    void next.finally(() => {
      if (this.chains.get(userId) === next) this.chains.delete(userId);
    });
  }

  private async pull(userId: string): Promise<void> {
    const ctx = this.ctx();
    for (;;) {
      const sinks = [...(ctx.presence.get(userId)?.sinks ?? [])].filter((s) => s.live);
      if (!sinks.length) return;
      const from = Math.min(...sinks.map((s) => s.sentSeq ?? 0));
      const page = await ctx.store.eventsAfter(userId, from, PAGE);
      for (const ev of page) for (const s of sinks) deliverInOrder(s, ev);
      if (page.length < PAGE) return;
    }
  }

  async stop(): Promise<void> {
    await this.sub?.close().catch(() => this.sub?.destroy());
  }
}

/** Emits ev if it is exactly the next seq for this socket; true if emitted. */
export function deliverInOrder(sink: LiveSink, ev: StoredEvent): boolean {
  if (ev.seq !== (sink.sentSeq ?? 0) + 1) return false;
  sink.emit(ev.name, ev.payload);
  sink.sentSeq = ev.seq;
  return true;
}
