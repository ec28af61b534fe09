// The per-user replay log: events holds every stored server→client event keyed by (user, seq), so a
// resume is one range scan. A user's last seq is the last entry of that index (schema 8 dropped the
// separate seq_heads row, upserted on every append): the log is append-only, nothing deletes from it,
// so the next seq is always one past the highest stored, as before.
import type Database from 'better-sqlite3';
import type { ServerEventName } from '../../../shared/hub-protocol';
import type { StoredEvent } from '../types';

export class SqliteReplayLog {
  private readonly st;

  constructor(private readonly db: Database.Database) {
    this.st = {
      // one seek to the end of the user's range of events_user_seq (the min/max optimisation)
      headSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS head FROM events WHERE user_id = ?'),
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
      const head = (this.st.headSeq.get(userId) as { head: number }).head + 1;
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
    return (this.st.headSeq.get(userId) as { head: number }).head;
  }
}
