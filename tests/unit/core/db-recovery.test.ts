// A damaged workstation database once ended in a raw stack trace. Now it is detected (open +
// quick_check), moved aside with a timestamp, started afresh, its readable unsynced outbox put back,
// and the user told — for any database file opened through openDatabaseSafely.
import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XiaoerCore } from '../../../src/main/core/app-core';
import { openDatabaseSafely } from '../../../src/main/core/db/recovery';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xiaoer-dbrec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A core's database with one unsynced outbox row and a big table after it, then closed. */
async function databaseWithOutboxRow(): Promise<string> {
  const core = new XiaoerCore({ dataDir: dir, shell: 'browser', model: null });
  core.tickets.transaction(() =>
    (
      core.outbox as unknown as { deps: { outbox: { enqueue: (...a: unknown[]) => void } } }
    ).deps.outbox.enqueue('ticket:outcome', { ticketId: 't-1', outcome: 'resolved' }, 'close:t-1', 't-1'),
  );
  await core.close();
  const file = join(dir, 'xiaoer.db');
  const db = new Database(file);
  db.exec('CREATE TABLE filler (x BLOB)');
  const put = db.prepare('INSERT INTO filler VALUES (?)');
  for (let i = 0; i < 1500; i++) put.run(Buffer.alloc(1000, i % 251));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/** Overwrites `length` bytes at `at` (a fraction of the file) with garbage. */
function scribble(file: string, at: number, length: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, Math.floor(statSync(file).size * at));
  closeSync(fd);
}

describe('opening a damaged database', () => {
  it('moves a damaged xiaoer.db aside, starts afresh, puts the unsynced outbox back and says so', async () => {
    const file = await databaseWithOutboxRow();
    scribble(file, 0.7, 8192); // inside the filler table's pages, far from the outbox
    const core = new XiaoerCore({ dataDir: dir, shell: 'browser', model: null });
    try {
      const notice = await core.router.dispatch('app.databaseRecovery', {});
      expect(notice).toMatchObject({
        ok: true,
        data: {
          movedTo: expect.stringMatching(/xiaoer\.db\.corrupt-\d{4}-/),
          reason: expect.stringMatching(/quick_check|SQLITE_CORRUPT/),
          outboxRestored: 1,
        },
      });
      const movedTo = (notice as { data: { movedTo: string; id: number } }).data.movedTo;
      expect(existsSync(movedTo)).toBe(true);
      expect(core.outbox.pendingCount()).toBe(1);
      // the fresh database works and knows it must rebuild from the hub
      expect(core.tickets.lastSeq()).toBe(0);
      expect((await core.router.dispatch('tickets.list', {})).ok).toBe(true);
      const id = (notice as { data: { id: number } }).data.id;
      await core.router.dispatch('app.dismissDatabaseRecovery', { id });
      expect(await core.router.dispatch('app.databaseRecovery', {})).toEqual({ ok: true, data: null });
    } finally {
      await core.close();
    }
    // a restart with the now-healthy file is quiet
    const again = new XiaoerCore({ dataDir: dir, shell: 'browser', model: null });
    expect(await again.router.dispatch('app.databaseRecovery', {})).toEqual({ ok: true, data: null });
    expect(again.outbox.pendingCount()).toBe(1);
    await again.close();
  });

  it('says the outbox could not be read when the whole file is garbage', async () => {
    const file = await databaseWithOutboxRow();
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a));
    const core = new XiaoerCore({ dataDir: dir, shell: 'browser', model: null });
    try {
      expect(await core.router.dispatch('app.databaseRecovery', {})).toMatchObject({
        ok: true,
        data: { reason: expect.stringMatching(/SQLITE_NOTADB|not a database/), outboxRestored: null },
      });
      expect(readdirSync(dir).filter((f) => f.startsWith('xiaoer.db.corrupt-'))).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it('leaves a healthy or new file alone', () => {
    const file = join(dir, 'other.db');
    const first = openDatabaseSafely(file);
    expect(first.recovery).toBeNull();
    first.db.exec('CREATE TABLE t (x)');
    first.db.close();
    const second = openDatabaseSafely(file);
    expect(second.recovery).toBeNull();
    second.db.close();
    expect(readdirSync(dir)).not.toContainEqual(expect.stringMatching(/corrupt/));
  });
});

describe('what is not damage', () => {
  it('leaves a locked database in place and reports the error instead of moving it aside', () => {
    const file = join(dir, 'busy.db');
    const holder = new Database(file);
    holder.pragma('journal_mode = WAL');
    holder.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      // opening writes (the migrations table): it waits out busy_timeout, then SQLITE_BUSY, not "damaged"
      expect(() => openDatabaseSafely(file)).toThrow(/locked|busy/i);
      expect(readdirSync(dir)).not.toContainEqual(expect.stringMatching(/corrupt/));
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
