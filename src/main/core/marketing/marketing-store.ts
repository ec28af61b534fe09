// SQL of the marketing feature: recommendations shown / sent / converted per ticket, for the outcome
// and for attribution of conversions the hub reports later.
import type { MarketingEvent } from '../../../shared/domain';
import { migrate, type Db, type Migration } from '../db/database';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'marketing events',
    up: (db) => {
      db.exec(`
        CREATE TABLE marketing_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          ticket_id TEXT NOT NULL,
          recommendation_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('product', 'coupon')),
          source TEXT NOT NULL CHECK (source IN ('upstream_ai', 'local_rules')),
          event TEXT NOT NULL CHECK (event IN ('shown', 'sent', 'converted')),
          -- what makes a repeat distinct: the message id of a send, the order id of a conversion
          ref TEXT NOT NULL DEFAULT '',
          at INTEGER NOT NULL,
          UNIQUE (ticket_id, recommendation_id, event, ref)
        );
        CREATE INDEX marketing_events_by_ticket ON marketing_events (ticket_id, id);
      `);
    },
  },
];

export interface StoredMarketingEvent extends MarketingEvent {
  ticketId: string;
  ref?: string;
}

export class MarketingStore {
  constructor(private readonly db: Db) {
    migrate(db, 'marketing', migrations);
  }

  /** Adds an event; false when the same one (same ref) is already recorded — replays and re-shows are no-ops. */
  add(e: StoredMarketingEvent): boolean {
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO marketing_events (ticket_id, recommendation_id, kind, source, event, ref, at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(e.ticketId, e.recommendationId, e.kind, e.source, e.event, e.ref ?? '', e.at).changes > 0
    );
  }

  events(ticketId: string, limit = 500): MarketingEvent[] {
    const rows = this.db
      .prepare(
        'SELECT recommendation_id, kind, source, event, at FROM marketing_events WHERE ticket_id = ? ORDER BY id LIMIT ?',
      )
      .all(ticketId, limit) as {
      recommendation_id: string;
      kind: MarketingEvent['kind'];
      source: MarketingEvent['source'];
      event: MarketingEvent['event'];
      at: number;
    }[];
    return rows.map((r) => ({
      recommendationId: r.recommendation_id,
      kind: r.kind,
      source: r.source,
      event: r.event,
      at: r.at,
    }));
  }

  /**
   * The recommendation a conversion belongs to: the one named by the hub if we showed or sent it,
   * else the last one sent on the ticket (a conversion after a send is credited to that send).
   */
  attribution(
    ticketId: string,
    recommendationId?: string,
  ): Pick<MarketingEvent, 'recommendationId' | 'kind' | 'source'> | undefined {
    const row = (
      recommendationId
        ? this.db
            .prepare(
              `SELECT recommendation_id, kind, source FROM marketing_events WHERE ticket_id = ? AND recommendation_id = ? ORDER BY id DESC LIMIT 1`,
            )
            .get(ticketId, recommendationId)
        : this.db
            .prepare(
              `SELECT recommendation_id, kind, source FROM marketing_events WHERE ticket_id = ? AND event = 'sent' ORDER BY id DESC LIMIT 1`,
            )
            .get(ticketId)
    ) as
      | { recommendation_id: string; kind: MarketingEvent['kind']; source: MarketingEvent['source'] }
      | undefined;
    return row && { recommendationId: row.recommendation_id, kind: row.kind, source: row.source };
  }
}
