import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuditLog,
  GENESIS_HASH,
  type AuditInput,
  chainHash,
  canonicalEntry,
} from '../../../src/main/core/audit/audit-log';
import { canonicalJson } from '../../../src/main/core/audit/canonical';
import { openDatabase, type Db } from '../../../src/main/core/db/database';

const KINDS = ['pii.revealed', 'session.login', 'ticket.closed'] as const;
const entryArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  actor: fc.option(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { nil: null }),
  subject: fc.option(fc.stringMatching(/^t-[a-z0-9]{1,8}$/), { nil: null }),
  detail: fc.dictionary(
    fc.stringMatching(/^[a-z]{1,6}$/),
    fc.oneof(fc.boolean(), fc.integer(), fc.constantFrom('phone', 'all')),
  ),
});

function logWith(n: number, entries: AuditInput[] = []): { db: Db; log: AuditLog } {
  const db = openDatabase(':memory:');
  let t = 1_700_000_000_000;
  const log = new AuditLog(db, () => ++t);
  for (let i = 0; i < n; i++)
    log.append(
      entries[i] ?? {
        kind: 'ticket.closed',
        actor: 'a1',
        subject: `t-${i}`,
        detail: { resolution: 'solved' },
      },
    );
  return { db, log };
}

type Tamper =
  | { op: 'edit'; at: number; column: 'at' | 'kind' | 'actor' | 'subject' | 'detail' | 'prev_hash' | 'hash' }
  | { op: 'delete'; at: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'renumber'; at: number };

function apply(db: Db, n: number, t: Tamper): void {
  const seq = (i: number) => (i % n) + 1;
  switch (t.op) {
    case 'edit': {
      const set = {
        at: 'at = at + 1',
        kind: "kind = kind || 'x'",
        actor: "actor = COALESCE(actor, '') || 'x'",
        subject: "subject = COALESCE(subject, '') || 'x'",
        detail: `detail = json_set(detail, '$.z', 1)`,
        prev_hash: "prev_hash = substr('ffff' || prev_hash, 1, 64)",
        hash: "hash = substr('ffff' || hash, 1, 64)",
      }[t.column];
      db.prepare(`UPDATE audit_log SET ${set} WHERE seq = ?`).run(seq(t.at));
      return;
    }
    case 'delete':
      db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq(t.at));
      return;
    case 'swap': {
      // Reorder: two entries exchange places (contents move, seq numbers stay).
      const [a, b] = [seq(t.a), seq(t.b)];
      db.exec(`UPDATE audit_log SET seq = -1 WHERE seq = ${a}; UPDATE audit_log SET seq = ${a} WHERE seq = ${b};
               UPDATE audit_log SET seq = ${b} WHERE seq = -1;`);
      return;
    }
    case 'renumber':
      // Reorder by relabelling: the row keeps its content but its seq moves past the others.
      db.prepare('UPDATE audit_log SET seq = seq + 1000 WHERE seq = ?').run(seq(t.at));
      return;
  }
}

const tamperArb: fc.Arbitrary<Tamper> = fc.oneof(
  fc.record({
    op: fc.constant('edit' as const),
    at: fc.nat(),
    column: fc.constantFrom('at', 'kind', 'actor', 'subject', 'detail', 'prev_hash', 'hash'),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('renumber' as const), at: fc.nat() }),
);

describe('AuditLog hash chain', () => {
  it('chains h_i = SM3(h_{i-1} ‖ canonical(entry_i)) from a zero genesis', () => {
    const { log } = logWith(3);
    const entries = log.entries();
    let prev = GENESIS_HASH;
    for (const e of entries) {
      expect(e.prevHash).toBe(prev);
      expect(e.hash).toBe(chainHash(prev, canonicalEntry(e)));
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      prev = e.hash;
    }
    expect(log.verify()).toEqual({ ok: true, entries: 3, head: log.head() });
  });

  it('canonical JSON ignores key order but not values', () => {
    expect(canonicalJson({ b: 1, a: { d: null, c: 'x' } })).toBe('{"a":{"c":"x","d":null},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('verify() passes any untouched log and catches any edit, deletion or reordering', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 25 }), tamperArb, (entries, tamper) => {
        const { db, log } = logWith(entries.length, entries);
        expect(log.verify().ok).toBe(true);
        const checkpoint = log.head();
        const n = entries.length;
        if (tamper.op === 'swap' && tamper.a % n === tamper.b % n) return; // swapping with itself: no change
        apply(db, n, tamper);
        const verdict = log.verify({ checkpoint });
        expect(verdict.ok).toBe(false);
        // Only dropping the newest entry needs the checkpoint; the chain alone catches everything else.
        const dropsTail = tamper.op === 'delete' && tamper.at % n === n - 1;
        expect(log.verify().ok).toBe(dropsTail);
        db.close();
      }),
      { numRuns: 300 },
    );
  });

  it('names the first broken entry', () => {
    const { db, log } = logWith(5);
    db.prepare("UPDATE audit_log SET subject = 't-x' WHERE seq = 3").run();
    expect(log.verify()).toMatchObject({ ok: false, seq: 3, reason: expect.stringMatching(/hash/) });
  });

  it('a reformatted but equivalent detail still counts as an edit', () => {
    const { db, log } = logWith(2);
    db.prepare(`UPDATE audit_log SET detail = '{ "resolution": "solved" }' WHERE seq = 1`).run();
    expect(log.verify()).toMatchObject({ ok: false, seq: 1 });
  });

  it('refuses an entry carrying a phone number in clear', () => {
    const { log } = logWith(0);
    expect(() =>
      log.append({ kind: 'pii.revealed', actor: 'a1', subject: 't-1', detail: { note: '电话13812345678' } }),
    ).toThrow(/phone number/);
    expect(log.entries()).toHaveLength(0);
  });

  it('takes a ticket id whose hex happens to hold eleven digits, but not a phone number as the subject', () => {
    const { log } = logWith(0);
    const id = 'cv_59bc2bf13812345678a1083177ca1';
    log.append({ kind: 'ticket.closed', actor: 'a1', subject: id, detail: { resolution: 'resolved' } });
    expect(log.entries().map((e) => e.subject)).toEqual([id]);
    expect(() =>
      log.append({ kind: 'ticket.closed', actor: 'a1', subject: '13812345678', detail: {} }),
    ).toThrow(/phone number/);
  });
});
