import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteHubStore } from '../../../src/hub/store/sqlite';
import { CONVERSATION_RETAIN_MS, INBOUND_RETAIN_MS } from '../../../src/hub/store/integration-types';
import { SCHEMA_VERSION } from '../../../src/hub/store/sqlite/schema';

const dirs: string[] = [];

/** Takes a fresh database back to schema 9: without the retention indexes of migration 10. */
function undoMigration10(db: Database.Database): void {
  db.exec('DROP INDEX webhook_deliveries_conversation; DROP INDEX message_deliveries_at;');
}
/** Takes it back to schema 8: without the retention columns of migration 9. */
function undoMigration9(db: Database.Database): void {
  db.exec(`DROP INDEX integration_conversations_inbound; DROP INDEX integration_conversations_closed;
    ALTER TABLE integration_conversations DROP COLUMN last_inbound_at;
    ALTER TABLE integration_conversations DROP COLUMN closed_at;`);
}
/** Takes it back to schema 7: the customer found through the expression index of migration 4. */
function undoMigration8(db: Database.Database): void {
  db.exec(`DROP INDEX tickets_customer_id; ALTER TABLE tickets DROP COLUMN customer_id;
    CREATE INDEX tickets_customer ON tickets(json_extract(data, '$.customer.id'), created_at);`);
}

/** A hub.db made by the current code, opened directly, for a test to take back to an older schema. */
async function currentHubFile(): Promise<{ file: string; db: Database.Database }> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-schema-'));
  dirs.push(dir);
  const file = join(dir, 'hub.db');
  await new SqliteHubStore({ path: file }).close();
  return { file, db: new Database(file) };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What SQLite plans for `sql` (one bound parameter, 0), its steps joined: shows which index it uses. */
function queryPlan(db: Database.Database, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0) as { detail: string }[])
    .map((p) => p.detail)
    .join(' ');
}

describe('hub schema migration 7 (replay log as a rowid table)', () => {
  it('keeps every stored event, in seq order, and (user, seq) stays unique', async () => {
    // a hub.db as schema 6 left it: the replay log WITHOUT ROWID
    const { file, db } = await currentHubFile();
    undoMigration10(db);
    undoMigration9(db);
    undoMigration8(db);
    db.exec(`DROP TABLE events;
      CREATE TABLE events (user_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, payload TEXT NOT NULL,
        at INTEGER NOT NULL, PRIMARY KEY (user_id, seq)) WITHOUT ROWID;
      DELETE FROM seq_heads;`);
    const put = db.prepare('INSERT INTO events (user_id, seq, name, payload, at) VALUES (?, ?, ?, ?, ?)');
    // inserted out of order: the migration must not depend on insertion order
    for (const [user, seq] of [
      ['b', 2],
      ['a', 1],
      ['b', 1],
      ['a', 3],
      ['a', 2],
    ] as const)
      put.run(user, seq, 'ticket:status', JSON.stringify({ ticketId: `t${seq}`, seq }), seq);
    db.exec("INSERT INTO seq_heads (user_id, head) VALUES ('a', 3), ('b', 2)");
    db.pragma('user_version = 6');
    db.close();

    const store = new SqliteHubStore({ path: file });
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      // an ordinary rowid table now (a WITHOUT ROWID table has no rowid column)
      expect(store.db.prepare('SELECT rowid FROM events ORDER BY rowid').all()).toHaveLength(5);
      expect((await store.eventsAfter('a', 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect((await store.eventsAfter('a', 1, 10)).map((e) => e.payload.ticketId)).toEqual(['t2', 't3']);
      expect((await store.eventsAfter('b', 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
      // the next append continues the user's seq
      expect((await store.appendEvent('a', 'ticket:status', { ticketId: 't4' }, 4)).seq).toBe(4);
      expect(() =>
        store.db
          .prepare("INSERT INTO events (user_id, seq, name, payload, at) VALUES ('a', 4, 'x', '{}', 0)")
          .run(),
      ).toThrow(/UNIQUE/);
    } finally {
      await store.close();
    }
  });
});

describe('hub schema migration 8 (customer_id column instead of a json_extract index)', () => {
  it('backfills customer_id of the tickets a v7 database holds; customerTickets reads the column', async () => {
    // a hub.db as schema 7 left it: no customer_id column, the expression index of migration 4
    const { file, db } = await currentHubFile();
    undoMigration10(db);
    undoMigration9(db);
    undoMigration8(db);
    const put = db.prepare(
      `INSERT INTO tickets (id, status, intent, priority, created_at, sla_due_at, tags, data)
       VALUES (?, 'escalated', 'refund', 1, ?, 0, '[]', ?)`,
    );
    for (const [id, customer, at] of [
      ['t1', 'c1', 1],
      ['t2', 'c2', 2],
      ['t3', 'c1', 3],
      ['t4', 'c1', 4],
    ] as const)
      put.run(id, at, JSON.stringify({ id, customer: { id: customer, name: customer } }));
    db.pragma('user_version = 7');
    db.close();

    const store = new SqliteHubStore({ path: file });
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(store.db.prepare('SELECT id, customer_id FROM tickets ORDER BY id').all()).toEqual([
        { id: 't1', customer_id: 'c1' },
        { id: 't2', customer_id: 'c2' },
        { id: 't3', customer_id: 'c1' },
        { id: 't4', customer_id: 'c1' },
      ]);
      const indexes = store.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'")
        .all() as { name: string }[];
      expect(indexes.map((i) => i.name)).toContain('tickets_customer_id');
      expect(indexes.map((i) => i.name)).not.toContain('tickets_customer');
      // the lookup is served by the new index, not a scan of the table
      const plan = store.db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT * FROM tickets WHERE customer_id = ? AND id != ? ORDER BY created_at DESC LIMIT 5',
        )
        .all('c1', 't4') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX tickets_customer_id/);
      expect((await store.customerTickets('c1', 't4', 5)).map((r) => r.head.id)).toEqual(['t3', 't1']);
    } finally {
      await store.close();
    }
  });
});

describe('hub schema migration 9 (retention times of the integration records)', () => {
  it('backfills last_inbound_at and closed_at of a v8 database; pruning then keeps the windows', async () => {
    // a hub.db as schema 8 left it: no retention columns on integration_conversations
    const { file, db } = await currentHubFile();
    undoMigration10(db);
    undoMigration9(db);
    const ticket = db.prepare(
      `INSERT INTO tickets (id, status, intent, priority, created_at, sla_due_at, tags, data)
       VALUES (?, ?, 'refund', 1, 1, 0, '[]', '{}')`,
    );
    const conversation = db.prepare(
      `INSERT INTO integration_conversations (id, integration_id, external_id, created_at, acked_seq)
       VALUES (?, 'int1', ?, 1, ?)`,
    );
    const event = db.prepare(
      `INSERT INTO inbound_events (conversation_id, event_id, seq, state, payload) VALUES (?, ?, ?, 'applied', '{}')`,
    );
    const closedLongAgo = Date.now() - CONVERSATION_RETAIN_MS - 60_000;
    // open with dedup records; resolved with an outcome; returned to the bot (no outcome); open, no events
    for (const [id, status, acked] of [
      ['open', 'assigned', 2],
      ['resolved', 'resolved', 1],
      ['returned', 'returned_to_bot', 0],
      ['quiet', 'escalated', 0],
    ] as const) {
      ticket.run(id, status);
      conversation.run(id, `ext-${id}`, acked);
    }
    event.run('open', 'ev-1', 1);
    event.run('open', 'ev-2', 2);
    event.run('resolved', 'ev-1', 1);
    db.prepare(
      `INSERT INTO outcomes (idempotency_key, ticket_id, agent_id, intent, resolution, handle_time_ms, closed_at, data)
       VALUES ('o1', 'resolved', 'a1', 'refund', 'resolved', 1, ?, '{}')`,
    ).run(closedLongAgo);
    db.pragma('user_version = 8');
    db.close();

    const before = Date.now();
    const store = new SqliteHubStore({ path: file });
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const rows = store.db
        .prepare('SELECT id, last_inbound_at, closed_at FROM integration_conversations ORDER BY id')
        .all() as { id: string; last_inbound_at: number | null; closed_at: number | null }[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      // no time of their own: the upgrade counts as their latest event / close, the outcome's close if any
      expect(byId.get('open')!.last_inbound_at).toBeGreaterThanOrEqual(before - 1000);
      expect(byId.get('open')!.closed_at).toBeNull();
      expect(byId.get('resolved')!.closed_at).toBe(closedLongAgo);
      expect(byId.get('returned')!.closed_at).toBeGreaterThanOrEqual(before - 1000);
      expect(byId.get('returned')!.last_inbound_at).toBeNull();
      expect(byId.get('quiet')).toMatchObject({ last_inbound_at: null, closed_at: null });

      // now: only the conversation closed at its long-ago outcome is past its window (with its event)
      expect(await store.pruneIntegrationRecords(Date.now())).toEqual({
        inboundEvents: 1,
        conversations: 1,
        outbox: 0,
        messageDeliveries: 0,
        more: false,
      });
      expect(await store.integration.getConversation('resolved')).toBeUndefined();
      expect(await store.integration.getInboundEvent('open', 'ev-2')).toBeDefined();
      // a window after the upgrade the open conversation's records go; the conversation stays
      const later = await store.pruneIntegrationRecords(Date.now() + INBOUND_RETAIN_MS + 1000);
      expect(later).toEqual({
        inboundEvents: 2,
        conversations: 0,
        outbox: 0,
        messageDeliveries: 0,
        more: false,
      });
      expect((await store.integration.getConversation('open'))?.ackedSeq).toBe(2);
      expect(await store.integration.getConversation('returned')).toBeDefined();
      // the lookups are served by the new indexes, not scans of the conversations
      const plan = (sql: string) => queryPlan(store.db, sql);
      expect(plan('SELECT id FROM integration_conversations WHERE last_inbound_at <= ?')).toMatch(
        /USING (COVERING )?INDEX integration_conversations_inbound/,
      );
      expect(plan('SELECT id FROM integration_conversations WHERE closed_at <= ?')).toMatch(
        /USING (COVERING )?INDEX integration_conversations_closed/,
      );
    } finally {
      await store.close();
    }
  });
});

describe('hub schema migration 10 (retention indexes of the outbox and message deliveries)', () => {
  it('upgrades a v9 database in place; the pruning lookups use the new indexes', async () => {
    const { file, db } = await currentHubFile();
    undoMigration10(db);
    db.prepare(
      `INSERT INTO message_deliveries (message_id, conversation_id, status, at) VALUES ('m1', 'c1', 'delivered', 5)`,
    ).run();
    db.pragma('user_version = 9');
    db.close();
    const store = new SqliteHubStore({ path: file });
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(await store.integration.getMessageDelivery('m1')).toMatchObject({ at: 5 });
      const plan = (sql: string) => queryPlan(store.db, sql);
      expect(plan('SELECT 1 FROM webhook_deliveries WHERE conversation_id = ?')).toMatch(
        /USING (COVERING )?INDEX webhook_deliveries_conversation/,
      );
      expect(plan('SELECT message_id FROM message_deliveries WHERE at <= ?')).toMatch(
        /USING (COVERING )?INDEX message_deliveries_at/,
      );
      // a report past its window goes in the next pass
      expect((await store.pruneIntegrationRecords(Date.now())).messageDeliveries).toBe(1);
      expect(await store.integration.getMessageDelivery('m1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
