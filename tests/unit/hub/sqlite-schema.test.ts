import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteHubStore } from '../../../src/hub/store/sqlite';
import { SCHEMA_VERSION } from '../../../src/hub/store/sqlite/schema';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('hub schema migration 7 (replay log as a rowid table)', () => {
  it('keeps every stored event, in seq order, and (user, seq) stays unique', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-schema-'));
    dirs.push(dir);
    const file = join(dir, 'hub.db');
    // a hub.db as schema 6 left it: the replay log WITHOUT ROWID
    const first = new SqliteHubStore({ path: file });
    await first.close();
    const db = new Database(file);
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
