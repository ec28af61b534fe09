// The hub bench's driver, shared by every system it measures: many socket.io clients connected in
// batches, a closed loop that keeps a fixed number of tickets undelivered, latency percentiles, and the
// baseline itself (a bare socket.io server relaying the same payloads: no auth, routing or storage).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ticket } from '../src/shared/domain';

export interface Phase {
  tickets: number;
  /**
   * CPU time per ticket while driving: this process (hub or relay and the clients alike) plus, for the
   * Redis store, redis-server's. On a shared, loaded machine wall-clock rates swing with what else runs;
   * the CPU each ticket costs does much less, so ratios of it are the steadier comparison.
   */
  cpuUsPerTicket: number;
  seconds: number;
  ticketsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  connectMs: number;
}

// A full collection before each measured phase, so no phase pays for the garbage of the one before it
// (a hub run leaves tens of MB that V8 would otherwise collect during the next relay run, inflating
// the relay's CPU per ticket by up to 2× and the hub's ratio with it). The flag is set at run time
// because the bench runs under tsx, not with --expose-gc.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Collects what earlier phases left, then lets the closed sockets' last callbacks run. */
export async function settleHeap(): Promise<void> {
  collect();
  await new Promise((r) => setTimeout(r, 50));
  collect();
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** Connects `n` clients in batches; each gets its auth from `auth(i)` and runs `setup` before connect. */
export async function connectMany(
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
export async function drive(
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

export function summarise(latencies: number[], seconds: number, connectMs: number, cpuUs: number): Phase {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    tickets: latencies.length,
    cpuUsPerTicket: round(cpuUs / Math.max(1, latencies.length), 1),
    seconds: round(seconds, 3),
    ticketsPerSec: round(latencies.length / seconds, 1),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    connectMs: Math.round(connectMs),
  };
}

/** The baseline: a bare socket.io server that relays the same payload round-robin, no auth/routing/storage. */
/** Records a ticket's delivery latency when it reaches the agent, and lets the driver send the next. */
export function onAssigned(
  s: Socket,
  sentAt: Map<string, number>,
  latencies: number[],
  deliveries: Map<string, () => void>,
): void {
  s.on('ticket:assigned', (e: { ticket: Ticket }) => {
    const t0 = sentAt.get(e.ticket.id);
    if (t0 === undefined) return;
    latencies.push(performance.now() - t0);
    deliveries.get(e.ticket.id)?.();
  });
}

export async function benchBaseline(agents: number, tickets: Ticket[], window: number): Promise<Phase> {
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
        (s) => onAssigned(s, sentAt, latencies, deliveries),
      )),
    );
    const connectMs = performance.now() - c0;
    let rr = 0;
    const seq = new Map<string, number>();
    await settleHeap();
    const cpu0 = process.cpuUsage();
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
    const cpu = process.cpuUsage(cpu0);
    return summarise(latencies, seconds, connectMs, cpu.user + cpu.system);
  } finally {
    for (const s of sockets) s.close();
    await new Promise<void>((r) => io.close(() => r()));
  }
}
