// The IntegrationStore's delivery queue on the store this project runs on (SQLite in memory, or Redis
// on hub-redis): only the head of an (endpoint, conversation) queue is due, and a head backing off
// sets the next wake-up even when later events of its queue were due long ago.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteHubStore } from '../../../src/hub/store/sqlite';
import type { HubStore } from '../../../src/hub/store/types';
import type { WebhookEvent } from '../../../src/shared/integration-api';
import { testStore } from './helpers';

let store: HubStore;
afterEach(async () => {
  await store?.close();
});

const event = (conversationId: string, seq: number) =>
  ({
    id: `msg_${conversationId}_${seq}`,
    type: 'agent.message',
    conversationId,
    seq,
  }) as unknown as WebhookEvent;

describe('webhook delivery queue', () => {
  it('sends heads only; a backing-off head sets the next wake-up', async () => {
    store = (await testStore()) ?? new SqliteHubStore({ path: ':memory:' });
    const s = store.integration!;
    await store.atomically(async () => {
      await s.insertIntegration({ id: 'int_q', name: 'queue', createdAt: 1, revokedAt: null });
      await s.insertEndpoint({
        id: 'wh_q',
        integrationId: 'int_q',
        url: 'http://127.0.0.1:9/',
        secrets: [],
        createdAt: 1,
        disabledAt: null,
        disabledReason: null,
      });
      for (const id of ['cv_a', 'cv_b'])
        await s.insertConversation({
          id,
          integrationId: 'int_q',
          externalId: id,
          createdAt: 1,
          ackedSeq: 0,
          metadata: {},
        });
    });
    const append = (conv: string, at: number) =>
      store.atomically(() => s.appendOutbox(conv, 'int_q', 'agent.message', (seq) => event(conv, seq), at));
    await append('cv_a', 100);
    await append('cv_a', 110);
    await append('cv_b', 105);
    expect(await s.dueDeliveries(1000, 10)).toEqual([
      { endpointId: 'wh_q', conversationId: 'cv_a', seq: 1, attempts: 0 },
      { endpointId: 'wh_q', conversationId: 'cv_b', seq: 1, attempts: 0 },
    ]);
    expect(await s.pendingDeliveries('wh_q')).toBe(3);

    // cv_a's head fails and backs off until 5000; its seq 2 (due since 110) must wait behind it
    await store.atomically(() => s.deliveryRetry('wh_q', 'cv_a', 1, 1, 5000, 'HTTP 500'));
    await store.atomically(() => s.deliveryDone('wh_q', 'cv_b', 1));
    expect(await s.dueDeliveries(1000, 10)).toEqual([]);
    expect(await s.nextDeliveryAt()).toBe(5000);

    // the endpoint answers again: the backed-off head is due now; once sent, seq 2 follows
    await store.atomically(() => s.deliveryResumeEndpoint('wh_q', 1200));
    expect(await s.dueDeliveries(1200, 10)).toEqual([
      { endpointId: 'wh_q', conversationId: 'cv_a', seq: 1, attempts: 1 },
    ]);
    await store.atomically(() => s.deliveryDone('wh_q', 'cv_a', 1));
    expect(await s.dueDeliveries(1200, 10)).toEqual([
      { endpointId: 'wh_q', conversationId: 'cv_a', seq: 2, attempts: 0 },
    ]);
    expect(await s.nextDeliveryAt()).toBe(110);

    // a disabled endpoint sends nothing and keeps its queue; deleting it drops the queue
    await store.atomically(() => s.updateEndpoint('wh_q', { disabledAt: 1300, disabledReason: 'test' }));
    expect(await s.dueDeliveries(2000, 10)).toEqual([]);
    expect(await s.nextDeliveryAt()).toBeNull();
    expect(await s.pendingDeliveries('wh_q')).toBe(1);
    await store.atomically(() => s.deleteEndpoint('wh_q'));
    expect(await s.pendingDeliveries('wh_q')).toBe(0);
    expect((await s.outboxAfter('cv_a', 0, 10)).map((r) => r.seq)).toEqual([1, 2]);
  });
});
