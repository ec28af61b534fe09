// Known-answer tests for the pure-JS SM4/SM3 we depend on, against the published vectors; the same
// library must also pass the start-up self-test the core runs before storing PII.
import { describe, expect, it } from 'vitest';
import { runCryptoSelfTest } from '../../../src/main/core/crypto/self-test';
import { gcmOpen, gcmSeal, sm3Hex, sm4EncryptBlock } from '../../../src/main/core/crypto/sm4';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const KEY = hex('0123456789ABCDEFFEDCBA9876543210');

describe('SM4 known answers (GB/T 32907-2016 Appendix A)', () => {
  it('example 1: one block, key = plaintext', () => {
    expect(toHex(sm4EncryptBlock(KEY, KEY))).toBe('681EDF34D206965E86B3E94F536E4246');
  });

  it('example 2: the same plaintext encrypted 1,000,000 times', () => {
    let block: Uint8Array = KEY;
    for (let i = 0; i < 1_000_000; i++) block = sm4EncryptBlock(KEY, block);
    expect(toHex(block)).toBe('595298C7C6FD271F0402F804C33D3F66');
  });
});

describe('SM4-GCM (RFC 8998 Appendix A.1)', () => {
  const iv = hex('00001234567800000000ABCD');
  const aad = hex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2');
  const plaintext = hex(['AA', 'BB', 'CC', 'DD', 'EE', 'FF', 'EE', 'AA'].map((b) => b.repeat(8)).join(''));
  const ciphertext =
    '17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735' +
    'D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D';
  const tag = '83DE3541E4C2B58177E065A9BF7B62EC';

  it('encrypts to the published ciphertext and tag', () => {
    const sealed = gcmSeal(KEY, iv, aad, plaintext);
    expect(toHex(sealed.ciphertext)).toBe(ciphertext);
    expect(toHex(sealed.tag)).toBe(tag);
  });

  it('decrypts the published ciphertext', () => {
    expect(gcmOpen(KEY, iv, aad, hex(ciphertext), hex(tag))).toEqual(plaintext);
  });

  it('throws on a flipped bit in the ciphertext, the tag or the AAD', () => {
    const badCt = hex(ciphertext);
    badCt[10]! ^= 0x01;
    expect(() => gcmOpen(KEY, iv, aad, badCt, hex(tag))).toThrow();
    const badTag = hex(tag);
    badTag[15]! ^= 0x80;
    expect(() => gcmOpen(KEY, iv, aad, hex(ciphertext), badTag)).toThrow();
    const badAad = Uint8Array.from(aad);
    badAad[0]! ^= 0x01;
    expect(() => gcmOpen(KEY, iv, badAad, hex(ciphertext), hex(tag))).toThrow();
  });

  it('refuses a missing or truncated tag instead of skipping the check', () => {
    expect(() => gcmOpen(KEY, iv, aad, hex(ciphertext), new Uint8Array(0))).toThrow(/tag/);
    expect(() => gcmOpen(KEY, iv, aad, hex(ciphertext), hex(tag).subarray(0, 12))).toThrow(/tag/);
  });
});

describe('SM3 (GB/T 32905-2016 Appendix A)', () => {
  it('hashes "abc" and the 64-byte "abcd…" example', () => {
    expect(sm3Hex(new TextEncoder().encode('abc'))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(sm3Hex(new TextEncoder().encode('abcd'.repeat(16)))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
});

describe('start-up self-test', () => {
  it('passes with the bundled library', () => {
    expect(() => runCryptoSelfTest()).not.toThrow();
  });
});
