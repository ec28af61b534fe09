// Tamper-evident audit trail of sensitive actions on this workstation (PII reveals, logins, ticket
// closes), as a hash chain in SQLite: h_i = SM3(h_{i-1} ‖ canonical(entry_i)), h_0 = 32 zero bytes.
// SM3 (GB/T 32905) comes from the same pure-JS library as SM4, since Electron's BoringSSL lacks it.
//
// Editing, deleting or reordering any entry breaks the chain and `verify()` names the first bad seq.
// Anyone who can write the file can still recompute a whole new chain, or cut entries off the end; that
// is caught only against a head (seq, hash) kept elsewhere — `verify({ checkpoint })` checks one, and
// hub-countersigned checkpoints (docs/ARCHITECTURE.md) are the intended source of them.
//
// Entries never hold customer PII: only ids, enum values and counts (a phone-shaped value is refused).
import { migrate, type Db } from '../db/database';
import { sm3Hex } from '../crypto/sm4';
import { canonicalJson } from './canonical';

export type AuditKind = 'pii.revealed' | 'session.login' | 'ticket.closed';
export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditInput {
  kind: AuditKind;
  /** Agent id or username; null when nobody is signed in. */
  actor: string | null;
  /** The ticket concerned, if any. */
  subject: string | null;
  detail: AuditDetail;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  at: number;
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditVerdict =
  { ok: true; entries: number; head: AuditHead } | { ok: false; seq: number; reason: string };

export const GENESIS_HASH = '0'.repeat(64);
/** An 11-digit mainland mobile number anywhere in a value: a caller leaking PII into the trail. */
const PHONE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
/**
 * In an identifier (the subject: a ticket id such as `cv_5f13812345678a…`, hex from the hub) a run of
 * digits between letters is part of the id, not a phone number; only a number standing alone counts.
 */
const PHONE_ALONE = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;

interface AuditRow {
  seq: number;
  at: number;
  kind: string;
  actor: string | null;
  subject: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The bytes hashed for one entry: everything but the hashes themselves, keys sorted. */
export function canonicalEntry(e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  return canonicalJson({
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    actor: e.actor,
    subject: e.subject,
    detail: e.detail,
  });
}

export function chainHash(prevHash: string, canonical: string): string {
  return sm3Hex(Buffer.concat([Buffer.from(prevHash, 'hex'), Buffer.from(canonical, 'utf8')]));
}

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    migrate(db, 'audit', [
      {
        version: 1,
        name: 'hash-chained audit log',
        up: (d) =>
          d.exec(`CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            actor TEXT,
            subject TEXT,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
          )`),
      },
    ]);
  }

  /** Appends one entry; the read of the previous hash and the insert are one transaction. */
  append(input: AuditInput): AuditEntry {
    const texts = [input.actor, ...Object.values(input.detail)];
    if (
      (input.subject !== null && PHONE_ALONE.test(input.subject)) ||
      texts.some((v) => typeof v === 'string' && PHONE_LIKE.test(v))
    )
      throw new Error(`audit entry ${input.kind} would store a phone number in clear; refused`);
    return this.db.transaction(() => {
      const head = this.head();
      const entry = { ...input, detail: { ...input.detail }, seq: head.seq + 1, at: this.now() };
      const hash = chainHash(head.hash, canonicalEntry(entry));
      this.db
        .prepare(
          `INSERT INTO audit_log (seq, at, kind, actor, subject, detail, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entry.seq,
          entry.at,
          entry.kind,
          entry.actor,
          entry.subject,
          canonicalJson(entry.detail),
          head.hash,
          hash,
        );
      return { ...entry, prevHash: head.hash, hash };
    })();
  }

  /** The last (seq, hash): what a checkpoint records and an external anchor would countersign. */
  head(): AuditHead {
    const row = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      AuditHead | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  entries(): AuditEntry[] {
    return this.rows().map(toEntry);
  }

  /**
   * Walks the whole chain. Fails on a gap or repeat in seq (deletion, reordering), a stored prev_hash
   * that is not the previous entry's hash, a stored hash that is not the hash of the entry's content,
   * or — given a checkpoint taken earlier — an entry at the checkpoint's seq with another hash or missing.
   */
  verify(options: { checkpoint?: AuditHead } = {}): AuditVerdict {
    let prev: AuditHead = { seq: 0, hash: GENESIS_HASH };
    const checkpoint = options.checkpoint;
    let checkpointSeen = !checkpoint || checkpoint.seq === 0;
    for (const row of this.rows()) {
      if (row.seq !== prev.seq + 1)
        return { ok: false, seq: row.seq, reason: `expected seq ${prev.seq + 1}, found ${row.seq}` };
      if (row.prev_hash !== prev.hash)
        return { ok: false, seq: row.seq, reason: 'prev_hash does not match the previous entry' };
      let entry: AuditEntry;
      try {
        entry = toEntry(row);
      } catch {
        return { ok: false, seq: row.seq, reason: 'detail is not valid JSON' };
      }
      // Byte-exact: an edit that only reformats the JSON is still an edit of the stored entry.
      if (canonicalJson(entry.detail) !== row.detail)
        return { ok: false, seq: row.seq, reason: 'detail is not in canonical form' };
      if (chainHash(prev.hash, canonicalEntry(entry)) !== row.hash)
        return { ok: false, seq: row.seq, reason: 'hash does not match the entry content' };
      if (checkpoint && row.seq === checkpoint.seq) {
        if (row.hash !== checkpoint.hash)
          return { ok: false, seq: row.seq, reason: 'entry differs from the checkpoint' };
        checkpointSeen = true;
      }
      prev = { seq: row.seq, hash: row.hash };
    }
    if (!checkpointSeen)
      return { ok: false, seq: checkpoint!.seq, reason: 'entries up to the checkpoint are missing' };
    return { ok: true, entries: prev.seq, head: prev };
  }

  private rows(): AuditRow[] {
    return this.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    kind: row.kind as AuditKind,
    actor: row.actor,
    subject: row.subject,
    detail: JSON.parse(row.detail) as AuditDetail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
