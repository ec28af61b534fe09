// Starts the real product for a test: a hub, the scenario simulator as its integration-API client, a
// workstation core signed in as an agent, and the browser shell serving the built renderer. Nothing is
// mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub, type RunningHub, type StartHubOptions } from '../../src/hub/index';
import { XiaoerCore } from '../../src/main/core/app-core';
import { startBrowserShell, type RunningBrowserShell } from '../../src/main/core/bridge/browser-shell-server';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index';
import { startSimulator } from './simulator';

export const DEMO_PASSWORD = 'xiaoer123';

export interface StackOptions {
  seed?: number;
  user?: string;
  /** Run the simulator (default true). */
  simulate?: boolean;
  /** Start signed out, so the test drives the login screen itself. */
  signedOut?: boolean;
  /** Further hub options (SLA, grace period …) and the simulator's tuning; port and dbPath are the stack's. */
  hub?: Omit<StartHubOptions, 'port' | 'dbPath'> & { simulate?: SimulatorOptions };
  /** Keep the hub's SQLite in a file, so stopHub() + restartHub() bring back the same hub state. */
  persistentHub?: boolean;
}

export interface Workstation {
  core: XiaoerCore;
  shell: RunningBrowserShell;
  dataDir: string;
  close(): Promise<void>;
}

/** A workstation (core + browser shell) with its own data directory, signed in as `user` unless null. */
export async function startWorkstation(hubUrl: string, user: string | null): Promise<Workstation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-test-'));
  const core = new XiaoerCore({ dataDir, shell: 'browser' });
  if (user) await core.session.login(hubUrl, user, DEMO_PASSWORD);
  const shell = await startBrowserShell({ core, rendererDir: resolve('out/renderer') });
  return {
    core,
    shell,
    dataDir,
    async close() {
      await shell.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startStack(options: StackOptions = {}) {
  const hubDir = options.persistentHub ? mkdtempSync(join(tmpdir(), 'xiaoer-hub-')) : null;
  const { simulate: simulatorOptions, ...hubExtra } = options.hub ?? {};
  const hubOptions = (port: number): StartHubOptions => ({
    // a test hub checks every event it sends (a development assertion, off in a production hub)
    validateOutgoing: true,
    ...hubExtra,
    port,
    ...(hubDir ? { dbPath: join(hubDir, 'hub.db') } : {}),
  });
  let hub: RunningHub | null = await startHub(hubOptions(0));
  const port = hub.port;
  // The simulator lives outside the hub, as any platform does; it is restarted with a fresh hub.
  let simulator: Simulator | null = null;
  const runSimulator = async (h: RunningHub) => {
    if (options.simulate === false) return;
    simulator = await startSimulator(h, { seed: options.seed ?? 7, ...simulatorOptions });
  };
  await runSimulator(hub);
  // Network cut: the hub keeps running, but live connections drop at the transport (as when a cable is
  // pulled) and reconnects fail until restoreNetwork().
  // - everyone: refused at the engine.io handshake, like an unreachable host (a client refused by a
  //   socket.io middleware rightly stops retrying; one that cannot connect keeps trying);
  // - some users: their reconnects (identified after the hub's auth) hang until the network is back.
  let cutAll = false;
  const cutUsers = new Set<string>();
  let held: Array<() => void> = [];
  const guardConnections = (h: RunningHub) => {
    (h.io.engine as unknown as { opts: { allowRequest?: unknown } }).opts.allowRequest = (
      _req: unknown,
      cb: (err: string | null | undefined, ok: boolean) => void,
    ) => cb(cutAll ? 'network unreachable (test cut)' : null, !cutAll);
    h.io.use((socket, next) => {
      const id = (socket.data as { actor?: { id: string } }).actor?.id;
      if (id && cutUsers.has(id)) held.push(() => next());
      else next();
    });
  };
  guardConnections(hub);
  const url = hub.url;
  const main = await startWorkstation(url, options.signedOut ? null : (options.user ?? 'agent1'));
  const extra: Workstation[] = [];
  return {
    /** The running hub; throws while it is stopped. */
    get hub(): RunningHub {
      if (!hub) throw new Error('the hub is stopped');
      return hub;
    },
    hubUrl: url,
    /** The scenario simulator (an integration-API client of the hub); throws when the stack runs without one. */
    get simulator(): Simulator {
      if (!simulator) throw new Error('this stack runs without the simulator');
      return simulator;
    },
    core: main.core,
    shell: main.shell,
    dataDir: main.dataDir,
    /** Another workstation (e.g. lead1's) against the same hub; closed with the stack. */
    async addWorkstation(user: string | null): Promise<Workstation> {
      const w = await startWorkstation(url, user);
      extra.push(w);
      return w;
    },
    /** Drops the live connections (of `users`, default all) at the transport; reconnects fail until restoreNetwork(). */
    cutNetwork(users?: string[]): void {
      if (users) for (const u of users) cutUsers.add(u);
      else cutAll = true;
      for (const socket of hub?.io.sockets.sockets.values() ?? []) {
        const id = (socket.data as { actor?: { id: string } }).actor?.id;
        if (!users || (id && users.includes(id))) socket.conn.close();
      }
    },
    restoreNetwork(): void {
      cutAll = false;
      cutUsers.clear();
      const release = held;
      held = [];
      for (const go of release) go();
    },
    /** Takes the hub down (its socket server and HTTP port): every workstation goes offline. */
    async stopHub(): Promise<void> {
      const h = hub;
      hub = null;
      await simulator?.stop();
      simulator = null;
      await h?.close();
    },
    /** Starts the hub again on the same port (and, with persistentHub, the same database). */
    async restartHub(): Promise<RunningHub> {
      if (hub) return hub;
      hub = await startHub(hubOptions(port));
      guardConnections(hub);
      await runSimulator(hub);
      return hub;
    },
    /**
     * Starts the stopped hub's database on another port, runs fn against it, and closes it: changes made
     * on the hub while the workstations stay offline (they only know the original port).
     */
    async whileOffline<T>(fn: (h: RunningHub) => Promise<T>): Promise<T> {
      if (hub) throw new Error('stop the hub first');
      if (!hubDir) throw new Error('whileOffline needs persistentHub');
      const side = await startHub(hubOptions(0));
      try {
        return await fn(side);
      } finally {
        await side.close();
      }
    },
    async close() {
      for (const w of extra.splice(0)) await w.close();
      await main.close();
      await simulator?.stop();
      await hub?.close();
      if (hubDir) rmSync(hubDir, { recursive: true, force: true });
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
