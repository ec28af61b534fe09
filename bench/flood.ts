// Flood bench (issue 12): a well-behaved agent's ack latency while another agent floods the hub with
// kb:pull, side by side in one run with (a) no flood and (b) the same flood against a hub whose
// command limits are switched off; a control phase runs a process that only burns CPU, to tell the
// machine's contention apart from the hub's queueing. The hub runs in this process; the flooder and the calm agent run in
// child processes (bench/flood-client.ts) so their own work does not land on the hub's event loop.
// Run alone: `npx tsx bench/flood.ts` → bench/results/flood.json + a table.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startHub, type RunningHub } from '../src/hub/index';
import type { CommandLimits } from '../src/hub/socket/limits';

interface Calm {
  acks: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const CLIENT = fileURLToPath(new URL('./flood-client.ts', import.meta.url));
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const mib = (bytes: number) => round(bytes / 2 ** 20);

function client(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line) reject(new Error(`flood client ${args[0]} exited ${code}`));
      else resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

/** Knowledge big enough that a full pull is real work (~60 docs of 5,000 Chinese characters). */
async function seedKnowledge(hub: RunningHub): Promise<void> {
  const docs = Array.from({ length: 60 }, (_, i) => ({
    id: `bench-doc-${i}`,
    tier: 'general' as const,
    title: `售后政策 ${i}`,
    body: '七天无理由退货，商品完好不影响二次销售。'.repeat(250),
    tags: ['售后'],
  }));
  await hub.core.publishKbNow(docs);
}

/** A process that only burns CPU: the control for "another busy process on this machine". */
function burnCpu(seconds: number) {
  return spawn(process.execPath, ['-e', `const t = Date.now(); while (Date.now() - t < ${seconds * 1000 + 3000}) {}`], {
    stdio: 'ignore',
  });
}

async function phase(
  name: string,
  limits: Partial<CommandLimits> | undefined,
  flood: boolean | 'cpu-burner',
  seconds: number,
): Promise<Record<string, unknown>> {
  const hub = await startHub({
    port: 0,
    logger: false,
    tokenSecret: 'bench-flood-secret-0123',
    ...(limits ? { commandLimits: limits } : {}),
  });
  try {
    await seedKnowledge(hub);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const burner = flood === 'cpu-burner' ? burnCpu(seconds) : undefined;
    const [calm, flooder] = await Promise.all([
      client(['calm', hub.url, 'agent2', String(seconds), '50']) as unknown as Promise<Calm>,
      flood === true ? client(['flood', hub.url, 'agent1', String(seconds), '8']) : Promise.resolve(undefined),
    ]);
    burner?.kill();
    clearInterval(sampler);
    loop.disable();
    return {
      name,
      calm,
      hubLoopDelayMs: { p99: round(loop.percentile(99) / 1e6), max: round(loop.max / 1e6) },
      ...(flooder ? { flooder } : {}),
      hubRssMiB: { before: mib(rssBefore), peak: mib(rssPeak), growth: mib(rssPeak - rssBefore) },
    };
  } finally {
    await hub.close();
  }
}

const UNLIMITED: Partial<CommandLimits> = {
  perSocket: { perSecond: 1e9, burstPer10s: 0 },
  perUser: { perSecond: 1e9, burstPer10s: 0 },
  maxInFlightPerSocket: 1e9,
  maxUnreadBytesPerSocket: Number.MAX_SAFE_INTEGER,
  maxSocketsPerUser: 1e9,
  maxHeavyInFlightPerUser: 1e9,
};

export async function runFloodBench(): Promise<Record<string, unknown>> {
  const seconds = Number(process.env.FLOOD_BENCH_SECONDS ?? 8);
  const rounds = Number(process.env.FLOOD_BENCH_ROUNDS ?? 2);
  // Rounds interleave the three phases, so a noisy moment on a shared machine shows as one odd row
  // rather than skewing one phase only.
  const phases: Array<Record<string, unknown>> = [];
  for (let r = 1; r <= rounds; r++) {
    phases.push(await phase(`#${r} no flood (default limits)`, undefined, false, seconds));
    phases.push(await phase(`#${r} no flood, one CPU-burning process (control)`, undefined, 'cpu-burner', seconds));
    phases.push(await phase(`#${r} flood, default limits`, undefined, true, seconds));
    phases.push(await phase(`#${r} flood, limits off`, UNLIMITED, true, seconds));
  }
  const result: Record<string, unknown> = {
    name: 'flood',
    description:
      "agent2's agent:status ack latency (one every 50 ms) while agent1 floods kb:pull {sinceVersion:0} from 8 sockets, 16 in flight each, ignoring RATE_LIMITED",
    seconds,
    rounds,
    phases,
  };
  return { ...result, table: table(result) };
}

function table(r: Record<string, unknown>): string {
  const rows = (r.phases as Array<Record<string, unknown>>).map((p) => {
    const c = p.calm as Calm;
    const f = p.flooder as Record<string, number> | undefined;
    const m = p.hubRssMiB as { before: number; peak: number };
    const loop = p.hubLoopDelayMs as { p99: number; max: number };
    const flood = f
      ? `${f.sockets} (${f.refusedSockets} refused) | ${f.perSec} | ${f.ok} | ${f.rateLimited}`
      : '— | — | — | —';
    return `| ${String(p.name)} | ${c.p50Ms} | ${c.p99Ms} | ${c.maxMs} | ${c.errors} | ${flood} | ${m.before} → ${m.peak} | ${loop.p99} / ${loop.max} |`;
  });
  return [
    `Flood bench: ${String(r.seconds)} s per phase; well-behaved agent's ack latency while another agent floods kb:pull`,
    '',
    '| phase | calm p50 ms | calm p99 ms | calm max ms | calm errors | flood sockets | flood cmds/s | pulls served | RATE_LIMITED | hub RSS MiB | hub loop delay p99 / max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runFloodBench();
  const out = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'flood.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(result.table);
  process.exit(0);
}
