// The per-user replay log: seq_heads holds each user's last seq, events every stored server→client
// event keyed by (user, seq), so a resume is one range scan.
import type Database from 'better-sqlite3';
import type { ServerEventName } from '../../../shared/hub-protocol';
import type { StoredEvent } from '../types';

export class SqliteReplayLog {
  private readonly st;

  constructor(private readonly db: Database.Database) {
    this.st = {
      bumpSeq: db.prepare(
        'INSERT INTO seq_heads (user_id, head) VALUES (?, 1) ON CONFLICT(user_id) DO UPDATE SET head = head + 1 RETURNING head',
      ),
      headSeq: db.prepare('SELECT head FROM seq_heads WHERE user_id = ?'),
      insertEvent: db.prepare('INSERT INTO events (user_id, seq, name, payload, at) VALUES (?, ?, ?, ?, ?)'),
      eventsAfter: db.prepare(
        'SELECT seq, name, payload, at FROM events WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
    };
  }

  async appendEvent(
    userId: string,
    name: ServerEventName,
    payload: Record<string, unknown>,
    at: number,
  ): Promise<StoredEvent> {
    const run = () => {
      const { head } = this.st.bumpSeq.get(userId) as { head: number };
      const full = { ...payload, seq: head };
      // serialised once: the same text is stored and (socket/encoded.ts) sent
      const encoded = JSON.stringify(full);
      this.st.insertEvent.run(userId, head, name, encoded, at);
      return { seq: head, name, payload: full, at, encoded };
    };
    // Inside atomically() already (the hub's normal path): no extra savepoint needed.
    return this.db.inTransaction ? run() : this.db.transaction(run)();
  }
  async eventsAfter(userId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return (
      this.st.eventsAfter.all(userId, afterSeq, limit) as {
        seq: number;
        name: string;
        payload: string;
        at: number;
      }[]
    ).map((r) => ({
      seq: r.seq,
      name: r.name as ServerEventName,
      payload: JSON.parse(r.payload) as StoredEvent['payload'],
      at: r.at,
      encoded: r.payload,
    }));
  }
  async headSeq(userId: string): Promise<number> {
    return (this.st.headSeq.get(userId) as { head: number } | undefined)?.head ?? 0;
  }
}
