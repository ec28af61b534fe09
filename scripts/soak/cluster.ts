// `npm run soak -- --cycles N --nodes 2 [--redis URL]`: several hub nodes on one Redis, two
// workstations that list every node (failover), the scenario simulator on the first node. Each cycle
// does one of: SIGKILL a workstation, SIGKILL a hub node (restarted after a moment), kill -9 Redis
// (restarted with its AOF; only when this run started Redis itself), or cut the workstations' links.
// At the end: the outcomes the workstations reported saved vs those in Redis, and every agent's replay
// log checked for a ticket held by two agents. Last line:
//   cycles=N outcomes=X delivered=X lost=0 duplicated=0 double_assigned=0
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { startRedis, type RunningRedis } from '../../tests/support/redis';
import { simulatorKeyInRedis } from '../simulator-key';
import {
  freePort,
  startHubNodeProcess,
  startProxy,
  startSimulatorProcess,
  startWorkstationProcess,
  waitFor,
  type HubNodeOptions,
  type LinkProxy,
  type Proc,
  type WorkstationProc,
} from './harness';

export interface ClusterSoakOptions {
  cycles: number;
  nodes: number;
  seed: number;
  rate: number;
  redisUrl?: string;
  /** Keep the run's folder (logs, workstation data, journals); it is always kept when a check fails. */
  keep: boolean;
  /** Print each cycle's log line to stderr too (it always goes to soak.log in the run's folder). */
  verbose?: boolean;
}

const AGENTS = ['agent1', 'agent8'];
const GRACE_MS = 120_000;

export async function runClusterSoak(o: ClusterSoakOptions): Promise<ClusterSoakResult> {
  let rng = o.seed >>> 0 || 1;
  const random = () => {
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    return (rng >>> 0) / 2 ** 32;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-soak-cluster-'));
  const log = (line: string) => {
    appendFileSync(join(dir, 'soak.log'), `${new Date().toISOString()} ${line}\n`);
    if (o.verbose) process.stderr.write(`${line}\n`);
  };
  const own: RunningRedis | undefined = o.redisUrl ? undefined : await startRedis({ appendfsync: 'always' });
  const redisUrl = o.redisUrl ?? own!.url;
  const prefix = `soak${Date.now()}`;
  const simulatorKey = await simulatorKeyInRedis(redisUrl, prefix);

  const ports = await Promise.all(Array.from({ length: o.nodes }, () => freePort()));
  const nodeOpts: HubNodeOptions[] = ports.map((port, i) => ({
    port,
    redis: redisUrl,
    prefix,
    node: `n${i}`,
    secret: 'soak-cluster-secret-0123456789',
    // Longer than the longest absence the soak causes (a workstation killed again while starting,
    // 10–20 s each on a loaded 2-core box): past the grace period the hub rightly re-routes, and the
    // agent's late closes become visible sync conflicts — policy, not the delivery this run checks.
    graceMs: GRACE_MS,
    logFile: join(dir, `n${i}.log`),
  }));
  // A node that exits without being killed crashed: a defect, reported and counted; it is started
  // again at the next cycle so the run goes on.
  const crashed = new Set<number>();
  let crashes = 0;
  // The simulator (the platform's side) runs beside node n0, as on one machine: killed and restarted
  // with it, resuming its scenario by its Idempotency-Keys (same seed).
  const startMachine = async (i: number): Promise<Proc> => {
    const node = await startHubNodeProcess(nodeOpts[i]!, (code, signal) => {
      crashes++;
      crashed.add(i);
      log(`node n${i} exited on its own (${signal ?? code}); see n${i}.log`);
      process.stderr.write(`node n${i} crashed (${signal ?? code}); see ${nodeOpts[i]!.logFile}\n`);
    });
    if (i !== 0) return node;
    const sim = await startSimulatorProcess({
      hubUrl: `http://127.0.0.1:${ports[0]}`,
      key: simulatorKey,
      seed: o.seed,
      rate: o.rate,
      logFile: join(dir, 'simulator.log'),
    });
    return {
      child: node.child,
      kill: async (signal) => {
        await Promise.all([node.kill(signal), sim.kill(signal)]);
      },
    };
  };
  const nodes: Proc[] = [];
  for (let i = 0; i < o.nodes; i++) nodes.push(await startMachine(i));
  // every workstation reaches every node through its own link, so a cut drops them all at once
  const proxies: LinkProxy[] = await Promise.all(ports.map((p) => startProxy(p)));
  const hubUrl = proxies.map((p) => p.url).join(',');
  const wsOpts = AGENTS.map((user) => ({
    hubUrl,
    user,
    dataDir: join(dir, user),
    journal: join(dir, `${user}.ndjson`),
    logFile: join(dir, `${user}.log`),
  }));
  const startWs = (i: number): WorkstationProc =>
    startWorkstationProcess(wsOpts[i]!, ['--user', wsOpts[i]!.user]);
  const workstations = wsOpts.map((_, i) => startWs(i));
  const journaled = () => wsOpts.reduce((n, w) => n + journalLines(w.journal), 0);
  await sleep(2500);

  const counts = { 'kill-workstation': 0, 'kill-node': 0, 'kill-redis': 0, cut: 0 };
  for (let i = 1; i <= o.cycles; i++) {
    await sleep(300 + random() * 1200);
    for (const n of [...crashed]) {
      crashed.delete(n);
      nodes[n] = await startMachine(n);
    }
    const roll = random();
    const action =
      roll < 0.35 ? 'kill-workstation' : roll < 0.65 ? 'kill-node' : roll < 0.8 && own ? 'kill-redis' : 'cut';
    counts[action]++;
    const started = Date.now();
    let what: string = action;
    if (action === 'kill-workstation') {
      const w = Math.floor(random() * workstations.length);
      what += ` ${AGENTS[w]} (was ${workstations[w]!.status().phase})`;
      await workstations[w]!.kill();
      workstations[w] = startWs(w);
    } else if (action === 'kill-node') {
      const n = Math.floor(random() * nodes.length);
      what += ` n${n}`;
      await nodes[n]!.kill();
      await sleep(random() * 800);
      nodes[n] = await startMachine(n);
    } else if (action === 'kill-redis') {
      await own!.kill();
      await sleep(random() * 500);
      await own!.restart();
    } else for (const p of proxies) p.cut();
    log(
      `cycle ${i} ${what} in ${Date.now() - started} ms; journaled ${journaled()}; ${workstations
        .map((w, k) => `${AGENTS[k]} ${JSON.stringify(w.status())}`)
        .join(' ')}`,
    );
    if (i % 10 === 0)
      process.stderr.write(`cycle ${i}/${o.cycles} ${JSON.stringify(counts)} journaled=${journaled()}\n`);
  }

  // The agents stop taking new work (each restarted to handle nothing new), so no close can land
  // between the last "nothing pending" and the comparison; what they did must still all arrive.
  for (let w = 0; w < workstations.length; w++) {
    await workstations[w]!.kill('SIGTERM');
    workstations[w] = startWorkstationProcess({ ...wsOpts[w]!, handleMs: 3_600_000 }, [
      '--user',
      wsOpts[w]!.user,
    ]);
  }
  for (const n of [...crashed]) nodes[n] = await startMachine(n);
  crashed.clear();
  const drained = await waitFor(
    () => workstations.every((w) => w.status().pending === 0 && w.status().phase === 'online'),
    180_000,
    'the outboxes to drain',
  ).then(
    () => true,
    (err: Error) => {
      process.stderr.write(`${err.message}: ${JSON.stringify(workstations.map((w) => w.status()))}\n`);
      return false;
    },
  );
  const conflicts = workstations.reduce((n, w) => n + w.status().conflicts, 0);
  for (const w of workstations) await w.kill('SIGTERM');

  const result = await compare(
    redisUrl,
    prefix,
    wsOpts.map((w) => w.journal),
  );
  for (const n of nodes) await n.kill();
  for (const p of proxies) await p.close();
  await own?.stop();
  process.stderr.write(
    `actions ${JSON.stringify(counts)}; stored ${result.stored} outcomes; sync conflicts ${conflicts}; hub nodes crashed ${crashes}; logs and data in ${dir}\n`,
  );
  const ok =
    drained && result.lost === 0 && result.duplicated === 0 && result.doubleAssigned === 0 && crashes === 0;
  if (!o.keep && ok) rmSync(dir, { recursive: true, force: true });
  const line = `cycles=${o.cycles} outcomes=${result.outcomes} delivered=${result.delivered} lost=${result.lost} duplicated=${result.duplicated} double_assigned=${result.doubleAssigned}`;
  console.log(line);
  return { ok, line, ...result, crashes, conflicts, actions: counts, dir };
}

export interface ClusterSoakResult {
  ok: boolean;
  /** The last line the soak prints. */
  line: string;
  outcomes: number;
  delivered: number;
  lost: number;
  duplicated: number;
  doubleAssigned: number;
  stored: number;
  /** Hub nodes that exited without being killed. */
  crashes: number;
  /** Commands the hub refused (sync conflicts on the workstations). */
  conflicts: number;
  actions: Record<string, number>;
  /** The run's folder (logs, data); removed after a clean run unless keep. */
  dir: string;
}

function journalLines(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

async function compare(url: string, prefix: string, journals: string[]) {
  const journal = journals.flatMap((f) =>
    existsSync(f)
      ? readFileSync(f, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { key: string; ticketId: string })
      : [],
  );
  const client = createClient({ url });
  await client.connect();
  try {
    const stored = Object.values(await client.hGetAll(`${prefix}:out`)).map(
      (v) => JSON.parse(v) as { idempotencyKey: string; ticketId: string },
    );
    const keys = new Set(stored.map((o) => o.idempotencyKey));
    const perTicket = new Map<string, number>();
    for (const o of stored) perTicket.set(o.ticketId, (perTicket.get(o.ticketId) ?? 0) + 1);
    // from each agent's replay log: the tickets they hold at the end; a ticket held by two is double-assigned
    const holders = new Map<string, number>();
    for (const user of AGENTS) {
      const entries = (await client.sendCommand(['XRANGE', `${prefix}:ev:${user}`, '-', '+'])) as Array<
        [string, string[]]
      >;
      const held = new Set<string>();
      for (const [, f] of entries) {
        const name = f[f.indexOf('n') + 1]!;
        const p = JSON.parse(f[f.indexOf('p') + 1]!) as {
          ticket?: { id: string };
          ticketId?: string;
          status?: string;
        };
        if (name === 'ticket:assigned') held.add(p.ticket!.id);
        if (name === 'ticket:revoked') held.delete(p.ticketId!);
        if (name === 'ticket:status' && ['resolved', 'returned_to_bot', 'transferred'].includes(p.status!))
          held.delete(p.ticketId!);
      }
      for (const t of held) holders.set(t, (holders.get(t) ?? 0) + 1);
    }
    const delivered = journal.filter((j) => keys.has(j.key)).length;
    return {
      outcomes: journal.length,
      delivered,
      lost: journal.length - delivered,
      duplicated: [...perTicket.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
      doubleAssigned: [...holders.values()].filter((n) => n > 1).length,
      stored: stored.length,
    };
  } finally {
    await client.close();
  }
}
