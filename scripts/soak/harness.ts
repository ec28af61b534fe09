// Real processes for reliability runs: the hub (its CLI) and a workstation core (workstation.ts), a TCP
// proxy between them that can cut or block the link, and the comparison of what the workstation said
// was saved with what the hub stored. Used by `npm run soak` and by tests/integration/reliability.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
export async function startHubProcess(opts: { port: number; db: string; seed: number; rate: number; graceMs?: number }): Promise<Proc> {
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
    createInterface({ input: child.stdout! }).on('line', (l) => l.startsWith('hub listening on') && resolve());
    child.once('exit', (code) => reject(new Error(`hub exited before listening (${code})`)));
  });
  const sim = spawn(
    process.execPath,
    [
      ...TSX,
      'src/simulator/cli.ts',
      ...['--hub', `http://127.0.0.1:${opts.port}`, '--rate', String(opts.rate), '--seed', String(opts.seed)],
      ...['--kb-edit-sec', '0', '--log', 'error'],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, XIAOER_SIMULATOR_KEY: key } },
  );
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: sim.stdout! }).on('line', (l) => l.startsWith('simulator running') && resolve());
    sim.once('exit', (code) => reject(new Error(`simulator exited before running (${code})`)));
  });
  const hub = wrap(child);
  const simulator = wrap(sim);
  return {
    child,
    kill: async (signal) => {
      await Promise.all([hub.kill(signal), simulator.kill(signal)]);
    },
  };
}

export interface WorkstationStatus {
  pending: number;
  phase: string;
  conflicts: number;
}

export interface WorkstationProc extends Proc {
  status(): WorkstationStatus;
}

export function startWorkstationProcess(
  opts: { hubUrl: string; dataDir: string; journal: string; handleMs?: number },
  extraArgs: string[] = [],
): WorkstationProc {
  const child = spawn(
    process.execPath,
    [...TSX, 'scripts/soak/workstation.ts', '--hub', opts.hubUrl, '--data', opts.dataDir, '--journal', opts.journal, '--handle-ms', String(opts.handleMs ?? 0), ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, XIAOER_LOG_LEVEL: 'error' } },
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
