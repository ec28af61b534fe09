// Conflict escalations as this workstation knows them (a lead sees every one; an agent sees those on
// its tickets), and the latest team snapshot for the lead's board. SQL for both lives here.
import { ConflictSchema, type Conflict } from '../../../shared/domain';
import type { TeamSnapshot } from '../../../shared/api';
import { migrate, type Db, type Migration } from '../db/database';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'conflicts and team snapshot',
    up: (db) =>
      db.exec(`
        CREATE TABLE conflicts (
          id TEXT PRIMARY KEY,
          ticket_id TEXT NOT NULL,
          status TEXT NOT NULL,
          raised_at INTEGER NOT NULL,
          data TEXT NOT NULL
        );
        CREATE INDEX conflicts_open ON conflicts (status, raised_at);
      `),
  },
];

export class ConflictStore {
  constructor(private readonly db: Db) {
    migrate(db, 'conflicts', migrations);
  }

  upsert(conflict: Conflict): void {
    this.db
      .prepare(
        `INSERT INTO conflicts (id, ticket_id, status, raised_at, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data`,
      )
      .run(conflict.id, conflict.ticketId, conflict.status, conflict.raisedAt, JSON.stringify(conflict));
  }

  get(id: string): Conflict | undefined {
    const row = this.db.prepare('SELECT data FROM conflicts WHERE id = ?').get(id) as
      { data: string } | undefined;
    return row ? ConflictSchema.parse(JSON.parse(row.data)) : undefined;
  }

  list(status: 'open' | 'resolved' | 'all'): Conflict[] {
    const rows = (
      status === 'all'
        ? this.db.prepare('SELECT data FROM conflicts ORDER BY raised_at DESC').all()
        : this.db.prepare('SELECT data FROM conflicts WHERE status = ? ORDER BY raised_at DESC').all(status)
    ) as { data: string }[];
    return rows.map((r) => ConflictSchema.parse(JSON.parse(r.data)));
  }

  forTicket(ticketId: string): Conflict[] {
    const rows = this.db
      .prepare('SELECT data FROM conflicts WHERE ticket_id = ? ORDER BY raised_at')
      .all(ticketId) as { data: string }[];
    return rows.map((r) => ConflictSchema.parse(JSON.parse(r.data)));
  }

  saveTeam(snapshot: TeamSnapshot): void {
    this.db
      .prepare(
        `INSERT INTO sync_state (key, value) VALUES ('team', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      )
      .run(JSON.stringify(snapshot));
  }

  team(): TeamSnapshot | null {
    const row = this.db.prepare(`SELECT value FROM sync_state WHERE key = 'team'`).get() as
      { value: string } | undefined;
    return row?.value ? (JSON.parse(row.value) as TeamSnapshot) : null;
  }
}
