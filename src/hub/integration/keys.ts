// Integration credentials: a key is `xk_<id>_<secret>` (32 random bytes of secret). Only its sha256 is
// stored — the secret is random and long, so a slow password hash would add nothing but latency on every
// call — and it is compared in constant time. The key is shown once, when it is made.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { INTEGRATION_SCOPES, type IntegrationScope } from '../../shared/integration-api';
import type { ApiKeyRecord, IntegrationRecord, IntegrationStore } from '../store/integration-types';

const KEY_RE = /^xk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newKey(): { id: string; key: string } {
  const id = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  return { id, key: `xk_${id}_${randomBytes(32).toString('base64url')}` };
}

export type KeyCheck =
  { ok: true; key: ApiKeyRecord; integration: IntegrationRecord } | { ok: false; reason: string };

/** Looks the key up on every call (so a revocation from the CLI, in another process, applies at once). */
export async function checkKey(store: IntegrationStore, presented: string): Promise<KeyCheck> {
  const m = KEY_RE.exec(presented);
  if (!m) return { ok: false, reason: 'malformed API key' };
  const rec = await store.getApiKey(m[1]!);
  const want = rec ? Buffer.from(rec.hash, 'hex') : Buffer.alloc(32);
  const got = Buffer.from(hashKey(presented), 'hex');
  if (!rec || !timingSafeEqual(want, got)) return { ok: false, reason: 'unknown API key' };
  if (rec.revokedAt !== null) return { ok: false, reason: 'API key revoked' };
  const integration = await store.getIntegration(rec.integrationId);
  if (!integration || integration.revokedAt !== null) return { ok: false, reason: 'integration revoked' };
  return { ok: true, key: rec, integration };
}

export function parseScopes(list: string): IntegrationScope[] {
  const scopes = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = scopes.filter((s) => !(INTEGRATION_SCOPES as readonly string[]).includes(s));
  if (bad.length)
    throw new Error(`unknown scope(s) ${bad.join(', ')}; choose from ${INTEGRATION_SCOPES.join(', ')}`);
  if (!scopes.length) throw new Error(`give at least one scope: ${INTEGRATION_SCOPES.join(', ')}`);
  return [...new Set(scopes)] as IntegrationScope[];
}

/** A new named integration with its first key. The key is in the answer only. */
export async function addIntegration(
  store: IntegrationStore,
  name: string,
  scopes: readonly IntegrationScope[],
  now = Date.now(),
): Promise<{ integration: IntegrationRecord; key: string; keyId: string }> {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/.test(name))
    throw new Error('integration names are 1–64 letters, digits, "_", "." or "-"');
  if (await store.getIntegrationByName(name)) throw new Error(`integration "${name}" already exists`);
  const integration: IntegrationRecord = {
    id: `int_${randomBytes(8).toString('hex')}`,
    name,
    createdAt: now,
    revokedAt: null,
  };
  await store.insertIntegration(integration);
  const { id, key } = newKey();
  await store.insertApiKey({
    id,
    integrationId: integration.id,
    hash: hashKey(key),
    scopes: [...scopes],
    createdAt: now,
    revokedAt: null,
  });
  return { integration, key, keyId: id };
}

/** Another key for an existing integration (e.g. a second client of the same platform). */
export async function addKey(
  store: IntegrationStore,
  integrationId: string,
  scopes: readonly IntegrationScope[],
  now = Date.now(),
): Promise<string> {
  const { id, key } = newKey();
  await store.insertApiKey({
    id,
    integrationId,
    hash: hashKey(key),
    scopes: [...scopes],
    createdAt: now,
    revokedAt: null,
  });
  return key;
}

export async function revokeIntegration(store: IntegrationStore, name: string, now = Date.now()) {
  const rec = await store.getIntegrationByName(name);
  if (!rec) throw new Error(`no integration "${name}"`);
  await store.revokeIntegration(rec.id, now);
  return rec;
}

export async function listIntegrations(store: IntegrationStore) {
  const out = [];
  for (const i of await store.listIntegrations()) {
    const keys = await store.listApiKeys(i.id);
    const endpoints = await store.listEndpoints(i.id);
    out.push({ ...i, keys, endpoints });
  }
  return out;
}
