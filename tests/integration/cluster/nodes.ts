/* eslint-disable @typescript-eslint/no-explicit-any -- event payloads are checked by the assertions */
// Several hub nodes on one real redis-server (tests/support/redis.ts), for the cluster tests.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startHub, type RunningHub, type StartHubOptions } from '../../../src/hub/index';
import { RedisHubStore } from '../../../src/hub/store/redis';
import { startRedis, type RunningRedis } from '../../support/redis';

export const SECRET = 'cluster-test-secret-0123456789';

/** n hub nodes named a, b, … sharing one key prefix on redis. */
export async function startNodes(
  redis: RunningRedis,
  n: number,
  opts: StartHubOptions = {},
  prefix = `c${randomUUID().slice(0, 8)}`,
): Promise<RunningHub[]> {
  const hubs: RunningHub[] = [];
  for (let i = 0; i < n; i++) {
    const store = await RedisHubStore.connect({ url: redis.url, prefix });
    hubs.push(
      await startHub({
        port: 0,
        logger: false,
        tokenSecret: SECRET,
        kbSeedDir: false,
        store,
        node: String.fromCharCode(97 + i),
        ...opts,
      }),
    );
  }
  return hubs;
}

export async function closeAll(hubs: RunningHub[]): Promise<void> {
  await Promise.all(hubs.map((h) => h.close().catch(() => undefined)));
}

/**
 * For one describe block of cluster tests: a redis-server for its tests (started before the first,
 * stopped after the last) and hub nodes started through `nodes()`, each closed after its test.
 */
export function clusterFixture(opts: Parameters<typeof startRedis>[0] = { appendfsync: 'everysec' }) {
  let redis: RunningRedis | undefined;
  let started: RunningHub[] = [];
  beforeAll(async () => {
    redis = await startRedis(opts);
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await closeAll(started);
    started = [];
  });
  return {
    get redis(): RunningRedis {
      if (!redis) throw new Error('clusterFixture: redis is not running (outside a test?)');
      return redis;
    },
    /** n nodes (see startNodes), closed after the test. */
    async nodes(n: number, hubOpts: StartHubOptions = {}, prefix?: string): Promise<RunningHub[]> {
      const hubs = await startNodes(this.redis, n, hubOpts, prefix);
      started.push(...hubs);
      return hubs;
    },
  };
}

/** From one agent's events in seq order: the tickets they hold after each event (assigned → released). */
export function holdings(events: Array<{ name: string; payload: any }>): Array<Set<string>> {
  const held = new Set<string>();
  const out: Array<Set<string>> = [];
  for (const e of events) {
    if (e.name === 'ticket:assigned') held.add(e.payload.ticket.id);
    if (e.name === 'ticket:revoked') held.delete(e.payload.ticketId);
    if (
      e.name === 'ticket:status' &&
      ['resolved', 'returned_to_bot', 'transferred'].includes(e.payload.status)
    )
      held.delete(e.payload.ticketId);
    out.push(new Set(held));
  }
  return out;
}
