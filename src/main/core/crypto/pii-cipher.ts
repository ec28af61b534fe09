// Field-level SM4-GCM encryption for customer PII stored on the workstation.
//
// Each value gets a fresh random 96-bit nonce (GCM's safety rests on never repeating a nonce under one
// key; 2^32 values per key keeps the random-collision risk negligible, far beyond one desk's volume).
// The AAD names the value's place — format, field, record id and key version — so a ciphertext copied
// into another field or another ticket fails its tag instead of showing the wrong customer's phone.
//
// Stored form: `pii1.<keyVersion>.<base64url(nonce ‖ ciphertext ‖ tag)>`. The prefix lets a reader tell
// an encrypted value from a legacy clear one and lets a later format or key coexist with this one.
import { randomBytes } from 'node:crypto';
import { ensureCryptoSelfTest } from './self-test';
import { GCM_NONCE_BYTES, GCM_TAG_BYTES, SM4_KEY_BYTES, gcmOpen, gcmSeal } from './sm4';

export const PII_FORMAT = 'pii1';
const TOKEN = /^pii1\.([1-9][0-9]{0,8})\.([A-Za-z0-9_-]+)$/;

export interface DataKey {
  version: number;
  /** 128-bit SM4 key. */
  key: Uint8Array;
}

/** Where a value lives, bound into the AAD: e.g. { field: 'customer.phone', recordId: ticketId }. */
export interface PiiPlace {
  field: string;
  recordId: string;
}

export class PiiDecryptError extends Error {
  constructor(place: PiiPlace, reason: string) {
    super(`cannot decrypt ${place.field} of ${place.recordId}: ${reason}`);
    this.name = 'PiiDecryptError';
  }
}

export class PiiCipher {
  private readonly keys = new Map<number, Uint8Array>();
  private readonly current: DataKey;

  /** Runs the SM4 self-test first and throws CryptoSelfTestError if the library fails it. */
  constructor(keys: readonly DataKey[]) {
    ensureCryptoSelfTest();
    if (keys.length === 0) throw new Error('PiiCipher needs at least one data key');
    for (const k of keys) {
      if (!Number.isInteger(k.version) || k.version < 1) throw new Error(`bad key version ${k.version}`);
      if (k.key.length !== SM4_KEY_BYTES) throw new Error(`data key ${k.version} is not 128 bits`);
      this.keys.set(k.version, Uint8Array.from(k.key));
    }
    // New values always use the newest key; older versions stay readable until re-encrypted.
    const newest = Math.max(...this.keys.keys());
    this.current = { version: newest, key: this.keys.get(newest)! };
  }

  /** A cipher with a random key that lives only in this process (in-memory databases, tests). */
  static ephemeral(): PiiCipher {
    return new PiiCipher([{ version: 1, key: randomBytes(SM4_KEY_BYTES) }]);
  }

  get keyVersion(): number {
    return this.current.version;
  }

  static isEncrypted(value: string): boolean {
    return TOKEN.test(value);
  }

  encrypt(plaintext: string, place: PiiPlace): string {
    const nonce = randomBytes(GCM_NONCE_BYTES);
    const { ciphertext, tag } = gcmSeal(
      this.current.key,
      nonce,
      aadFor(place, this.current.version),
      new TextEncoder().encode(plaintext),
    );
    const body = Buffer.concat([nonce, ciphertext, tag]).toString('base64url');
    return `${PII_FORMAT}.${this.current.version}.${body}`;
  }

  /** Throws PiiDecryptError for a malformed value, an unknown key, or any tampering (tag mismatch). */
  decrypt(token: string, place: PiiPlace): string {
    const m = TOKEN.exec(token);
    if (!m) throw new PiiDecryptError(place, 'not an encrypted value');
    const version = Number(m[1]);
    const key = this.keys.get(version);
    if (!key) throw new PiiDecryptError(place, `data key version ${version} is not available`);
    const raw = Buffer.from(m[2]!, 'base64url');
    if (raw.length < GCM_NONCE_BYTES + GCM_TAG_BYTES) throw new PiiDecryptError(place, 'value too short');
    const nonce = raw.subarray(0, GCM_NONCE_BYTES);
    const ciphertext = raw.subarray(GCM_NONCE_BYTES, raw.length - GCM_TAG_BYTES);
    const tag = raw.subarray(raw.length - GCM_TAG_BYTES);
    let plain: Uint8Array;
    try {
      plain = gcmOpen(key, nonce, aadFor(place, version), ciphertext, tag);
    } catch {
      throw new PiiDecryptError(place, 'authentication failed (tampered, moved or wrong key)');
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  }
}

/** A JSON array, so no choice of field or id can make two different places share one AAD. */
function aadFor(place: PiiPlace, keyVersion: number): Uint8Array {
  return new TextEncoder().encode(JSON.stringify([PII_FORMAT, place.field, place.recordId, keyVersion]));
}
