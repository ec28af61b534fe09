// Hub throughput/latency bench: N agents connected over loopback; tickets are escalated and routed by
// the real hub (auth, routing score, state machine, SQLite WAL replay log, seq, schema-checked emit),
// and the same payloads are relayed by a bare socket.io server as the baseline, in the same run with
// the same closed-loop driver. Run alone: `npx tsx bench/hub.ts` → bench/results/hub.json + a table.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { startHub, type RunningHub } from '../src/hub/index';
import { RedisHubStore } from '../src/hub/store/redis';
import { redisAvailable, startRedis, type RunningRedis } from '../tests/support/redis';
import { TicketFactory } from '../src/simulator/factory';
import type { Ticket } from '../src/shared/domain';
import { INTENT_IDS } from '../src/shared/intents';

export interface HubBenchOptions {
  agents?: number;
  tickets?: number;
  /** Tickets in flight (sent, not yet received by an agent) — the closed-loop window. */
  window?: number;
  seed?: number;
}

interface Phase {
  tickets: number;
  seconds: number;
  ticketsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  connectMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Connects `n` clients in batches; each gets its auth from `auth(i)` and runs `setup` before connect. */
async function connectMany(
  url: string,
  n: number,
  auth: (i: number) => Record<string, unknown>,
  setup: (s: Socket, i: number) => void,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const batch = 50;
  for (let i = 0; i < n; i += batch) {
    const group = Array.from({ length: Math.min(batch, n - i) }, (_, k) => {
      const s = connect(url, {
        auth: auth(i + k),
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      setup(s, i + k);
      sockets.push(s);
      return new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', reject);
      });
    });
    await Promise.all(group);
  }
  return sockets;
}

/** Closed-loop driver: keeps `window` tickets undelivered; resolves when all are delivered. */
async function drive(
  tickets: Ticket[],
  window: number,
  send: (t: Ticket) => void | Promise<unknown>,
  deliveries: Map<string, () => void>,
  sentAt: Map<string, number>,
): Promise<number> {
  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolveAll, rejectAll) => {
    let done = 0;
    const launch = () => {
      if (next >= tickets.length) return;
      const t = tickets[next++]!;
      deliveries.set(t.id, () => {
        done++;
        if (done === tickets.length) resolveAll();
        else launch();
      });
      sentAt.set(t.id, performance.now());
      Promise.resolve(send(t)).catch(rejectAll);
    };
    for (let i = 0; i < Math.min(window, tickets.length); i++) launch();
  });
  return (performance.now() - start) / 1000;
}

function summarise(latencies: number[], seconds: number, connectMs: number): Phase {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    tickets: latencies.length,
    seconds: round(seconds, 3),
    ticketsPerSec: round(latencies.length / seconds, 1),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    connectMs: Math.round(connectMs),
  };
}

/** Where the hub keeps its state: SQLite (one node), or Redis with one or two nodes. */
type HubMode = { store: 'sqlite' } | { store: 'redis'; nodes: 1 | 2; redis: RunningRedis };

async function startBenchHubs(mode: HubMode, dir: string): Promise<RunningHub[]> {
  const common = { port: 0, logger: false as const, kbSeedDir: false as const, snapshotMs: 60_000 };
  if (mode.store === 'sqlite') return [await startHub({ ...common, dbPath: join(dir, 'hub.db') })];
  const prefix = `bench${Date.now()}${Math.round(Math.random() * 1e6)}`;
  const hubs: RunningHub[] = [];
  for (let i = 0; i < mode.nodes; i++)
    hubs.push(
      await startHub({
        ...common,
        tokenSecret: 'bench-secret-0123456789abcdef',
        store: await RedisHubStore.connect({ url: mode.redis.url, prefix }),
        node: `bench-${i}`,
      }),
    );
  return hubs;
}

async function benchHub(
  agents: number,
  tickets: Ticket[],
  window: number,
  mode: HubMode = { store: 'sqlite' },
): Promise<Phase> {
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-hub-bench-'));
  const hubs = await startBenchHubs(mode, dir);
  const hub = hubs[0]!;
  const sockets: Socket[] = [];
  try {
    const capacity = Math.min(50, Math.ceil(tickets.length / agents) + 2);
    const ids = Array.from({ length: agents }, (_, i) => `bench${i}`);
    await hub.addAgents(
      ids.map((id, i) => ({
        id,
        skills: [INTENT_IDS[i % INTENT_IDS.length]!, INTENT_IDS[(i * 7) % INTENT_IDS.length]!],
        capacity,
      })),
    );
    for (const other of hubs.slice(1)) await other.core.refreshUsers();
    const deliveries = new Map<string, () => void>();
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const c0 = performance.now();
    // several nodes: agents are spread over them, and so are the escalations
    const per = Math.ceil(agents / hubs.length);
    for (const [n, h] of hubs.entries()) {
      const first = n * per;
      const count = Math.max(0, Math.min(per, agents - first));
      sockets.push(
        ...(await connectMany(
          h.url,
          count,
          (i) => ({ token: h.issueToken(ids[first + i]!).token, lastSeq: 0 }),
          (s) => {
            s.on('ticket:assigned', (e: { ticket: Ticket }) => {
              const t0 = sentAt.get(e.ticket.id);
              if (t0 === undefined) return;
              latencies.push(performance.now() - t0);
              deliveries.get(e.ticket.id)?.();
            });
          },
        )),
      );
    }
    for (const h of hubs) await h.core.idle(); // every handshake resume has gone live
    // other nodes see each node's agents once shared presence is read again
    for (const h of hubs) await h.cluster?.refresh();
    await new Promise((r) => setTimeout(r, hubs.length > 1 ? 300 : 0));
    const connectMs = performance.now() - c0;
    let rr = 0;
    const seconds = await drive(
      tickets,
      window,
      (t) => hubs[rr++ % hubs.length]!.core.escalate(t),
      deliveries,
      sentAt,
    );
    return summarise(latencies, seconds, connectMs);
  } finally {
    for (const s of sockets) s.close();
    for (const h of hubs) await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The baseline: a bare socket.io server that relays the same payload round-robin, no auth/routing/storage. */
async function benchBaseline(agents: number, tickets: Ticket[], window: number): Promise<Phase> {
  const http = createServer();
  const io = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const serverSockets: ServerSocket[] = [];
  io.on('connection', (s) => serverSockets.push(s));
  const sockets: Socket[] = [];
  try {
    const deliveries = new Map<string, () => void>();
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const c0 = performance.now();
    sockets.push(
      ...(await connectMany(
        url,
        agents,
        () => ({}),
        (s) => {
          s.on('ticket:assigned', (e: { ticket: Ticket }) => {
            const t0 = sentAt.get(e.ticket.id);
            if (t0 === undefined) return;
            latencies.push(performance.now() - t0);
            deliveries.get(e.ticket.id)?.();
          });
        },
      )),
    );
    const connectMs = performance.now() - c0;
    let rr = 0;
    const seq = new Map<string, number>();
    const seconds = await drive(
      tickets,
      window,
      (t) => {
        const s = serverSockets[rr++ % serverSockets.length]!;
        const n = (seq.get(s.id) ?? 0) + 1;
        seq.set(s.id, n);
        s.emit('ticket:assigned', {
          seq: n,
          ticket: { ...t, status: 'assigned', assignedTo: s.id, assignedAt: Date.now() },
          assignment: {
            agentId: s.id,
            total: 0.5,
            factors: { skill: 0.45, load: 0.25, resolution: 0.14, idle: 0 },
            weights: { skill: 0.45, load: 0.25, resolution: 0.2, idle: 0.1 },
            queuePressure: 0,
          },
        });
      },
      deliveries,
      sentAt,
    );
    return summarise(latencies, seconds, connectMs);
  } finally {
    for (const s of sockets) s.close();
    await new Promise<void>((r) => io.close(() => r()));
  }
}

export async function runHubBench(opts: HubBenchOptions = {}): Promise<Record<string, unknown>> {
  const agents = opts.agents ?? 500;
  const count = opts.tickets ?? 3000;
  const window = opts.window ?? 64;
  const factory = new TicketFactory(opts.seed ?? 2024, { media: false });
  const now = Date.now();
  const make = (prefix: string) =>
    Array.from({ length: count }, () => {
      const t = factory.next(now).ticket;
      return { ...t, id: `${prefix}_${t.id}` };
    });
  const warm = make('warm').slice(0, Math.min(200, count));
  const hubTickets = make('hub');
  const baseTickets = hubTickets.map((t) => ({ ...t, id: `base_${t.id}` }));
  const payloadBytes = Math.round(
    hubTickets.reduce((s, t) => s + JSON.stringify(t).length, 0) / hubTickets.length,
  );

  const started = performance.now();
  // Warm-up (JIT, zod, SQLite) on a small run, discarded.
  await benchBaseline(Math.min(agents, 50), warm, window);
  await benchHub(
    Math.min(agents, 50),
    warm.map((t) => ({ ...t, id: `w2_${t.id}` })),
    window,
  );
  const baseline = await benchBaseline(agents, baseTickets, window);
  const hub = await benchHub(agents, hubTickets, window);
  // The same load on the Redis store: one node, then two nodes sharing it (agents and escalations split).
  // Redis runs with the persistence the hub requires (AOF, appendfsync always), on this same machine.
  let redisPhases: { oneNode: Phase; twoNodes: Phase; appendfsync: string } | undefined;
  if (redisAvailable() && process.env.HUB_BENCH_REDIS !== '0') {
    const redis = await startRedis({ appendfsync: 'always' });
    try {
      const again = (p: string) => hubTickets.map((t) => ({ ...t, id: `${p}_${t.id}` }));
      await benchHub(
        Math.min(agents, 50),
        warm.map((t) => ({ ...t, id: `w3_${t.id}` })),
        window,
        {
          store: 'redis',
          nodes: 1,
          redis,
        },
      );
      redisPhases = {
        oneNode: await benchHub(agents, again('r1'), window, { store: 'redis', nodes: 1, redis }),
        twoNodes: await benchHub(agents, again('r2'), window, { store: 'redis', nodes: 2, redis }),
        appendfsync: 'always',
      };
    } finally {
      await redis.stop();
    }
  }
  // Unloaded delivery latency: one ticket in flight at a time (no queueing behind other tickets).
  const single = Math.min(300, count);
  const baselineUnloaded = await benchBaseline(
    agents,
    baseTickets.slice(0, single).map((t) => ({ ...t, id: `u_${t.id}` })),
    1,
  );
  const hubUnloaded = await benchHub(
    agents,
    hubTickets.slice(0, single).map((t) => ({ ...t, id: `u_${t.id}` })),
    1,
  );
  const result: Record<string, unknown> = {
    name: 'hub',
    description:
      'tickets escalated → routed → delivered to one of N connected agents over loopback (closed loop, fixed window); hub vs bare socket.io relay of the same payloads',
    agents,
    tickets: count,
    window,
    payloadBytesAvg: payloadBytes,
    hub,
    baseline,
    unloaded: { hub: hubUnloaded, baseline: baselineUnloaded },
    ...(redisPhases ? { redis: redisPhases } : {}),
    ratio: {
      throughput: round(hub.ticketsPerSec / baseline.ticketsPerSec, 3),
      p50: round(hub.p50Ms / Math.max(0.001, baseline.p50Ms), 2),
      p99: round(hub.p99Ms / Math.max(0.001, baseline.p99Ms), 2),
      unloadedP50: round(hubUnloaded.p50Ms / Math.max(0.001, baselineUnloaded.p50Ms), 2),
      ...(redisPhases
        ? {
            redisOneNodeThroughput: round(redisPhases.oneNode.ticketsPerSec / baseline.ticketsPerSec, 3),
            redisTwoNodesThroughput: round(redisPhases.twoNodes.ticketsPerSec / baseline.ticketsPerSec, 3),
          }
        : {}),
    },
    totalSeconds: round((performance.now() - started) / 1000, 1),
    env: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      platform: process.platform,
    },
    at: new Date().toISOString(),
  };
  return { ...result, table: table(result) };
}

function table(r: Record<string, unknown>): string {
  const hub = r.hub as Phase;
  const base = r.baseline as Phase;
  const ratio = r.ratio as { throughput: number; p50: number; p99: number };
  const un = r.unloaded as { hub: Phase; baseline: Phase };
  const redis = r.redis as { oneNode: Phase; twoNodes: Phase } | undefined;
  const row = (name: string, p: Phase) =>
    `| ${name} | ${p.ticketsPerSec} | ${p.p50Ms} | ${p.p99Ms} | ${p.maxMs} | ${p.connectMs} |`;
  return [
    `Hub bench: ${r.agents} agents, ${r.tickets} tickets, window ${r.window}, avg payload ${r.payloadBytesAvg} B`,
    '',
    '| system | tickets/s | p50 ms | p99 ms | max ms | connect ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| xiaoer hub (auth, routing, SQLite replay log) | ${hub.ticketsPerSec} | ${hub.p50Ms} | ${hub.p99Ms} | ${hub.maxMs} | ${hub.connectMs} |`,
    ...(redis
      ? [
          row('xiaoer hub on Redis, 1 node (AOF always)', redis.oneNode),
          row('xiaoer hub on Redis, 2 nodes (AOF always)', redis.twoNodes),
        ]
      : []),
    `| bare socket.io relay (baseline) | ${base.ticketsPerSec} | ${base.p50Ms} | ${base.p99Ms} | ${base.maxMs} | ${base.connectMs} |`,
    `| ratio hub / baseline | ${ratio.throughput} | ${ratio.p50} | ${ratio.p99} | | |`,
    '',
    'Unloaded (one ticket in flight at a time):',
    '',
    '| system | tickets/s | p50 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| xiaoer hub | ${un.hub.ticketsPerSec} | ${un.hub.p50Ms} | ${un.hub.p99Ms} | ${un.hub.maxMs} |`,
    `| bare socket.io relay | ${un.baseline.ticketsPerSec} | ${un.baseline.p50Ms} | ${un.baseline.p99Ms} | ${un.baseline.maxMs} |`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runHubBench({
    ...(process.env.HUB_BENCH_AGENTS ? { agents: Number(process.env.HUB_BENCH_AGENTS) } : {}),
    ...(process.env.HUB_BENCH_TICKETS ? { tickets: Number(process.env.HUB_BENCH_TICKETS) } : {}),
  });
  const out = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'hub.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(table(result));
  console.log(`\nwritten ${join(out, 'hub.json')} in ${result.totalSeconds as number} s`);
  process.exit(0);
}
