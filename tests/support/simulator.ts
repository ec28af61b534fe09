// The scenario simulator as a test starts it: a client of the hub's integration API with its own key
// (one "simulator" integration per hub database, so a restarted hub on the same file continues it).
import { startHub, type RunningHub, type StartHubOptions } from '../../src/hub/index';
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

export type HubWithSimulator = RunningHub & { simulator: Simulator };

/**
 * A hub and a simulator driving it through the integration API, closed together — for tests that
 * start their own hub rather than a whole stack. `simulate` and `seed` go to the simulator.
 */
export async function startHubWithSimulator(
  options: StartHubOptions & { simulate?: SimulatorOptions; seed?: number },
): Promise<HubWithSimulator> {
  const { simulate, seed, ...hubOptions } = options;
  const hub = await startHub(hubOptions);
  const simulator = await startSimulator(hub, { ...(seed !== undefined ? { seed } : {}), ...simulate });
  const closeHub = hub.close.bind(hub);
  return Object.assign(hub, {
    simulator,
    async close() {
      await simulator.stop();
      await closeHub();
    },
  });
}
