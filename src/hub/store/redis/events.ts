// The per-user replay log in Redis: one stream per user whose entry ids are `${seq}-0`, and a hash of
// each user's head seq. The commit script assigns the seq (HINCRBY) and appends (XADD) in one step.
import type { ServerEventName } from '../../../shared/hub-protocol';
import type { StoredEvent } from '../types';
import type { RedisTx } from './unit';

export class RedisReplayLog {
  constructor(private readonly tx: RedisTx) {}

  /** Inside a unit the returned event's seq is filled in when the unit commits (before any emit). */
  appendEvent(userId: string, name: ServerEventName, payload: Record<string, unknown>, at: number) {
    if (!this.tx.inUnit) return this.tx.atomically(async () => this.tx.event(userId, name, payload, at));
    return Promise.resolve(this.tx.event(userId, name, payload, at));
  }

  async eventsAfter(userId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = (await this.tx.client.sendCommand([
      'XRANGE',
      this.tx.k.stream(userId),
      `(${afterSeq}-0`,
      '+',
      'COUNT',
      String(limit),
    ])) as Array<[string, string[]]>;
    return rows.map(([, f]) => {
      const m = new Map<string, string>();
      for (let i = 0; i < f.length; i += 2) m.set(f[i]!, f[i + 1]!);
      const payload = JSON.parse(m.get('p')!) as StoredEvent['payload'];
      return { seq: payload.seq, name: m.get('n') as ServerEventName, payload, at: Number(m.get('at')) };
    });
  }

  async headSeq(userId: string): Promise<number> {
    return Number((await this.tx.client.hGet(this.tx.k.seqHeads, userId)) ?? 0);
  }
}
