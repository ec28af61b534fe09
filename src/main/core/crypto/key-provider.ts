// Where the PII data key comes from. The core only sees this interface, so it stays free of Electron:
// the browser shell and plain Node use the key file below; the Electron shell wraps the same keys with
// the OS keychain via safeStorage (src/main/electron/safe-storage-keys.ts) and passes them in.
//
// Losing the key makes the stored customer PII unreadable; the tickets themselves come again from the
// hub, but drafts and the outbox live only here, so the key file must be backed up with the database.
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { DataKey } from './pii-cipher';
import { SM4_KEY_BYTES } from './sm4';

export interface KeyProvider {
  /** The data keys (newest encrypts), creating and persisting a first key on first use. */
  loadKeys(): Promise<DataKey[]>;
}

const KEY_FILE_FORMAT = 'xiaoer-data-key/1';
export const KEY_FILE_NAME = 'data-key.json';

export function newDataKey(version = 1): DataKey {
  return { version, key: randomBytes(SM4_KEY_BYTES) };
}

export function serializeKeys(keys: readonly DataKey[]): string {
  return JSON.stringify({
    format: KEY_FILE_FORMAT,
    keys: keys.map((k) => ({ version: k.version, key: Buffer.from(k.key).toString('hex') })),
  });
}

export function parseKeys(text: string, source: string): DataKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not a data key file (bad JSON)`);
  }
  const file = parsed as { format?: unknown; keys?: unknown };
  if (file.format !== KEY_FILE_FORMAT || !Array.isArray(file.keys) || file.keys.length === 0)
    throw new Error(`${source} is not a ${KEY_FILE_FORMAT} data key file`);
  return file.keys.map((k: { version?: unknown; key?: unknown }) => {
    if (typeof k.version !== 'number' || typeof k.key !== 'string' || !/^[0-9a-f]{32}$/.test(k.key))
      throw new Error(`${source} holds a malformed key entry`);
    return { version: k.version, key: Uint8Array.from(Buffer.from(k.key, 'hex')) };
  });
}

/**
 * Creates `file` with `data`, readable by this user only (0600), unless it already exists: written to
 * a temp file, synced, then hard-linked into place, so a crash never leaves a half-written key and two
 * processes racing on first start cannot overwrite each other's key. Returns false if it existed.
 */
export function createSecretFile(file: string, data: string | Uint8Array): boolean {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/** The data key in `<dataDir>/data-key.json`, mode 0600 (the browser shell and plain Node). */
export class FileKeyProvider implements KeyProvider {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, KEY_FILE_NAME);
  }

  exists(): boolean {
    return existsSync(this.file);
  }

  loadKeys(): Promise<DataKey[]> {
    return Promise.resolve(this.loadKeysSync());
  }

  /** Sync, because the core is composed synchronously at start. */
  loadKeysSync(): DataKey[] {
    if (!this.exists()) createSecretFile(this.file, serializeKeys([newDataKey()]));
    // Tighten a file copied in with looser permissions; chmod is a no-op on Windows.
    if (process.platform !== 'win32') chmodSync(this.file, 0o600);
    return parseKeys(readFileSync(this.file, 'utf8'), this.file);
  }
}
