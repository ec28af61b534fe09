// The integration store on Redis under two nodes at once (two connections, one key prefix), with the
// race forced: both units read before either commits. One event id, one inbound seq and one outbox seq
// can be taken by one unit only; the other's commit fails with StoreConflictError (the hub's commit
// queue then re-runs it on fresh state), and an outbox re-run takes the next seq, without a gap.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisHubStore } from '../../../src/hub/store/redis';
import { StoreConflictError } from '../../../src/hub/store/types';
import type { WebhookEvent } from '../../../src/shared/integration-api';
import { REDIS_MISSING, redisAvailable, startRedis, type RunningRedis } from '../../support/redis';

if (!redisAvailable()) console.warn(`integration race tests skipped: ${REDIS_MISSING}`);

/** Runs both units so each has done its reads before either commits. */
async function interleaved<T>(a: (gate: () => Promise<void>) => Promise<T>, b: typeof a) {
  let arrived = 0;
  let open!: () => void;
  const both = new Promise<void>((r) => (open = r));
  const gate = async () => {
    if (++arrived === 2) open();
    await both;
  };
  return Promise.allSettled([a(gate), b(gate)]);
}

const event = (conversationId: string, seq: number) =>
  ({ id: `msg_${seq}`, type: 'agent.message', conversationId, seq }) as unknown as WebhookEvent;

describe.skipIf(!redisAvailable())('integration store, two nodes racing', () => {
  let redis: RunningRedis;
  let a: RedisHubStore;
  let b: RedisHubStore;
  const conv = 'cv_race';

  beforeAll(async () => {
    redis = await startRedis({ appendfsync: 'everysec' });
    const prefix = `r${randomUUID().slice(0, 8)}`;
    a = await RedisHubStore.connect({ url: redis.url, prefix });
    b = await RedisHubStore.connect({ url: redis.url, prefix });
    await a.integration.insertIntegration({ id: 'int_1', name: 'shop', createdAt: 1, revokedAt: null });
    await a.integration.insertEndpoint({
      id: 'wh_1',
      integrationId: 'int_1',
      url: 'http://127.0.0.1:9/',
      secrets: [],
      createdAt: 1,
      disabledAt: null,
      disabledReason: null,
    });
    await a.integration.insertConversation({
      id: conv,
      integrationId: 'int_1',
      externalId: 'ext-1',
      createdAt: 1,
      ackedSeq: 0,
      metadata: {},
    });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('one event id is claimed once', async () => {
    const claim = (s: RedisHubStore, seq: number) => (gate: () => Promise<void>) =>
      s.atomically(async () => {
        expect(await s.integration.getInboundEvent(conv, 'ev-1')).toBeUndefined();
        await gate();
        await s.integration.putInboundEvent({
          conversationId: conv,
          eventId: 'ev-1',
          seq,
          state: 'applied',
          payload: '{}',
          result: `{"by":${seq}}`,
        });
        await s.integration.setAckedSeq(conv, seq);
      });
    const [ra, rb] = await interleaved(claim(a, 1), claim(b, 2));
    const outcomes = [ra.status, rb.status].sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const lost = [ra, rb].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(StoreConflictError);
    const stored = await a.integration.getInboundEvent(conv, 'ev-1');
    expect((await a.integration.getConversation(conv))!.ackedSeq).toBe(stored!.seq);
  });

  it('one inbound seq belongs to one event', async () => {
    const claim = (s: RedisHubStore, eventId: string) => (gate: () => Promise<void>) =>
      s.atomically(async () => {
        expect(await s.integration.inboundEventAtSeq(conv, 7)).toBeUndefined();
        await gate();
        await s.integration.putInboundEvent({
          conversationId: conv,
          eventId,
          seq: 7,
          state: 'held',
          payload: '{}',
          result: null,
        });
      });
    const [ra, rb] = await interleaved(claim(a, 'ev-a'), claim(b, 'ev-b'));
    expect([ra.status, rb.status].sort()).toEqual(['fulfilled', 'rejected']);
    const winner = ra.status === 'fulfilled' ? 'ev-a' : 'ev-b';
    expect((await b.integration.inboundEventAtSeq(conv, 7))?.eventId).toBe(winner);
    expect(await b.integration.heldSeqs(conv)).toEqual([7]);
  });

  it('two appends to one outbox cannot take the same seq; the re-run takes the next', async () => {
    const append = (s: RedisHubStore) => (gate: () => Promise<void>) =>
      s.atomically(async () => {
        const head = await s.integration.outboxAfter(conv, 0, 100);
        await gate();
        const rec = await s.integration.appendOutbox(
          conv,
          'int_1',
          'agent.message',
          (seq) => event(conv, seq),
          5,
        );
        return { rec, before: head.length };
      });
    const [ra, rb] = await interleaved(append(a), append(b));
    expect([ra.status, rb.status].sort()).toEqual(['fulfilled', 'rejected']);
    const lost = [ra, rb].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(StoreConflictError);
    // what the commit queue does: run the loser again on fresh state
    const again = await b.atomically(() =>
      b.integration.appendOutbox(conv, 'int_1', 'agent.message', (seq) => event(conv, seq), 6),
    );
    expect(again.seq).toBe(2);
    expect((await a.integration.outboxAfter(conv, 0, 100)).map((r) => r.seq)).toEqual([1, 2]);
    expect(await a.integration.pendingDeliveries('wh_1')).toBe(2);
    expect((await a.integration.dueDeliveries(10, 10)).map((d) => d.seq)).toEqual([1]);
  });
});
