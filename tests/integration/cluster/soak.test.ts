// The cross-node soak, short: the same processes and checks as `npm run soak -- --cycles N --nodes 2`
// (scripts/soak/cluster.ts) — two hub node processes on a redis-server this run starts (AOF always),
// the simulator beside node n0, two workstation processes listing both nodes, and at random moments a
// workstation SIGKILLed, a hub node SIGKILLed, Redis kill -9'd or the links cut. Every outcome a
// workstation reported saved is stored once, no ticket is held by two agents, no node crashed.
// XIAOER_SOAK_CYCLES sets the length (default 12). Waits are on conditions, generous for a loaded box.
import { describe, expect, it } from 'vitest';
import { runClusterSoak } from '../../../scripts/soak/cluster';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';

const CYCLES = Number(process.env.XIAOER_SOAK_CYCLES ?? 12);
if (!redisAvailable()) console.warn(`cluster soak skipped: ${REDIS_MISSING}`);

describe.skipIf(!redisAvailable())('cross-node soak (short)', () => {
  it(`${CYCLES} cycles of kills and cuts: nothing lost, doubled or double-assigned`, async () => {
    const r = await runClusterSoak({ cycles: CYCLES, nodes: 2, seed: 11, rate: 120, keep: false });
    expect(r.crashes, `hub nodes crashed; logs in ${r.dir}`).toBe(0);
    expect(r.outcomes, r.line).toBeGreaterThan(0);
    expect({ lost: r.lost, duplicated: r.duplicated, doubleAssigned: r.doubleAssigned }, r.line).toEqual({
      lost: 0,
      duplicated: 0,
      doubleAssigned: 0,
    });
    expect(r.ok, `${r.line}; logs in ${r.dir}`).toBe(true);
  }, 900_000);
});
