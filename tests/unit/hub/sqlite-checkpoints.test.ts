import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteHubStore } from '../../../src/hub/store/sqlite';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-ckpt-'));
  dirs.push(dir);
  return join(dir, 'hub.db');
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** ~2 KB events in one transaction: they land in the WAL, not yet in the database file. */
async function writeEvents(store: SqliteHubStore, n: number): Promise<void> {
  await store.atomically(async () => {
    for (let i = 0; i < n; i++)
      await store.appendEvent('agent1', 'ticket:status', { ticketId: `t${i}`, pad: 'x'.repeat(2000) }, i);
  });
}

describe('WAL checkpoints on a worker thread (sqlite/checkpointer.ts)', () => {
  it("moves committed pages into the database file without the hub's connection checkpointing", async () => {
    const file = dbFile();
    const store = new SqliteHubStore({ path: file });
    try {
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = statSync(file).size;
      await writeEvents(store, 2000);
      // the worker's checkpoint copies ~4 MB of pages into the main file
      await until(() => statSync(file).size > before + 2_000_000);
      // and the hub keeps writing and reading meanwhile
      await writeEvents(store, 10);
      expect(await store.headSeq('agent1')).toBe(2010);
    } finally {
      await store.close();
    }
    const again = new SqliteHubStore({ path: file });
    try {
      expect((await again.eventsAfter('agent1', 2005, 10)).map((e) => e.seq)).toEqual([
        2006, 2007, 2008, 2009, 2010,
      ]);
    } finally {
      await again.close();
    }
  });

  it("'auto' keeps SQLite's own checkpoints (and an in-memory store has no WAL to checkpoint)", async () => {
    const store = new SqliteHubStore({ path: dbFile(), checkpoints: 'auto' });
    const memory = new SqliteHubStore({ path: ':memory:' });
    try {
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(memory.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await store.close();
      await memory.close();
    }
  });
});
