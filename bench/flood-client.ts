// One side of the flood bench, in its own process so its event loop does not distort the other's
// figures: `flood` keeps `window` kb:pull {sinceVersion: 0} in flight on each of `sockets` sockets and
// ignores every RATE_LIMITED (an attacker does not back off); `calm` is a well-behaved agent sending
// one small command every `everyMs` and timing its ack. Prints one JSON line when done.
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

const [mode, url, username, secondsArg, extra] = process.argv.slice(2);
const seconds = Number(secondsArg);

async function login(): Promise<string> {
  const r = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'xiaoer123' }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

function open(token: string): Promise<Socket> {
  const s = io(url!, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

const ask = (s: Socket, name: string, input: unknown) =>
  s.timeout(60_000).emitWithAck(name, input) as Promise<{ ok: boolean; error?: { code: string } }>;

async function flood(): Promise<Record<string, unknown>> {
  const token = await login();
  const wanted = Number(extra ?? 8);
  const sockets: Socket[] = [];
  let refusedSockets = 0;
  for (let i = 0; i < wanted; i++) {
    try {
      sockets.push(await open(token));
    } catch {
      refusedSockets++;
    }
  }
  const counts = { sent: 0, ok: 0, rateLimited: 0, otherErrors: 0, timeouts: 0, bytes: 0 };
  const window = 16;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    sockets.map(async (s) => {
      const lane = async () => {
        while (performance.now() < until && s.connected) {
          counts.sent++;
          try {
            const r = await ask(s, 'kb:pull', { sinceVersion: 0 });
            if (r.ok) {
              counts.ok++;
              counts.bytes += JSON.stringify(r).length;
            } else if (r.error?.code === 'RATE_LIMITED') counts.rateLimited++;
            else counts.otherErrors++;
          } catch {
            counts.timeouts++;
          }
        }
      };
      await Promise.all(Array.from({ length: window }, lane));
    }),
  );
  for (const s of sockets) s.close();
  return { mode, sockets: sockets.length, refusedSockets, ...counts, perSec: Math.round(counts.sent / seconds) };
}

async function calm(): Promise<Record<string, unknown>> {
  const everyMs = Number(extra ?? 50);
  const s = await open(await login());
  const latencies: number[] = [];
  /** [ms since start, latency] of acks slower than 100 ms: when in the run the slow ones happened. */
  const slow: Array<[number, number]> = [];
  let errors = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    const t0 = performance.now();
    const r = await ask(s, 'agent:status', { status: 'online' }).catch(() => ({ ok: false }));
    const took = performance.now() - t0;
    latencies.push(took);
    if (took > 100) slow.push([Math.round(t0 - start), Math.round(took)]);
    if (!r.ok) errors++;
    const wait = everyMs - (performance.now() - t0);
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
  }
  s.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return {
    mode,
    acks: latencies.length,
    errors,
    p50Ms: r2(pct(50)),
    p99Ms: r2(pct(99)),
    maxMs: r2(latencies.at(-1) ?? 0),
    slow,
  };
}

const result = mode === 'flood' ? await flood() : await calm();
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
