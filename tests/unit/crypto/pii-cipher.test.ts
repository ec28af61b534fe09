import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeyProvider, KEY_FILE_NAME, createSecretFile } from '../../../src/main/core/crypto/key-provider';
import { PiiCipher, PiiDecryptError } from '../../../src/main/core/crypto/pii-cipher';

const place = { field: 'customer.phone', recordId: 't-1' };

describe('PiiCipher', () => {
  it('round-trips text, including empty and non-ASCII values', () => {
    const c = PiiCipher.ephemeral();
    for (const v of ['13812345678', '', '浙江省杭州市西湖区文三路 100 号', '王小丽'])
      expect(c.decrypt(c.encrypt(v, place), place)).toBe(v);
  });

  it('uses a fresh nonce: the same value encrypts differently each time', () => {
    const c = PiiCipher.ephemeral();
    const a = c.encrypt('13812345678', place);
    const b = c.encrypt('13812345678', place);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pii1\.1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('13812345678');
  });

  it('refuses a value moved to another field or another ticket', () => {
    const c = PiiCipher.ephemeral();
    const token = c.encrypt('13812345678', place);
    expect(() => c.decrypt(token, { field: 'customer.address', recordId: 't-1' })).toThrow(PiiDecryptError);
    expect(() => c.decrypt(token, { field: 'customer.phone', recordId: 't-2' })).toThrow(PiiDecryptError);
  });

  it('throws on any changed character of the stored value', () => {
    const c = PiiCipher.ephemeral();
    const token = c.encrypt('13812345678', place);
    const body = token.split('.')[2]!;
    for (let i = 0; i < body.length; i += 3) {
      const swapped = body[i] === 'A' ? 'B' : 'A';
      const tampered = `pii1.1.${body.slice(0, i)}${swapped}${body.slice(i + 1)}`;
      // A changed last base64 char may only touch padding bits; those decode to the same bytes.
      if (Buffer.from(tampered.split('.')[2]!, 'base64url').equals(Buffer.from(body, 'base64url'))) continue;
      expect(() => c.decrypt(tampered, place)).toThrow(PiiDecryptError);
    }
  });

  it('refuses another key, a relabelled key version and clear text', () => {
    const c = PiiCipher.ephemeral();
    const token = c.encrypt('13812345678', place);
    expect(() => PiiCipher.ephemeral().decrypt(token, place)).toThrow(/authentication failed/);
    expect(() => c.decrypt(token.replace('pii1.1.', 'pii1.2.'), place)).toThrow(/not available/);
    expect(() => c.decrypt('13812345678', place)).toThrow(/not an encrypted value/);
  });

  it('encrypts with the newest key and still reads values under older ones', () => {
    const k1 = { version: 1, key: new Uint8Array(16).fill(1) };
    const k2 = { version: 2, key: new Uint8Array(16).fill(2) };
    const old = new PiiCipher([k1]).encrypt('old', place);
    const both = new PiiCipher([k1, k2]);
    expect(both.encrypt('new', place).startsWith('pii1.2.')).toBe(true);
    expect(both.decrypt(old, place)).toBe('old');
  });

  it('rejects keys that are not 128 bits', () => {
    expect(() => new PiiCipher([{ version: 1, key: new Uint8Array(32) }])).toThrow(/128 bits/);
  });
});

describe('FileKeyProvider', () => {
  it('creates a 0600 key file once and returns the same key afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xe-key-'));
    const first = new FileKeyProvider(dir).loadKeysSync();
    const again = new FileKeyProvider(dir).loadKeysSync();
    expect(again).toEqual(first);
    expect(first[0]!.key).toHaveLength(16);
    if (process.platform !== 'win32') expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('refuses a corrupt key file rather than silently making a new key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xe-key-'));
    writeFileSync(
      join(dir, KEY_FILE_NAME),
      '{"format":"xiaoer-data-key/1","keys":[{"version":1,"key":"zz"}]}',
    );
    expect(() => new FileKeyProvider(dir).loadKeysSync()).toThrow(/malformed/);
  });

  it('never overwrites an existing secret file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xe-key-'));
    const file = join(dir, 'secret');
    expect(createSecretFile(file, 'one')).toBe(true);
    expect(createSecretFile(file, 'two')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('one');
  });
});
