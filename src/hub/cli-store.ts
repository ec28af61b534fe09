// The store an administration CLI (`users`, `integrations`) works on: a hub's SQLite file (--db) or
// the Redis a cluster keeps its state in (--redis URL [--redis-prefix P], the same flags the hub
// takes). Running hubs notice the change themselves (access sync; keys checked on every request).
import { RedisHubStore } from './store/redis';
import { SqliteHubStore } from './store/sqlite';
import type { HubStore } from './store/types';

export const STORE_CLI_OPTIONS = {
  db: { type: 'string' },
  redis: { type: 'string' },
  'redis-prefix': { type: 'string' },
} as const;

export const STORE_CLI_HELP = `Where: --db PATH (the hub's SQLite file; an in-memory hub has none to edit) or
--redis URL [--redis-prefix P] (the hub cluster's Redis and key prefix, default xd).`;

export interface StoreCliValues {
  db?: string | undefined;
  redis?: string | undefined;
  'redis-prefix'?: string | undefined;
}

/** The chosen store, or a message saying what is missing / contradictory. */
export async function openCliStore(v: StoreCliValues): Promise<HubStore | string> {
  if (v.db && v.redis) return 'give either --db PATH or --redis URL, not both';
  if (v.redis) {
    if (!/^rediss?:\/\//.test(v.redis)) return `--redis must be a redis:// URL, got "${v.redis}"`;
    // the hub's store keeps reconnecting while Redis is away; a CLI tells the operator at once
    return RedisHubStore.connect({
      url: v.redis,
      reconnect: false,
      ...(v['redis-prefix'] ? { prefix: v['redis-prefix'] } : {}),
    }).catch((err: unknown) => `cannot reach Redis at ${v.redis}: ${(err as Error).message || String(err)}`);
  }
  // a short-lived admin command: SQLite's own checkpoints, no worker thread
  if (v.db) return new SqliteHubStore({ path: v.db, synchronous: 'FULL', checkpoints: 'auto' });
  return '--db PATH or --redis URL is required';
}
