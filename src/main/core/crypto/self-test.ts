// Known-answer self-test run before the core stores any customer PII: a pure-JS cipher that computes
// the wrong thing (a broken build, a bundler mangling the S-box, an incompatible library update) would
// otherwise write data nobody can read back with a correct implementation. Vectors: GB/T 32907-2016
// Appendix A example 1 and RFC 8998 Appendix A.1 (SM4-GCM); the 1,000,000-iteration example takes about
// a second in JS, so it runs in CI (tests/unit/crypto) rather than at every start.
import { gcmOpen, gcmSeal, sm3Hex, sm4EncryptBlock } from './sm4';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

const GBT_KEY = '0123456789ABCDEFFEDCBA9876543210';
const GBT_SINGLE_BLOCK = '681EDF34D206965E86B3E94F536E4246';
const RFC8998 = {
  iv: '00001234567800000000ABCD',
  aad: 'FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2',
  plaintext: ['AA', 'BB', 'CC', 'DD', 'EE', 'FF', 'EE', 'AA'].map((b) => b.repeat(8)).join(''),
  ciphertext:
    '17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735' +
    'D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D',
  tag: '83DE3541E4C2B58177E065A9BF7B62EC',
};
/** GB/T 32905-2016 Appendix A example 1: SM3("abc"). */
const SM3_ABC = '66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0';

export class CryptoSelfTestError extends Error {
  constructor(check: string, detail: string) {
    super(
      `SM4/SM3 self-test failed (${check}: ${detail}); refusing to store customer PII with a cipher ` +
        'that does not match the national-standard test vectors',
    );
    this.name = 'CryptoSelfTestError';
  }
}

function expectEqual(check: string, actual: string, expected: string): void {
  if (actual !== expected) throw new CryptoSelfTestError(check, `got ${actual}, expected ${expected}`);
}

/** Throws CryptoSelfTestError on the first vector the library gets wrong. */
export function runCryptoSelfTest(): void {
  const key = hex(GBT_KEY);
  expectEqual('GB/T 32907 single block', toHex(sm4EncryptBlock(key, hex(GBT_KEY))), GBT_SINGLE_BLOCK);

  const iv = hex(RFC8998.iv);
  const aad = hex(RFC8998.aad);
  const sealed = gcmSeal(key, iv, aad, hex(RFC8998.plaintext));
  expectEqual('RFC 8998 SM4-GCM ciphertext', toHex(sealed.ciphertext), RFC8998.ciphertext);
  expectEqual('RFC 8998 SM4-GCM tag', toHex(sealed.tag), RFC8998.tag);
  const opened = gcmOpen(key, iv, aad, hex(RFC8998.ciphertext), hex(RFC8998.tag));
  expectEqual('RFC 8998 SM4-GCM decrypt', toHex(opened), RFC8998.plaintext);

  // A library that skipped the tag check would make every ciphertext silently malleable.
  const badTag = hex(RFC8998.tag);
  badTag[0] = (badTag[0] ?? 0) ^ 1;
  let rejected = false;
  try {
    gcmOpen(key, iv, aad, hex(RFC8998.ciphertext), badTag);
  } catch {
    rejected = true;
  }
  if (!rejected) throw new CryptoSelfTestError('SM4-GCM tag check', 'a forged tag was accepted');

  expectEqual('GB/T 32905 SM3("abc")', sm3Hex(new TextEncoder().encode('abc')).toUpperCase(), SM3_ABC);
}

let passed = false;

/** Runs the self-test once per process; later calls are free. */
export function ensureCryptoSelfTest(): void {
  if (passed) return;
  runCryptoSelfTest();
  passed = true;
}
