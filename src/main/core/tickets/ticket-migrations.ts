// The workstation's ticket tables, one versioned step at a time (applied by migrate(db, 'tickets', …)).
// The step that seals existing customer PII needs the cipher, so TicketStore appends it at run time.
import type { Migration } from '../db/database';

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
