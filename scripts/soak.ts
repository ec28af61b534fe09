// `npm run soak -- --cycles N`: the real hub and a real workstation core as separate processes, with
// simulated work flowing, and on each cycle one of: SIGKILL the workstation (often mid-transaction),
// SIGKILL the hub, or cut the connection between them. At the end, the outcomes the workstation
// reported saved are compared with what the hub stored. Last line:
//   cycles=N outcomes=X delivered=X lost=0 duplicated=0
// With --nodes 2 (and optionally --redis URL) the run is across hub nodes on Redis: scripts/soak/cluster.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  compareOutcomes,
  freePort,
  startHubProcess,
  startProxy,
  startWorkstationProcess,
  waitFor,
  type Proc,
  type WorkstationProc,
} from './soak/harness';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    rate: { type: 'string', default: '120' }, // escalations per minute
    keep: { type: 'boolean', default: false },
    // several hub nodes on one Redis (scripts/soak/cluster.ts); without --redis a redis-server is started
    nodes: { type: 'string', default: '1' },
    redis: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
if (Number(values.nodes) > 1 || values.redis) {
  const { runClusterSoak } = await import('./soak/cluster');
  const { ok } = await runClusterSoak({
    cycles: Number(values.cycles),
    nodes: Math.max(1, Number(values.nodes)),
    seed: Number(values.seed),
    rate: Number(values.rate),
    ...(values.redis ? { redisUrl: values.redis } : {}),
    keep: values.keep!,
    verbose: values.verbose!,
  });
  process.exit(ok ? 0 : 1);
}
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
const journal = join(dir, 'journal.ndjson');
const hubPort = await freePort();
const proxy = await startProxy(hubPort);
const hubOptions = { port: hubPort, db: hubDb, seed: Number(values.seed), rate: Number(values.rate) };
const workstationOptions = { hubUrl: proxy.url, dataDir: join(dir, 'workstation'), journal };

let hub: Proc = await startHubProcess(hubOptions);
let workstation: WorkstationProc = startWorkstationProcess(workstationOptions);
await sleep(2000);

const counts = { 'kill-workstation': 0, 'kill-hub': 0, cut: 0 };
for (let i = 1; i <= cycles; i++) {
  await sleep(300 + random() * 1200);
  const roll = random();
  const action = roll < 0.45 ? 'kill-workstation' : roll < 0.75 ? 'kill-hub' : 'cut';
  counts[action]++;
  if (action === 'kill-workstation') {
    await workstation.kill();
    workstation = startWorkstationProcess(workstationOptions);
  } else if (action === 'kill-hub') {
    await hub.kill();
    await sleep(random() * 500);
    hub = await startHubProcess(hubOptions);
  } else {
    proxy.cut();
  }
  if (i % 10 === 0)
    process.stderr.write(
      `cycle ${i}/${cycles} ${JSON.stringify(counts)} pending=${workstation.status().pending}\n`,
    );
}

// Let the workstation drain its outbox, then stop everything and compare.
await sleep(1000);
await waitFor(
  () => workstation.status().pending === 0 && workstation.status().phase === 'online',
  90_000,
  'the outbox to drain',
).catch((err: Error) => process.stderr.write(`${err.message}\n`));
await sleep(1000);
const conflicts = workstation.status().conflicts;
await workstation.kill('SIGTERM');
await hub.kill();
await proxy.close();

const result = compareOutcomes(journal, hubDb);
process.stderr.write(
  `actions ${JSON.stringify(counts)}; hub stored ${result.hubStored} outcomes; sync conflicts ${conflicts}; data in ${dir}\n`,
);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
console.log(
  `cycles=${cycles} outcomes=${result.outcomes} delivered=${result.delivered} lost=${result.lost} duplicated=${result.duplicated}`,
);
process.exit(result.lost === 0 && result.duplicated === 0 ? 0 : 1);
