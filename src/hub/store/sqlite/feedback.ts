// outcomes (the agent's feedback when closing a ticket, once per idempotency key) and order
// conversions; metrics and routing's resolution stats are computed from them.
import type Database from 'better-sqlite3';
import type { Intent, Outcome } from '../../../shared/domain';
import { aggregate } from '../aggregate';
import type { Metrics, ResolutionStat } from '../types';

export class SqliteFeedback {
  private readonly st;

  constructor(private readonly db: Database.Database) {
    this.st = {
      insertOutcome: db.prepare(
        `INSERT INTO outcomes (idempotency_key, ticket_id, agent_id, intent, resolution, handle_time_ms, closed_at, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
      ),
      resolutionStats: db.prepare(
        `SELECT agent_id AS agentId, intent, SUM(resolution = 'resolved') AS resolved, COUNT(*) AS total
         FROM outcomes GROUP BY agent_id, intent`,
      ),
      insertConversion: db.prepare(
        'INSERT INTO conversions (ticket_id, order_id, recommendation_id, amount, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
    };
  }

  async insertOutcome(o: Outcome): Promise<boolean> {
    const info = this.st.insertOutcome.run(
      o.idempotencyKey,
      o.ticketId,
      o.agentId,
      o.intent,
      o.resolution,
      o.handleTimeMs,
      o.closedAt,
      JSON.stringify(o),
    );
    return info.changes === 1;
  }

  async metrics(intent?: Intent): Promise<Metrics> {
    const rows = (
      intent
        ? this.db.prepare('SELECT data FROM outcomes WHERE intent = ?').all(intent)
        : this.db.prepare('SELECT data FROM outcomes').all()
    ) as { data: string }[];
    const outcomes = rows.map((r) => JSON.parse(r.data) as Outcome);
    return aggregate(outcomes);
  }

  /** The outcome an agent recorded for a ticket (the latest, should it have been closed twice). */
  async latestOutcome(ticketId: string): Promise<Outcome | undefined> {
    const row = this.db
      .prepare('SELECT data FROM outcomes WHERE ticket_id = ? ORDER BY closed_at DESC LIMIT 1')
      .get(ticketId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Outcome) : undefined;
  }

  async resolutionStats(): Promise<ResolutionStat[]> {
    return this.st.resolutionStats.all() as ResolutionStat[];
  }

  async recordConversion(
    ticketId: string,
    orderId: string,
    recommendationId: string | null,
    amount: number,
    at: number,
  ): Promise<void> {
    this.st.insertConversion.run(ticketId, orderId, recommendationId, amount, at);
  }
}
