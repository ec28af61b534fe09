// conflicts between actions on a ticket; the unique dedup key (ticket + rule + actions) makes raising
// the same conflict twice a no-op.
import type Database from 'better-sqlite3';
import type { Conflict } from '../../../shared/domain';
import type { StatementCache } from './statement-cache';

export class SqliteConflicts {
  private readonly st;

  constructor(
    db: Database.Database,
    private readonly cache: StatementCache,
  ) {
    this.st = {
      insert: db.prepare(
        'INSERT INTO conflicts (id, dedup_key, ticket_id, status, raised_at, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      get: db.prepare('SELECT data FROM conflicts WHERE id = ?'),
      update: db.prepare('UPDATE conflicts SET status = ?, data = ? WHERE id = ?'),
    };
  }

  async insertConflict(c: Conflict, dedupKey: string): Promise<boolean> {
    return (
      this.st.insert.run(c.id, dedupKey, c.ticketId, c.status, c.raisedAt, JSON.stringify(c)).changes === 1
    );
  }
  async getConflict(id: string): Promise<Conflict | undefined> {
    const row = this.st.get.get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Conflict) : undefined;
  }
  async updateConflict(c: Conflict): Promise<void> {
    this.st.update.run(c.status, JSON.stringify(c), c.id);
  }
  async listConflicts(filter: { status?: 'open' | 'resolved'; ticketId?: string }): Promise<Conflict[]> {
    const where: string[] = [];
    const vals: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      vals.push(filter.status);
    }
    if (filter.ticketId) {
      where.push('ticket_id = ?');
      vals.push(filter.ticketId);
    }
    // one ticket's conflicts through conflicts_ticket: left to itself the planner prefers
    // conflicts_status for the ORDER BY and scans every open conflict of every ticket
    const index = filter.ticketId ? ' INDEXED BY conflicts_ticket' : '';
    const sql = `SELECT data FROM conflicts${index} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY raised_at, id`;
    return (this.cache.sql(sql).all(...vals) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as Conflict,
    );
  }
}
