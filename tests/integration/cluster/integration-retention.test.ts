// Retention of the integration API's records on Redis (store/redis/integration.ts), on a real
// redis-server: a conversation's inbound-event dedup records expire INBOUND_RETAIN_MS after its latest
// event (the expiry set in the commit script with the write), a duplicate inside the window is still
// recognised, and one re-sent after the records are gone is ignored, not applied twice. A conversation's
// record expires CONVERSATION_RETAIN_MS after its ticket closes, not before; a record in the old
// shared-hash layout is still read and moves to its own hash on its next write.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../src/hub/index';
import { escalate, receiveEvents } from '../../../src/hub/integration/inbound-api';
import { RedisHubStore, type RedisStoreOptions } from '../../../src/hub/store/redis';
import {
  CONVERSATION_RETAIN_MS,
  INBOUND_RETAIN_MS,
  MESSAGE_DELIVERY_RETAIN_MS,
} from '../../../src/hub/store/integration-types';
import { EscalationRequestSchema } from '../../../src/shared/integration-api';
import { customerMessage, escalationBody, integration } from '../../support/integration';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { until } from '../hub/helpers';
import { SECRET, clusterFixture } from './nodes';

if (!redisAvailable()) console.warn(`integration retention tests skipped: ${REDIS_MISSING}`);

describe.skipIf(!redisAvailable())('integration records on Redis: retention', () => {
  const cluster = clusterFixture();
  const hubs: RunningHub[] = [];

  async function hubWith(opts: Partial<RedisStoreOptions> = {}) {
    const store = await RedisHubStore.connect({
      url: cluster.redis.url,
      prefix: `ir${randomUUID().slice(0, 8)}`,
      ...opts,
    });
    const hub = await startHub({
      port: 0,
      logger: false,
      tokenSecret: SECRET,
      kbSeedDir: false,
      store,
      node: 'a',
    });
    hubs.push(hub);
    const integrationId = (await integration(hub)).integration.id;
    const { answer } = await escalate(
      hub.core,
      integrationId,
      `k-${randomUUID()}`,
      EscalationRequestSchema.parse(escalationBody()),
    );
    return { hub, store, integrationId, conv: answer.body.conversationId };
  }
  const closeHubs = async () => {
    for (const h of hubs.splice(0)) await h.close();
  };

  it('keeps dedup records for the window (expiry set with the write) and still rejects a duplicate', async () => {
    try {
      const { hub, store, integrationId, conv } = await hubWith();
      const first = await receiveEvents(hub.core, integrationId, conv, [
        customerMessage(1),
        customerMessage(3),
      ]);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'held']);
      for (const what of ['in', 'ins', 'held']) {
        const ttl = await store.client.pTTL(store.keys.int(what, conv));
        expect(ttl, what).toBeGreaterThan(INBOUND_RETAIN_MS - 60_000);
        expect(ttl, what).toBeLessThanOrEqual(INBOUND_RETAIN_MS);
      }
      const messages = await store.messageCount(conv);
      const again = await receiveEvents(hub.core, integrationId, conv, [customerMessage(1)]);
      expect(again.results[0]).toMatchObject({ eventId: 'ev-1', status: 'duplicate' });
      expect(await store.messageCount(conv)).toBe(messages);
    } finally {
      await closeHubs();
    }
  });

  it('ignores an event re-sent after its record expired (never applied twice); later seqs go on', async () => {
    try {
      const { hub, store, integrationId, conv } = await hubWith({ inboundRetainMs: 300 });
      expect(
        (await receiveEvents(hub.core, integrationId, conv, [customerMessage(1)])).results[0]!.status,
      ).toBe('applied');
      const messages = await store.messageCount(conv);
      await until(async () => (await store.client.exists(store.keys.int('in', conv))) === 0, 5000);
      const late = await receiveEvents(hub.core, integrationId, conv, [
        customerMessage(1),
        customerMessage(2),
      ]);
      expect(late.results.map((r) => r.status)).toEqual(['ignored', 'applied']);
      expect(late.ackedSeq).toBe(2);
      expect(await store.messageCount(conv)).toBe(messages + 1);
    } finally {
      await closeHubs();
    }
  });

  it("expires a conversation's record after its ticket closes, not before", async () => {
    try {
      const { hub, store, integrationId, conv } = await hubWith();
      const key = store.keys.int('cv', conv);
      await receiveEvents(hub.core, integrationId, conv, [customerMessage(1)]);
      expect(await store.client.pTTL(key)).toBe(-1); // open: kept
      await hub.core.serial(() => store.updateTicket(conv, { status: 'resolved' }));
      const ttl = await store.client.pTTL(key);
      expect(ttl).toBeGreaterThan(CONVERSATION_RETAIN_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(CONVERSATION_RETAIN_MS);
      // an event after the close is recorded (ignored) and acked; the record's expiry stays
      const after = await receiveEvents(hub.core, integrationId, conv, [customerMessage(2)]);
      expect(after.results[0]!.status).toBe('ignored');
      expect((await store.integration.getConversation(conv))?.ackedSeq).toBe(2);
      const later = await store.client.pTTL(key);
      expect(later).toBeGreaterThan(0);
      expect(later).toBeLessThanOrEqual(ttl);
    } finally {
      await closeHubs();
    }
  });

  it('reads a conversation in the old shared-hash layout and moves it on its next write', async () => {
    try {
      const { hub, store, conv } = await hubWith({ conversationRetainMs: 60_000 });
      const int = store.integration;
      const rec = await int.getConversation(conv);
      // put it back the way the previous version stored it: fields of the shared `c` and `oseq` hashes
      await store.client.del(store.keys.int('cv', conv));
      await store.client.hSet(store.keys.int('c'), conv, JSON.stringify(rec));
      await store.client.hSet(store.keys.int('oseq'), conv, '4');
      expect(await int.getConversation(conv)).toEqual(rec);
      await hub.core.serial(() => store.updateTicket(conv, { status: 'resolved' }));
      const appended = await hub.core.serial(() =>
        int.appendOutbox(conv, rec!.integrationId, 'agent.message', (seq) => ({ seq }) as never, Date.now()),
      );
      expect(appended.seq).toBe(5); // the head came along
      expect(Number(await store.client.hExists(store.keys.int('c'), conv))).toBe(0);
      expect(Number(await store.client.hExists(store.keys.int('oseq'), conv))).toBe(0);
      expect(await int.getConversation(conv)).toEqual(rec);
      // it was closed when it moved: the move gave it its expiry
      const ttl = await store.client.pTTL(store.keys.int('cv', conv));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await closeHubs();
    }
  });

  it('keeps a message delivery report for the window after its at (one expiring key); old-layout reports still read', async () => {
    try {
      const { hub, store, conv } = await hubWith({ messageDeliveryRetainMs: 400 });
      const s = store.integration!;
      const at = Date.now();
      await hub.core.serial(() =>
        s.putMessageDelivery({ messageId: 'm1', conversationId: conv, status: 'failed', reason: 'x', at }),
      );
      const key = store.keys.int('md', 'm1');
      const ttl = await store.client.pTTL(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(400);
      expect(await s.getMessageDelivery('m1')).toMatchObject({ status: 'failed', reason: 'x', at });
      await until(async () => (await store.client.exists(key)) === 0, 5000);
      expect(await s.getMessageDelivery('m1')).toBeUndefined();
      // written by the old code into the one hash: still found
      const old = { messageId: 'm0', conversationId: conv, status: 'delivered', reason: null, at };
      await store.client.hSet(store.keys.int('md'), 'm0', JSON.stringify(old));
      expect(await s.getMessageDelivery('m0')).toEqual(old);
      // the default window: about MESSAGE_DELIVERY_RETAIN_MS after at
      const { hub: hub2, store: store2, conv: conv2 } = await hubWith();
      await hub2.core.serial(() =>
        store2.integration!.putMessageDelivery({
          messageId: 'm2',
          conversationId: conv2,
          status: 'delivered',
          reason: null,
          at: Date.now(),
        }),
      );
      expect(await store2.client.pTTL(store2.keys.int('md', 'm2'))).toBeGreaterThan(
        MESSAGE_DELIVERY_RETAIN_MS - 60_000,
      );
    } finally {
      await closeHubs();
    }
  });
});
