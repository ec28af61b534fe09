// A key for the simulator's integration, made directly in a hub's store (only its hash is kept there);
// the demo and the soak hand it to the simulator process in XIAOER_SIMULATOR_KEY.
import { addIntegration, addKey } from '../src/hub/integration/keys';
import { RedisHubStore } from '../src/hub/store/redis';
import { SqliteHubStore } from '../src/hub/store/sqlite';
import type { HubStore } from '../src/hub/store/types';
import { SIMULATOR_SCOPES } from '../src/simulator/index';

async function simulatorKeyIn(store: HubStore): Promise<string> {
  const db = store.integration;
  if (!db) throw new Error('this hub store has no integration tables');
  return store.atomically(async () => {
    const existing = await db.getIntegrationByName('simulator');
    if (existing && existing.revokedAt === null) return addKey(db, existing.id, SIMULATOR_SCOPES);
    const name = existing ? `simulator-${Date.now()}` : 'simulator';
    return (await addIntegration(db, name, SIMULATOR_SCOPES)).key;
  });
}

/** In a hub's SQLite file. */
export async function simulatorKeyFor(dbPath: string): Promise<string> {
  const store = new SqliteHubStore({ path: dbPath });
  try {
    return await simulatorKeyIn(store);
  } finally {
    await store.close();
  }
}

/** In the Redis a cluster of hub nodes shares (same URL and key prefix as the nodes). */
export async function simulatorKeyInRedis(url: string, prefix: string): Promise<string> {
  const store = await RedisHubStore.connect({ url, prefix, reconnect: false });
  try {
    return await simulatorKeyIn(store);
  } finally {
    await store.close();
  }
}
