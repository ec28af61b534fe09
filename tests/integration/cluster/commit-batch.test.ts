// Several units' plans in one commit-script call (store/redis/commit-batch.ts), on a real redis-server:
// each unit is checked and applied on its own, so a failed precondition (a key taken, a ticket version
// moved on — also by a neighbour earlier in the same call —, a full agent) rejects that unit alone with
// StoreConflictError while its neighbours commit, and each unit gets its own events' seqs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisHubStore } from '../../../src/hub/store/redis';
import { StoreConflictError } from '../../../src/hub/store/types';
import { REDIS_MISSING, redisAvailable, startRedis, type RunningRedis } from '../../support/redis';

if (!redisAvailable()) console.warn(`commit batch tests skipped: ${REDIS_MISSING}`);

describe.skipIf(!redisAvailable())('commit script: several units in one call', () => {
  let redis: RunningRedis;
  let store: RedisHubStore;

  const evalshaCalls = async () => {
    const line = (await store.client.info('commandstats'))
      .split('\n')
      .find((l) => l.startsWith('cmdstat_evalsha:'));
    return Number(/calls=(\d+)/.exec(line ?? '')?.[1] ?? 0);
  };

  beforeAll(async () => {
    redis = await startRedis({ appendfsync: 'everysec' });
    store = await RedisHubStore.connect({ url: redis.url, prefix: `b${randomUUID().slice(0, 8)}` });
  });
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  it('a failed precondition rejects only its unit; the others in the call commit', async () => {
    const { tx, keys } = store;
    const k = (name: string) => `${keys.prefix}:test:${name}`;
    await store.client.set(k('taken'), '1');
    const ticket = k('ticket');
    await store.client.hSet(ticket, { ver: '3', status: 'active' });
    await store.client.hSet(keys.capacity, { full: '0', free: '2' });
    const before = await evalshaCalls();

    const bumpTicket = (status: string) =>
      tx.atomically(async () => {
        // both decided on version 3; the first in the call bumps it to 4
        tx.noteVersion(ticket, '3');
        tx.touchTicket(ticket, false);
        tx.hset(ticket, { status });
      });
    const results = await Promise.allSettled([
      // all seven finish in this turn of the event loop: their plans share one call
      tx.atomically(async () => tx.hset(k('first'), { v: '1' })),
      tx.atomically(async () => {
        tx.hset(k('a'), { v: 'a' });
        tx.event('u1', 'ticket:status', { n: 1 }, 1);
      }),
      tx.atomically(async () => {
        tx.requireAbsent(k('taken'));
        tx.hset(k('b'), { v: 'b' });
        tx.event('u1', 'ticket:status', { n: 2 }, 2);
      }),
      tx.atomically(async () => {
        tx.loadDelta('full', 1);
        tx.hset(k('c'), { v: 'c' });
      }),
      bumpTicket('resolved'),
      bumpTicket('pending'),
      tx.atomically(async () => {
        tx.loadDelta('free', 1);
        const ev = tx.event('u1', 'ticket:status', { n: 3 }, 3);
        return ev;
      }),
    ]);

    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const reason = (i: number) => (results[i] as PromiseRejectedResult).reason as StoreConflictError;
    expect(reason(2)).toBeInstanceOf(StoreConflictError);
    expect(reason(2).message).toContain('nx');
    expect(reason(3)).toBeInstanceOf(StoreConflictError);
    expect(reason(3).message).toContain('capacity');
    expect(reason(5)).toBeInstanceOf(StoreConflictError);
    expect(reason(5).message).toContain('ver');
    // the rejected units wrote nothing; the others everything
    expect(await store.client.exists([k('b'), k('c')])).toBe(0);
    expect(await store.client.hGet(k('a'), 'v')).toBe('a');
    expect(await store.client.hGetAll(ticket)).toEqual({ ver: '4', status: 'resolved' });
    expect(await store.client.hGet(keys.load, 'free')).toBe('1');
    expect(await store.client.hGet(keys.load, 'full')).toBeNull();
    // the two committed events got seqs 1 and 2, in call order; the rejected unit's took none
    const last = (results[6] as PromiseFulfilledResult<{ seq: number }>).value;
    expect(last.seq).toBe(2);
    const stream = await store.eventsAfter('u1', 0, 100);
    expect(stream.map((e) => [e.seq, e.payload.n])).toEqual([
      [1, 1],
      [2, 3],
    ]);
    expect((await evalshaCalls()) - before).toBe(1);
  });

  it('a unit that failed alone is re-run on its own and commits', async () => {
    const { tx, keys } = store;
    const key = `${keys.prefix}:test:retry`;
    await store.client.set(`${key}:lock`, '1');
    const attempt = () =>
      tx.atomically(async () => {
        tx.requireAbsent(`${key}:lock`);
        tx.hset(key, { v: '1' });
      });
    const [neighbour, blocked] = await Promise.allSettled([
      tx.atomically(async () => tx.hset(`${key}:n`, { v: '1' })),
      attempt(),
    ]);
    expect(neighbour.status).toBe('fulfilled');
    expect(blocked.status).toBe('rejected');
    await store.client.del(`${key}:lock`);
    await attempt();
    expect(await store.client.hGet(key, 'v')).toBe('1');
  });
});
