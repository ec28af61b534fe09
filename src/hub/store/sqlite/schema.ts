// The hub database schema as numbered migrations (PRAGMA user_version). Never edit a shipped migration:
// add the next one, so an existing hub.db upgrades in place.
import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 10;

const MIGRATION_1 = `
CREATE TABLE users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
  skills TEXT NOT NULL, capacity INTEGER NOT NULL, password_hash TEXT, created_at INTEGER NOT NULL
);
CREATE TABLE tickets (
  id TEXT PRIMARY KEY, status TEXT NOT NULL, intent TEXT NOT NULL, priority INTEGER NOT NULL,
  assigned_to TEXT, assigned_at INTEGER, created_at INTEGER NOT NULL, sla_due_at INTEGER NOT NULL,
  sla_breached INTEGER NOT NULL DEFAULT 0, tags TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX tickets_status ON tickets(status, priority, sla_due_at, created_at);
CREATE INDEX tickets_assignee ON tickets(assigned_to, status);
CREATE TABLE messages (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, client_msg_id TEXT,
  data TEXT NOT NULL
);
CREATE UNIQUE INDEX messages_client_id ON messages(ticket_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
CREATE INDEX messages_ticket ON messages(ticket_id, rowid);
CREATE TABLE actions (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX actions_ticket ON actions(ticket_id, rowid);
CREATE TABLE assignments (rowid INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX assignments_ticket ON assignments(ticket_id, rowid);
CREATE TABLE seq_heads (user_id TEXT PRIMARY KEY, head INTEGER NOT NULL);
CREATE TABLE events (
  user_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, payload TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (user_id, seq)
) WITHOUT ROWID;
CREATE TABLE commands (
  actor_id TEXT NOT NULL, command TEXT NOT NULL, key TEXT NOT NULL, result TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (actor_id, command, key)
) WITHOUT ROWID;
CREATE TABLE outcomes (
  idempotency_key TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, agent_id TEXT NOT NULL, intent TEXT NOT NULL,
  resolution TEXT NOT NULL, handle_time_ms INTEGER NOT NULL, closed_at INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE INDEX outcomes_agent_intent ON outcomes(agent_id, intent);
CREATE TABLE conversions (
  ticket_id TEXT NOT NULL, order_id TEXT NOT NULL, recommendation_id TEXT, amount REAL NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, order_id)
);
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY, dedup_key TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, status TEXT NOT NULL,
  raised_at INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE INDEX conflicts_status ON conflicts(status, raised_at);
CREATE TABLE kb_docs (
  id TEXT PRIMARY KEY, tier TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL,
  version INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX kb_docs_version ON kb_docs(version);
CREATE TABLE kb_meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
INSERT INTO kb_meta (k, v) VALUES ('version', 0);
`;

const MIGRATION_2 = `CREATE INDEX conflicts_ticket ON conflicts(ticket_id, status);`;
const MIGRATION_3 = `CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);`;
/** A customer's earlier tickets and their outcomes, found without a scan. */
const MIGRATION_4 = `
CREATE INDEX tickets_customer ON tickets(json_extract(data, '$.customer.id'), created_at);
CREATE INDEX outcomes_ticket ON outcomes(ticket_id, closed_at);`;
/** An account can be disabled without deleting its history (hub CLI `users disable`). */
const MIGRATION_5 = `ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;`;

/** The integration API: keys (hashed), webhook endpoints, conversations, inbound dedup, outbox. */
const MIGRATION_6 = `
CREATE TABLE integrations (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE TABLE integration_keys (
  id TEXT PRIMARY KEY, integration_id TEXT NOT NULL REFERENCES integrations(id), hash TEXT NOT NULL,
  scopes TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER
);
CREATE INDEX integration_keys_owner ON integration_keys(integration_id);
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY, integration_id TEXT NOT NULL REFERENCES integrations(id), url TEXT NOT NULL,
  secrets TEXT NOT NULL, created_at INTEGER NOT NULL, disabled_at INTEGER, disabled_reason TEXT
);
CREATE INDEX webhook_endpoints_owner ON webhook_endpoints(integration_id);
CREATE TABLE integration_conversations (
  id TEXT PRIMARY KEY, integration_id TEXT NOT NULL, external_id TEXT NOT NULL, created_at INTEGER NOT NULL,
  acked_seq INTEGER NOT NULL DEFAULT 0, out_seq INTEGER NOT NULL DEFAULT 0, metadata TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX integration_conversations_external ON integration_conversations(integration_id, external_id);
CREATE TABLE inbound_events (
  conversation_id TEXT NOT NULL, event_id TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL,
  payload TEXT NOT NULL, result TEXT, PRIMARY KEY (conversation_id, event_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX inbound_events_seq ON inbound_events(conversation_id, seq);
CREATE TABLE webhook_outbox (
  conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
  payload TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;
CREATE TABLE webhook_deliveries (
  endpoint_id TEXT NOT NULL, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL, last_error TEXT, PRIMARY KEY (endpoint_id, conversation_id, seq)
) WITHOUT ROWID;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_at);
CREATE TABLE message_deliveries (
  message_id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, at INTEGER NOT NULL
);`;

/**
 * The replay log as an ordinary rowid table with a unique (user, seq) index. As WITHOUT ROWID its
 * 2 KB rows (a ticket:assigned carries the ticket) lived in the primary-key b-tree itself, which SQLite
 * advises against for rows past ~1/20 of a page: each append cost about twice as much.
 */
const MIGRATION_7 = `
CREATE TABLE events_v7 (
  rowid INTEGER PRIMARY KEY, user_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL,
  payload TEXT NOT NULL, at INTEGER NOT NULL
);
INSERT INTO events_v7 (user_id, seq, name, payload, at) SELECT user_id, seq, name, payload, at FROM events ORDER BY user_id, seq;
DROP TABLE events;
ALTER TABLE events_v7 RENAME TO events;
CREATE UNIQUE INDEX events_user_seq ON events(user_id, seq);`;

/**
 * The customer of a ticket as a real column. The expression index of migration 4 parsed the ticket's
 * ~2 KB JSON document (json_extract) on every insert of a ticket; the column is written by insertTicket.
 * (Reading a user's head seq from events_user_seq instead of upserting seq_heads was measured and
 * dropped: SQLite re-prepares that MAX()/ORDER BY … LIMIT 1 statement on every step, ~5 µs each.)
 */
const MIGRATION_8 = `
ALTER TABLE tickets ADD COLUMN customer_id TEXT;
UPDATE tickets SET customer_id = json_extract(data, '$.customer.id');
DROP INDEX tickets_customer;
CREATE INDEX tickets_customer_id ON tickets(customer_id, created_at);`;

/**
 * Retention of the integration records (sqlite/integration-retention.ts), the same windows as Redis:
 * a conversation's inbound dedup records go INBOUND_RETAIN_MS after its latest inbound event
 * (last_inbound_at; NULL = it holds none), its record CONVERSATION_RETAIN_MS after its ticket closed
 * (closed_at). Existing rows have no time of their own: a conversation with dedup records counts as
 * having had an event at the upgrade (so nothing goes sooner than it would have), a closed one as
 * closed at its latest outcome, else at the upgrade.
 */
const MIGRATION_9 = `
ALTER TABLE integration_conversations ADD COLUMN last_inbound_at INTEGER;
ALTER TABLE integration_conversations ADD COLUMN closed_at INTEGER;
UPDATE integration_conversations SET last_inbound_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
  WHERE EXISTS (SELECT 1 FROM inbound_events e WHERE e.conversation_id = integration_conversations.id);
UPDATE integration_conversations SET closed_at = COALESCE(
    (SELECT MAX(o.closed_at) FROM outcomes o WHERE o.ticket_id = integration_conversations.id),
    CAST(unixepoch('subsec') * 1000 AS INTEGER))
  WHERE id IN (SELECT id FROM tickets WHERE status IN ('resolved', 'returned_to_bot'));
CREATE INDEX integration_conversations_inbound ON integration_conversations(last_inbound_at)
  WHERE last_inbound_at IS NOT NULL;
CREATE INDEX integration_conversations_closed ON integration_conversations(closed_at)
  WHERE closed_at IS NOT NULL;`;

/**
 * Retention of the webhook outbox and the message delivery reports (sqlite/integration-retention.ts):
 * whether a closed conversation still has a pending delivery is looked up by conversation (the primary
 * key of webhook_deliveries starts with the endpoint), and reports past their window are found by `at`.
 */
const MIGRATION_10 = `
CREATE INDEX webhook_deliveries_conversation ON webhook_deliveries(conversation_id);
CREATE INDEX message_deliveries_at ON message_deliveries(at);`;

/** Brings the database up to SCHEMA_VERSION, one migration per transaction; refuses a newer one. */
export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION)
    throw new Error(`hub database schema ${version} is newer than this hub (${SCHEMA_VERSION})`);
  if (version < 1) {
    db.transaction(() => {
      db.exec(MIGRATION_1);
      db.pragma('user_version = 1');
    })();
  }
  if (version < 2) {
    db.transaction(() => {
      db.exec(MIGRATION_2);
      db.pragma('user_version = 2');
    })();
  }
  if (version < 3) {
    db.transaction(() => {
      db.exec(MIGRATION_3);
      db.pragma('user_version = 3');
    })();
  }
  if (version < 4) {
    db.transaction(() => {
      db.exec(MIGRATION_4);
      db.pragma('user_version = 4');
    })();
  }
  if (version < 5) {
    db.transaction(() => {
      db.exec(MIGRATION_5);
      db.pragma('user_version = 5');
    })();
  }
  if (version < 6) {
    db.transaction(() => {
      db.exec(MIGRATION_6);
      db.pragma('user_version = 6');
    })();
  }
  if (version < 7) {
    db.transaction(() => {
      db.exec(MIGRATION_7);
      db.pragma('user_version = 7');
    })();
  }
  if (version < 8) {
    db.transaction(() => {
      db.exec(MIGRATION_8);
      db.pragma('user_version = 8');
    })();
  }
  if (version < 9) {
    db.transaction(() => {
      db.exec(MIGRATION_9);
      db.pragma('user_version = 9');
    })();
  }
  if (version < 10) {
    db.transaction(() => {
      db.exec(MIGRATION_10);
      db.pragma('user_version = 10');
    })();
  }
}
