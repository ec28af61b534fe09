// Electron's KeyProvider: the PII data keys wrapped by the OS keychain (safeStorage: DPAPI on Windows,
// Keychain on macOS, libsecret/kwallet on Linux) in `<dataDir>/data-key.safe`, so a copied data folder
// alone does not reveal the key. Uses the async safeStorage API of Electron 45 (the sync one is
// deprecated). Not exercised in CI: there is no Electron binary there.
import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FileKeyProvider,
  createSecretFile,
  newDataKey,
  parseKeys,
  serializeKeys,
  type KeyProvider,
} from '../core/crypto/key-provider';
import type { DataKey } from '../core/crypto/pii-cipher';

export class SafeStorageKeyProvider implements KeyProvider {
  private readonly wrapped: string;
  private readonly plain: FileKeyProvider;

  constructor(
    dataDir: string,
    private readonly warn: (message: string) => void = (m) => console.warn(m),
  ) {
    this.wrapped = join(dataDir, 'data-key.safe');
    this.plain = new FileKeyProvider(dataDir);
  }

  async loadKeys(): Promise<DataKey[]> {
    if (existsSync(this.wrapped)) return this.unwrap();
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      // No keychain (e.g. a Linux session without a secret service): the 0600 key file still works.
      this.warn('safeStorage unavailable: the PII data key is kept in a 0600 file in the data folder');
      return this.plain.loadKeysSync();
    }
    // First start with safeStorage: adopt a key file left by the browser shell (its data is
    // encrypted with it), otherwise a new key; wrap it, then remove the clear copy.
    const keys = this.plain.exists() ? this.plain.loadKeysSync() : [newDataKey()];
    const blob = await safeStorage.encryptStringAsync(serializeKeys(keys));
    if (!createSecretFile(this.wrapped, blob)) return this.unwrap(); // another instance won the race
    const check = await this.unwrap();
    if (serializeKeys(check) !== serializeKeys(keys)) throw new Error('wrapped data key did not round-trip');
    if (this.plain.exists()) unlinkSync(this.plain.file);
    return keys;
  }

  private async unwrap(): Promise<DataKey[]> {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(readFileSync(this.wrapped));
    const keys = parseKeys(result, this.wrapped);
    if (shouldReEncrypt) {
      // The OS rotated its key: rewrite the wrapped file under the new one (temp + rename = atomic).
      const tmp = `${this.wrapped}.tmp`;
      writeFileSync(tmp, await safeStorage.encryptStringAsync(result), { mode: 0o600 });
      renameSync(tmp, this.wrapped);
    }
    return keys;
  }
}
