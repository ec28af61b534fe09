// A key for the simulator's integration, made directly in a hub database file (only its hash is
// kept there); the demo and the soak hand it to the simulator process in XIAOER_SIMULATOR_KEY.
import { addIntegration, addKey } from '../src/hub/integration/keys';
import { SqliteHubStore } from '../src/hub/store/sqlite';
import { SIMULATOR_SCOPES } from '../src/simulator/index';

export async function simulatorKeyFor(dbPath: string): Promise<string> {
  const store = new SqliteHubStore({ path: dbPath });
  try {
    return await store.atomically(async () => {
      const existing = await store.integration.getIntegrationByName('simulator');
      if (existing && existing.revokedAt === null)
        return addKey(store.integration, existing.id, SIMULATOR_SCOPES);
      const name = existing ? `simulator-${Date.now()}` : 'simulator';
      return (await addIntegration(store.integration, name, SIMULATOR_SCOPES)).key;
    });
  } finally {
    await store.close();
  }
}
