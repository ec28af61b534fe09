// The workstation's ticket tables, one versioned step at a time (applied by migrate(db, 'tickets', …)).
// The step that seals existing customer PII needs the cipher, so TicketStore appends it at run time.
import type Database from 'better-sqlite3';
import type { Message } from '../../../shared/domain';
import { waitingSince } from '../../../shared/waiting';
import { prepared, type Migration } from '../db/database';

export const TICKET_TABLE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tickets, messages, sync state',
    up: (db) => {
      db.exec(`
        CREATE TABLE tickets (
          id TEXT PRIMARY KEY,
          data TEXT NOT NULL,
          status TEXT NOT NULL,
          priority INTEGER NOT NULL,
          sla_due_at INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          last_message_at INTEGER NOT NULL,
          last_preview TEXT NOT NULL DEFAULT '',
          unread INTEGER NOT NULL DEFAULT 0,
          first_response_at INTEGER,
          opened_at INTEGER,
          messages_sent INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX tickets_queue ON tickets (status, priority, sla_due_at);
        CREATE TABLE messages (
          id TEXT PRIMARY KEY,
          ticket_id TEXT NOT NULL,
          at INTEGER NOT NULL,
          data TEXT NOT NULL
        );
        CREATE INDEX messages_by_ticket ON messages (ticket_id, at);
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    name: 'client message ids, so a reply written offline and its hub echo are one message',
    up: (db) => {
      db.exec(`
        ALTER TABLE messages ADD COLUMN client_msg_id TEXT;
        CREATE UNIQUE INDEX messages_by_client_id ON messages (ticket_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
      `);
    },
  },
  {
    version: 3,
    name: 'local work: drafts, notes, tags and priority the agent keeps on this machine',
    up: (db) => {
      db.exec(`
        CREATE TABLE ticket_local (
          ticket_id TEXT PRIMARY KEY,
          draft TEXT NOT NULL DEFAULT '',
          note TEXT NOT NULL DEFAULT '',
          tags TEXT NOT NULL DEFAULT '[]',
          priority INTEGER,
          saved_at INTEGER
        );
      `);
    },
  },
];

/**
 * Since when the customer has waited for a reply, kept as a column so the queue list needs no message
 * scan; filled in for stored tickets from their history. Runs after the PII step (version 4).
 */
export const WAITING_SINCE_MIGRATION: Migration = {
  version: 5,
  name: 'waiting_since: since when the customer has waited for a human reply',
  up: (db) => {
    db.exec('ALTER TABLE tickets ADD COLUMN waiting_since INTEGER');
    const tickets = db.prepare('SELECT id, created_at AS createdAt FROM tickets').all() as {
      id: string;
      createdAt: number;
    }[];
    const update = db.prepare('UPDATE tickets SET waiting_since = ? WHERE id = ?');
    for (const t of tickets) update.run(waitingSinceFromStore(db, t.id, t.createdAt), t.id);
  },
};

/** Recomputes the column's value from the stored messages of one ticket. */
export function waitingSinceFromStore(
  db: Database.Database,
  ticketId: string,
  escalatedAt: number,
): number | null {
  const messages = prepared(
    db,
    `SELECT json_extract(data, '$.from') AS "from", at FROM messages WHERE ticket_id = ? ORDER BY at, rowid`,
  ).all(ticketId) as { from: Message['from']; at: number }[];
  return waitingSince(messages, escalatedAt);
}

/** Messages whose text holds personal data keep it sealed (crypto/message-pii.ts); existing rows are sealed here. */
export function sealedMessagesMigration(
  seal: (message: Message) => { data: string; sealed: string | null },
): Migration {
  return {
    version: 6,
    name: 'messages.sealed: personal data typed into the chat, encrypted (SM4-GCM)',
    up: (db) => {
      db.exec('ALTER TABLE messages ADD COLUMN sealed TEXT');
      const rows = db.prepare('SELECT id, data FROM messages').all() as { id: string; data: string }[];
      const update = db.prepare('UPDATE messages SET data = ?, sealed = ? WHERE id = ?');
      for (const r of rows) {
        const stored = seal(JSON.parse(r.data) as Message);
        if (stored.sealed !== null) update.run(stored.data, stored.sealed, r.id);
      }
    },
  };
}

/** The last message as kind + detail (src/shared/message-brief.ts); older rows keep their Chinese preview. */
export const LAST_BRIEF_MIGRATION: Migration = {
  version: 1,
  name: 'tickets.last_brief: the last message as kind + detail, worded by the renderer',
  up: (db) => db.exec('ALTER TABLE tickets ADD COLUMN last_brief TEXT'),
};
