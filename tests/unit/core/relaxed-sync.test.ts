import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, withRelaxedSync, type Db } from '../../../src/main/core/db/database';

const dirs: string[] = [];
function fileDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-relaxed-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'x.db'));
  db.exec('CREATE TABLE t (v INTEGER)');
  return db;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const level = (db: Db) => db.pragma('synchronous', { simple: true });

describe('withRelaxedSync', () => {
  it('commits with synchronous=NORMAL and restores FULL afterwards, also when fn throws', () => {
    const db = fileDb();
    expect(level(db)).toBe(2);
    const seen = withRelaxedSync(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      return level(db);
    });
    expect(seen).toBe(1);
    expect(level(db)).toBe(2);
    expect(() =>
      withRelaxedSync(db, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(level(db)).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
  });

  it('leaves an enclosing transaction to its own commit', () => {
    const db = fileDb();
    db.transaction(() => {
      const inside = withRelaxedSync(db, () => level(db));
      expect(inside).toBe(2);
    })();
    expect(level(db)).toBe(2);
    db.close();
  });

  it('keeps a connection opened with NORMAL as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xiaoer-relaxed-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'n.db'), { synchronous: 'NORMAL' });
    withRelaxedSync(db, () => undefined);
    expect(level(db)).toBe(1);
    db.close();
  });
});
