// `npm run soak -- --cycles N`: the real hub and a real workstation core as separate processes, with
// simulated work flowing, and on each cycle one of: SIGKILL the workstation, SIGKILL the hub, or cut
// the connection between them (a TCP proxy this script owns). Then the journal of outcomes the
// workstation reported saved is compared with what the hub stored. Last line:
//   cycles=N outcomes=X delivered=X lost=0 duplicated=0
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    rate: { type: 'string', default: '120' }, // escalations per minute
    keep: { type: 'boolean', default: false },
  },
});
const cycles = Number(values.cycles);
let rng = Number(values.seed) >>> 0 || 1;
const random = () => {
  // xorshift32: the soak's choices are reproducible from --seed.
  rng ^= rng << 13;
  rng ^= rng >>> 17;
  rng ^= rng << 5;
  return (rng >>> 0) / 2 ** 32;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'xiaoer-soak-'));
const hubDb = join(dir, 'hub.db');
const journalFile = join(dir, 'journal.ndjson');
const tsx = ['--import', 'tsx'];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const hubPort = await freePort();

/** The link between workstation and hub; `cut()` drops every connection on it at once. */
const links = new Set<Socket>();
const proxy = createServer((client) => {
  const upstream = connect(hubPort, '127.0.0.1');
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
await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

let hub: ChildProcess | null = null;
let workstation: ChildProcess | null = null;
let lastStatus = { pending: -1, phase: 'unknown', conflicts: 0 };

async function startHub(): Promise<void> {
  const child = spawn(
    process.execPath,
    [...tsx, 'src/hub/cli.ts', '--port', String(hubPort), '--db', hubDb, '--simulate', '--rate', String(values.rate), '--seed', String(values.seed)],
    { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, XIAOER_LOG_LEVEL: 'error', XIAOER_HUB_SECRET: 'soak-secret-soak-secret-soak-secret' } },
  );
  hub = child;
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (l) => l.startsWith('hub listening on') && resolve());
    child.once('exit', (code) => reject(new Error(`hub exited early (${code})`)));
  });
}

function startWorkstation(): void {
  const child = spawn(
    process.execPath,
    [...tsx, 'scripts/soak/workstation.ts', '--hub', proxyUrl, '--data', join(dir, 'workstation'), '--journal', journalFile],
    { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, XIAOER_LOG_LEVEL: 'error' } },
  );
  workstation = child;
  createInterface({ input: child.stdout! }).on('line', (l) => {
    try {
      lastStatus = JSON.parse(l) as typeof lastStatus;
    } catch {
      /* not a status line */
    }
  });
}

function kill(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGKILL');
  });
}

await startHub();
startWorkstation();
await sleep(2000);

const counts = { 'kill-workstation': 0, 'kill-hub': 0, cut: 0 };
for (let i = 1; i <= cycles; i++) {
  await sleep(300 + random() * 1200);
  const roll = random();
  const action = roll < 0.45 ? 'kill-workstation' : roll < 0.75 ? 'kill-hub' : 'cut';
  counts[action]++;
  if (action === 'kill-workstation') {
    await kill(workstation);
    startWorkstation();
  } else if (action === 'kill-hub') {
    await kill(hub);
    await sleep(random() * 500);
    await startHub();
  } else {
    for (const s of links) s.destroy();
  }
  if (i % 10 === 0) process.stderr.write(`cycle ${i}/${cycles} ${JSON.stringify(counts)} pending=${lastStatus.pending}\n`);
}

// Let the workstation drain its outbox, then stop everything and compare.
const deadline = Date.now() + 90_000;
await sleep(1000);
while (Date.now() < deadline && !(lastStatus.pending === 0 && lastStatus.phase === 'online')) await sleep(250);
await sleep(1000);
(workstation as ChildProcess | null)?.kill('SIGTERM');
await sleep(500);
await kill(workstation);
await kill(hub);
proxy.close();

const journal = existsSync(journalFile)
  ? readFileSync(journalFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { key: string; ticketId: string })
  : [];
const db = new Database(hubDb, { readonly: true });
const stored = db.prepare('SELECT idempotency_key AS key, ticket_id AS ticketId FROM outcomes').all() as { key: string; ticketId: string }[];
db.close();
const storedKeys = new Set(stored.map((o) => o.key));
const perTicket = new Map<string, number>();
for (const o of stored) perTicket.set(o.ticketId, (perTicket.get(o.ticketId) ?? 0) + 1);
const delivered = journal.filter((j) => storedKeys.has(j.key)).length;
const lost = journal.length - delivered;
const duplicated = [...perTicket.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);

process.stderr.write(`actions ${JSON.stringify(counts)}; hub stored ${stored.length} outcomes; sync conflicts ${lastStatus.conflicts}; data in ${dir}\n`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
console.log(`cycles=${cycles} outcomes=${journal.length} delivered=${delivered} lost=${lost} duplicated=${duplicated}`);
process.exit(lost === 0 && duplicated === 0 ? 0 : 1);
