// The scenario simulator as a test starts it: a client of the hub's integration API with its own key
// (one "simulator" integration per hub database, so a restarted hub on the same file continues it).
import type { RunningHub } from '../../src/hub/index';
import { addIntegration, addKey } from '../../src/hub/integration/keys';
import { SIMULATOR_SCOPES, Simulator, type SimulatorOptions } from '../../src/simulator/index';

export async function simulatorKey(hub: RunningHub): Promise<string> {
  const store = hub.store.integration!;
  return hub.core.serial(async () => {
    const existing = await store.getIntegrationByName('simulator');
    if (existing) return addKey(store, existing.id, SIMULATOR_SCOPES);
    return (await addIntegration(store, 'simulator', SIMULATOR_SCOPES)).key;
  });
}

export async function startSimulator(hub: RunningHub, options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = new Simulator({ hubUrl: hub.url, apiKey: await simulatorKey(hub) }, options);
  await sim.start();
  return sim;
}
