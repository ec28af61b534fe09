// The only module that touches sm-crypto-v2: Electron's BoringSSL has no SM4 or SM3 (see
// docs/ARCHITECTURE.md, "PII at rest"), so both come from pure JS. The wrapper pins the choices the
// library leaves open: the library defaults to ECB with PKCS#7 and only checks a GCM tag when one is
// passed in, so every call here states its mode and `gcmOpen` always requires a 16-byte tag.
import { sm3, sm4 } from 'sm-crypto-v2';

export const SM4_KEY_BYTES = 16;
export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;

function requireLength(what: string, bytes: Uint8Array, length: number): void {
  if (bytes.length !== length) throw new Error(`${what} must be ${length} bytes, got ${bytes.length}`);
}

/** One raw SM4 block (no mode, no padding): only for the known-answer tests. */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  requireLength('SM4 key', key, SM4_KEY_BYTES);
  requireLength('SM4 block', block, 16);
  return sm4.encrypt(block, key, { padding: 'none', output: 'array' });
}

export function gcmSeal(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
): { ciphertext: Uint8Array; tag: Uint8Array } {
  requireLength('SM4 key', key, SM4_KEY_BYTES);
  requireLength('GCM nonce', nonce, GCM_NONCE_BYTES);
  const sealed = sm4.encrypt(plaintext, key, {
    mode: 'gcm',
    iv: nonce,
    associatedData: aad,
    output: 'array',
    outputTag: true,
  });
  if (!sealed.tag || sealed.tag.length !== GCM_TAG_BYTES) throw new Error('SM4-GCM produced no tag');
  return { ciphertext: sealed.output, tag: sealed.tag };
}

/** Throws when the tag does not match (wrong key, nonce, AAD, or any changed byte). */
export function gcmOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
): Uint8Array {
  requireLength('SM4 key', key, SM4_KEY_BYTES);
  requireLength('GCM nonce', nonce, GCM_NONCE_BYTES);
  requireLength('GCM tag', tag, GCM_TAG_BYTES);
  return sm4.decrypt(ciphertext, key, {
    mode: 'gcm',
    iv: nonce,
    associatedData: aad,
    tag,
    output: 'array',
  });
}

/** SM3 digest (GB/T 32905) as lowercase hex. */
export function sm3Hex(input: Uint8Array): string {
  return sm3(input);
}
