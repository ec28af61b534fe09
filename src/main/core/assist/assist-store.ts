// All SQL of the assist feature: suggestions as they were shown (so later events find their source and
// original text), the suggestion event log (what goes into the outcome), learning counters (so ranking
// never scans the log), settings, and the read-only history query over resolved tickets.
import type { Intent, Message, SuggestionEvent, SuggestionSource } from '../../../shared/domain';
import { MessageSchema } from '../../../shared/domain';
import { migrate, prepared, withRelaxedSync, type Db, type Migration } from '../db/database';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'suggestions shown, suggestion events, learning counters, settings',
    up: (db) => {
      db.exec(`
        CREATE TABLE assist_shown (
          ticket_id TEXT NOT NULL,
          suggestion_id TEXT NOT NULL,
          source TEXT NOT NULL,
          ref_key TEXT NOT NULL,
          text TEXT NOT NULL,
          shown_at INTEGER NOT NULL,
          PRIMARY KEY (ticket_id, suggestion_id)
        );
        CREATE TABLE assist_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          ticket_id TEXT NOT NULL,
          suggestion_id TEXT NOT NULL,
          source TEXT NOT NULL,
          ref_key TEXT NOT NULL,
          event TEXT NOT NULL CHECK (event IN ('shown', 'inserted', 'edited', 'sent', 'dismissed')),
          edit_distance INTEGER,
          at INTEGER NOT NULL
        );
        CREATE INDEX assist_events_by_ticket ON assist_events (ticket_id, id);
        CREATE TABLE assist_stats (
          key TEXT PRIMARY KEY,
          shown REAL NOT NULL DEFAULT 0,
          adopt REAL NOT NULL DEFAULT 0,
          reject REAL NOT NULL DEFAULT 0
        );
        CREATE TABLE assist_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
    },
  },
];

export interface ShownSuggestion {
  ticketId: string;
  suggestionId: string;
  source: SuggestionSource;
  refKey: string;
  text: string;
  shownAt: number;
}

export interface Counters {
  shown: number;
  adopt: number;
  reject: number;
}

export interface StoredEvent extends SuggestionEvent {
  ticketId: string;
  refKey: string;
}

export interface ResolvedConversation {
  ticketId: string;
  messages: Message[];
}

export class AssistStore {
  constructor(private readonly db: Db) {
    migrate(db, 'assist', migrations);
  }

  /**
   * Suggestion bookkeeping (shown / inserted / sent marks, learning counters) commits without an
   * fsync (withRelaxedSync): a power cut costs at most its last seconds, and the outcome that carries
   * the events is written by the outbox, whose FULL commit syncs these too.
   */
  transaction<T>(fn: () => T): T {
    return withRelaxedSync(this.db, () => this.db.transaction(fn)());
  }

  /** Records that a suggestion was shown; false when this ticket already showed it (no double count). */
  markShown(s: ShownSuggestion): boolean {
    const info = prepared(
      this.db,

      `INSERT OR IGNORE INTO assist_shown (ticket_id, suggestion_id, source, ref_key, text, shown_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(s.ticketId, s.suggestionId, s.source, s.refKey, s.text, s.shownAt);
    return info.changes > 0;
  }

  shown(ticketId: string, suggestionId: string): ShownSuggestion | undefined {
    const r = prepared(this.db, 'SELECT * FROM assist_shown WHERE ticket_id = ? AND suggestion_id = ?').get(
      ticketId,
      suggestionId,
    ) as
      | {
          ticket_id: string;
          suggestion_id: string;
          source: SuggestionSource;
          ref_key: string;
          text: string;
          shown_at: number;
        }
      | undefined;
    return (
      r && {
        ticketId: r.ticket_id,
        suggestionId: r.suggestion_id,
        source: r.source,
        refKey: r.ref_key,
        text: r.text,
        shownAt: r.shown_at,
      }
    );
  }

  addEvent(e: StoredEvent): void {
    prepared(
      this.db,

      `INSERT INTO assist_events (ticket_id, suggestion_id, source, ref_key, event, edit_distance, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.ticketId, e.suggestionId, e.source, e.refKey, e.event, e.editDistance ?? null, e.at);
  }

  /** Events already recorded for one suggestion on one ticket (to credit a suggestion only once). */
  eventsOf(ticketId: string, suggestionId: string): SuggestionEvent['event'][] {
    const rows = prepared(
      this.db,
      'SELECT event FROM assist_events WHERE ticket_id = ? AND suggestion_id = ? ORDER BY id',
    ).all(ticketId, suggestionId) as { event: SuggestionEvent['event'] }[];
    return rows.map((r) => r.event);
  }

  events(ticketId: string, limit = 2000): SuggestionEvent[] {
    const rows = prepared(this.db, 'SELECT * FROM assist_events WHERE ticket_id = ? ORDER BY id LIMIT ?').all(
      ticketId,
      limit,
    ) as {
      suggestion_id: string;
      source: SuggestionSource;
      event: SuggestionEvent['event'];
      edit_distance: number | null;
      at: number;
    }[];
    return rows.map((r) => ({
      suggestionId: r.suggestion_id,
      source: r.source,
      event: r.event,
      ...(r.edit_distance != null ? { editDistance: r.edit_distance } : {}),
      at: r.at,
    }));
  }

  bump(key: string, delta: Partial<Counters>): void {
    prepared(
      this.db,

      `INSERT INTO assist_stats (key, shown, adopt, reject) VALUES (@key, @shown, @adopt, @reject)
         ON CONFLICT(key) DO UPDATE SET shown = shown + @shown, adopt = adopt + @adopt, reject = reject + @reject`,
    ).run({ key, shown: delta.shown ?? 0, adopt: delta.adopt ?? 0, reject: delta.reject ?? 0 });
  }

  /** Counters for many keys in one query; keys never seen are absent. */
  counters(keys: readonly string[]): Map<string, Counters> {
    const out = new Map<string, Counters>();
    for (let i = 0; i < keys.length; i += 500) {
      const part = keys.slice(i, i + 500);
      // A statement per list length: built each time, not cached (see prepared).
      const rows = this.db
        .prepare(
          `SELECT key, shown, adopt, reject FROM assist_stats WHERE key IN (${part.map(() => '?').join(',')})`,
        )
        .all(...part) as ({ key: string } & Counters)[];
      for (const r of rows) out.set(r.key, { shown: r.shown, adopt: r.adopt, reject: r.reject });
    }
    return out;
  }

  getSetting(key: string): string | undefined {
    const r = prepared(this.db, 'SELECT value FROM assist_settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return r?.value;
  }

  setSetting(key: string, value: string | null): void {
    if (value === null) prepared(this.db, 'DELETE FROM assist_settings WHERE key = ?').run(key);
    else
      prepared(
        this.db,

        'INSERT INTO assist_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ).run(key, value);
  }

  /**
   * The most recent conversations closed as resolved with this intent (read-only over the ticket
   * store's tables). Bounded so the history source stays within the suggestion latency budget.
   */
  resolvedConversations(intent: Intent, excludeTicketId: string, limit = 120): ResolvedConversation[] {
    const tickets = prepared(
      this.db,

      `SELECT id FROM tickets WHERE status = 'resolved' AND id != ? AND json_extract(data, '$.intent') = ?
         ORDER BY last_message_at DESC LIMIT ?`,
    ).all(excludeTicketId, intent, limit) as { id: string }[];
    if (!tickets.length) return [];
    const ids = tickets.map((t) => t.id);
    const rows = this.db
      .prepare(
        `SELECT ticket_id, data FROM messages WHERE ticket_id IN (${ids.map(() => '?').join(',')}) ORDER BY at, rowid`,
      )
      .all(...ids) as { ticket_id: string; data: string }[];
    const byTicket = new Map<string, Message[]>(ids.map((id) => [id, []]));
    for (const r of rows) {
      const parsed = MessageSchema.safeParse(JSON.parse(r.data));
      if (parsed.success) byTicket.get(r.ticket_id)?.push(parsed.data);
    }
    return ids.map((id) => ({ ticketId: id, messages: byTicket.get(id) ?? [] }));
  }

  /** Identity facts of a stored ticket (names, order and tracking numbers) so history can be de-personalised. */
  ticketHeaderJson(ticketId: string): string | undefined {
    const r = prepared(this.db, 'SELECT data FROM tickets WHERE id = ?').get(ticketId) as
      { data: string } | undefined;
    return r?.data;
  }
}
