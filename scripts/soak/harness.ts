// Real processes for reliability runs: the hub (its CLI) and a workstation core (workstation.ts), a TCP
// proxy between them that can cut or block the link, and the comparison of what the workstation said
// was saved with what the hub stored. Used by `npm run soak` and by tests/integration/reliability.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { simulatorKeyFor } from '../simulator-key';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = ['--import', 'tsx'];

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * A file descriptor for a child's stderr, appending to file; closed in this process once the child has
 * it (spawn duplicates it), so hundreds of restarts in a soak do not pile up open files.
 */
export function logFd(file: string): number {
  const fd = openSync(file, 'a');
  setImmediate(() => closeSync(fd));
  return fd;
}

export interface LinkProxy {
  url: string;
  /** Drops every open connection (the client reconnects at once). */
  cut(): void;
  /** While blocked, new connections are dropped as they arrive: an outage. */
  block(blocked: boolean): void;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<LinkProxy> {
  const links = new Set<Socket>();
  let blocked = false;
  const server = createServer((client) => {
    if (blocked) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    links.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      links.delete(client);
      links.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const cut = () => {
    for (const s of links) s.destroy();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut,
    block(b) {
      blocked = b;
      if (b) cut();
    },
    close: () =>
      new Promise((r) => {
        cut();
        server.close(() => r());
      }),
  };
}

export interface Proc {
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

function wrap(child: ChildProcess): Proc {
  return {
    child,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/**
 * The hub and, beside it, the scenario simulator as its integration-API client (same seed and database,
 * so a restarted pair continues the scenario); killing the Proc kills both, as a machine going down would.
 */
export async function startHubProcess(opts: {
  port: number;
  db: string;
  seed: number;
  rate: number;
  graceMs?: number;
}): Promise<Proc> {
  const key = await simulatorKeyFor(opts.db);
  const child = spawn(
    process.execPath,
    [
      ...TSX,
      'src/hub/cli.ts',
      ...['--port', String(opts.port), '--db', opts.db],
      ...['--log', 'error', '--grace-ms', String(opts.graceMs ?? 30_000)],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on(
      'line',
      (l) => l.startsWith('hub listening on') && resolve(),
    );
    child.once('exit', (code) => reject(new Error(`hub exited before listening (${code})`)));
  });
  const simulator = await startSimulatorProcess({
    hubUrl: `http://127.0.0.1:${opts.port}`,
    key,
    seed: opts.seed,
    rate: opts.rate,
  });
  const hub = wrap(child);
  return {
    child,
    kill: async (signal) => {
      await Promise.all([hub.kill(signal), simulator.kill(signal)]);
    },
  };
}

/**
 * The scenario simulator (src/simulator/cli.ts), a client of the hub's integration API at hubUrl; resolves
 * once it runs. Its stderr goes to logFile when one is given (warnings and up), else nowhere.
 */
export async function startSimulatorProcess(opts: {
  hubUrl: string;
  key: string;
  seed: number;
  rate: number;
  logFile?: string;
}): Promise<Proc> {
  const sim = spawn(
    process.execPath,
    [
      ...TSX,
      'src/simulator/cli.ts',
      ...['--hub', opts.hubUrl, '--rate', String(opts.rate), '--seed', String(opts.seed)],
      ...['--kb-edit-sec', '0', '--log', opts.logFile ? 'warn' : 'error'],
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', opts.logFile ? logFd(opts.logFile) : 'ignore'],
      env: { ...process.env, XIAOER_SIMULATOR_KEY: opts.key },
    },
  );
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: sim.stdout! }).on('line', (l) => l.startsWith('simulator running') && resolve());
    sim.once('exit', (code) => reject(new Error(`simulator exited before running (${code})`)));
  });
  return wrap(sim);
}

export interface HubNodeOptions {
  port: number;
  redis: string;
  prefix: string;
  node: string;
  /** XIAOER_HUB_SECRET: every node of a cluster signs and checks tokens with the same one. */
  secret: string;
  /** The node's stderr (log level warn), appended. */
  logFile: string;
  graceMs?: number;
  /** Extra node flags before the script (e.g. --import a diagnostic hook). */
  nodeArgs?: string[];
}

/**
 * One hub node on Redis as its own process (`src/hub/cli.ts --redis … --node …`); resolves once it
 * listens. onCrash is called if it exits without having been killed through the returned Proc.
 */
export function startHubNodeProcess(
  opts: HubNodeOptions,
  onCrash?: (code: number | null, signal: NodeJS.Signals | null) => void,
): Promise<Proc> {
  const child = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      ...TSX,
      'src/hub/cli.ts',
      ...['--port', String(opts.port), '--redis', opts.redis, '--redis-prefix', opts.prefix],
      ...['--node', opts.node, '--log', 'warn'],
      ...(opts.graceMs !== undefined ? ['--grace-ms', String(opts.graceMs)] : []),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', logFd(opts.logFile)],
      env: { ...process.env, XIAOER_HUB_SECRET: opts.secret },
    },
  );
  let killed = false;
  let listening = false;
  const proc = wrap(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (!l.startsWith('hub listening on')) return;
      listening = true;
      resolve({
        child,
        kill: (signal) => {
          killed = true;
          return proc.kill(signal);
        },
      });
    });
    child.once('exit', (code, signal) => {
      if (!listening)
        reject(
          new Error(`hub node ${opts.node} exited before listening (${signal ?? code}), see ${opts.logFile}`),
        );
      else if (!killed) onCrash?.(code, signal);
    });
  });
}

export interface WorkstationStatus {
  pending: number;
  phase: string;
  conflicts: number;
  /** The hub node the sync client is on, and why it is offline (for the soak's log). */
  node?: string | null;
  lastError?: string | null;
}

export interface WorkstationProc extends Proc {
  status(): WorkstationStatus;
}

export function startWorkstationProcess(
  opts: { hubUrl: string; dataDir: string; journal: string; handleMs?: number; logFile?: string },
  extraArgs: string[] = [],
): WorkstationProc {
  const child = spawn(
    process.execPath,
    [
      ...TSX,
      'scripts/soak/workstation.ts',
      '--hub',
      opts.hubUrl,
      '--data',
      opts.dataDir,
      '--journal',
      opts.journal,
      '--handle-ms',
      String(opts.handleMs ?? 0),
      ...extraArgs,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', opts.logFile ? logFd(opts.logFile) : 'ignore'],
      env: { ...process.env, XIAOER_LOG_LEVEL: opts.logFile ? 'warn' : 'error' },
    },
  );
  let last: WorkstationStatus = { pending: -1, phase: 'starting', conflicts: 0 };
  createInterface({ input: child.stdout! }).on('line', (l) => {
    try {
      last = JSON.parse(l) as WorkstationStatus;
    } catch {
      /* not a status line */
    }
  });
  return { ...wrap(child), status: () => last };
}

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Comparison {
  outcomes: number;
  delivered: number;
  lost: number;
  duplicated: number;
  hubStored: number;
}

/** The journal holds what the workstation reported saved; the hub's outcomes table what arrived. */
export function compareOutcomes(journalFile: string, hubDb: string): Comparison {
  const journal = existsSync(journalFile)
    ? readFileSync(journalFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { key: string; ticketId: string })
    : [];
  const db = new Database(hubDb, { readonly: true });
  const stored = db.prepare('SELECT idempotency_key AS key, ticket_id AS ticketId FROM outcomes').all() as {
    key: string;
    ticketId: string;
  }[];
  db.close();
  const storedKeys = new Set(stored.map((o) => o.key));
  const perTicket = new Map<string, number>();
  for (const o of stored) perTicket.set(o.ticketId, (perTicket.get(o.ticketId) ?? 0) + 1);
  const delivered = journal.filter((j) => storedKeys.has(j.key)).length;
  return {
    outcomes: journal.length,
    delivered,
    lost: journal.length - delivered,
    duplicated: [...perTicket.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
    hubStored: stored.length,
  };
}
