// Retention of the integration API's records on SQLite (store/sqlite/integration-retention.ts), on a
// real hub.db file: the same windows as Redis (tests/integration/cluster/integration-retention.test.ts).
// A conversation's inbound dedup records are kept INBOUND_RETAIN_MS after its latest event and a
// duplicate inside that window is still `duplicate`; after it the hub's timer prunes them, a re-sent
// event at or before the acked seq is `ignored` and the next seq applies. A conversation's record goes
// CONVERSATION_RETAIN_MS after its ticket closed, not before, and an event after the close does not
// prolong it. Pruning runs in bounded batches that resume where they stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../src/hub/index';
import { escalate, receiveEvents } from '../../../src/hub/integration/inbound-api';
import {
  CONVERSATION_RETAIN_MS,
  INBOUND_RETAIN_MS,
  MESSAGE_DELIVERY_RETAIN_MS,
} from '../../../src/hub/store/integration-types';
import { SqliteHubStore, type SqliteStoreOptions } from '../../../src/hub/store/sqlite';
import { SqliteIntegrationRetention } from '../../../src/hub/store/sqlite/integration-retention';
import { EscalationRequestSchema } from '../../../src/shared/integration-api';
import { customerMessage, escalationBody, integration } from '../../support/integration';
import { HUB_STORE, until } from './helpers';

const hubs: RunningHub[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function hubWith(opts: Partial<SqliteStoreOptions> = {}, retentionSweepMs?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hub-retention-'));
  dirs.push(dir);
  const store = new SqliteHubStore({ path: join(dir, 'hub.db'), ...opts });
  const hub = await startHub({
    port: 0,
    logger: false,
    tokenSecret: 'retention-test-secret',
    kbSeedDir: false,
    store,
    ...(retentionSweepMs ? { retentionSweepMs } : {}),
  });
  hubs.push(hub);
  const integrationId = (await integration(hub)).integration.id;
  const { answer } = await escalate(
    hub.core,
    integrationId,
    `k-${Math.random()}`,
    EscalationRequestSchema.parse(escalationBody()),
  );
  const conv = answer.body.conversationId;
  const prune = (now: number) => hub.core.serial(() => store.pruneIntegrationRecords(now));
  const inboundRows = () =>
    (
      store.db.prepare('SELECT COUNT(*) AS n FROM inbound_events WHERE conversation_id = ?').get(conv) as {
        n: number;
      }
    ).n;
  const times = () =>
    store.db
      .prepare('SELECT last_inbound_at, closed_at FROM integration_conversations WHERE id = ?')
      .get(conv) as { last_inbound_at: number | null; closed_at: number | null } | undefined;
  return { hub, store, integrationId, conv, prune, inboundRows, times };
}

// SQLite only: the hub-redis project runs the same file, with nothing different to test
describe.skipIf(HUB_STORE === 'redis')('integration records on SQLite: retention', () => {
  it('keeps dedup records for the window after the latest event and still rejects a duplicate', async () => {
    const { hub, store, integrationId, conv, prune, inboundRows, times } = await hubWith();
    const before = Date.now();
    const first = await receiveEvents(hub.core, integrationId, conv, [
      customerMessage(1),
      customerMessage(3),
    ]);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'held']);
    const at = times()!.last_inbound_at!;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    // inside the window (a minute before its end): nothing goes, the duplicate is still recognised
    expect(await prune(at + INBOUND_RETAIN_MS - 60_000)).toEqual({
      inboundEvents: 0,
      conversations: 0,
      outbox: 0,
      messageDeliveries: 0,
      more: false,
    });
    expect(inboundRows()).toBe(2);
    const messages = await store.messageCount(conv);
    const again = await receiveEvents(hub.core, integrationId, conv, [customerMessage(1)]);
    expect(again.results[0]).toMatchObject({ eventId: 'ev-1', status: 'duplicate' });
    expect(await store.messageCount(conv)).toBe(messages);
    // the duplicate was an inbound event too: the window now runs from it
    const latest = times()!.last_inbound_at!;
    expect(latest).toBeGreaterThanOrEqual(at);
    // past the window: the conversation's records go (the held one too), the conversation stays
    expect(await prune(latest + INBOUND_RETAIN_MS + 1)).toEqual({
      inboundEvents: 2,
      conversations: 0,
      outbox: 0,
      messageDeliveries: 0,
      more: false,
    });
    expect(inboundRows()).toBe(0);
    expect(times()).toEqual({ last_inbound_at: null, closed_at: null });
    expect(await store.integration.heldSeqs(conv)).toEqual([]);
    expect((await store.integration.getConversation(conv))?.ackedSeq).toBe(1);
  });

  it("the hub's timer prunes after a short window: a re-sent event is ignored, the next seq applies", async () => {
    const { hub, store, integrationId, conv, inboundRows, times } = await hubWith(
      { inboundRetainMs: 300 },
      100,
    );
    expect(
      (await receiveEvents(hub.core, integrationId, conv, [customerMessage(1)])).results[0]!.status,
    ).toBe('applied');
    const messages = await store.messageCount(conv);
    await until(async () => inboundRows() === 0, 5000);
    expect(times()!.last_inbound_at).toBeNull();
    const late = await receiveEvents(hub.core, integrationId, conv, [customerMessage(1), customerMessage(2)]);
    expect(late.results.map((r) => r.status)).toEqual(['ignored', 'applied']);
    expect(late.ackedSeq).toBe(2);
    expect(await store.messageCount(conv)).toBe(messages + 1);
  });

  it("removes a conversation's record the window after its ticket closes, not before", async () => {
    // dedup records kept longer than the record itself: they still go with it
    const { hub, store, integrationId, conv, prune, inboundRows, times } = await hubWith({
      inboundRetainMs: 2 * CONVERSATION_RETAIN_MS,
    });
    await receiveEvents(hub.core, integrationId, conv, [customerMessage(1)]);
    // open: never removed, however old
    expect((await prune(Date.now() + CONVERSATION_RETAIN_MS + 60_000)).conversations).toBe(0);
    expect(await store.integration.getConversation(conv)).toBeDefined();
    expect(times()!.closed_at).toBeNull();

    const before = Date.now();
    await hub.core.serial(() => store.updateTicket(conv, { status: 'resolved' }));
    const closedAt = times()!.closed_at!;
    expect(closedAt).toBeGreaterThanOrEqual(before);
    // an event after the close is recorded (ignored) and acked; the close time stays the first one
    const after = await receiveEvents(hub.core, integrationId, conv, [customerMessage(2)]);
    expect(after.results[0]!.status).toBe('ignored');
    expect((await store.integration.getConversation(conv))?.ackedSeq).toBe(2);
    await hub.core.serial(() => store.updateTicket(conv, { status: 'resolved' }));
    expect(times()!.closed_at).toBe(closedAt);

    expect((await prune(closedAt + CONVERSATION_RETAIN_MS - 60_000)).conversations).toBe(0);
    expect(await store.integration.getConversation(conv)).toBeDefined();
    // past it: the record goes, and with it the dedup records (the event after the close's too)
    expect(inboundRows()).toBe(2);
    expect(await prune(closedAt + CONVERSATION_RETAIN_MS + 1)).toEqual({
      inboundEvents: 2,
      conversations: 1,
      outbox: 0,
      messageDeliveries: 0,
      more: false,
    });
    expect(await store.integration.getConversation(conv)).toBeUndefined();
    expect(inboundRows()).toBe(0);
    await expect(receiveEvents(hub.core, integrationId, conv, [customerMessage(3)])).rejects.toThrow(
      /no conversation/,
    );
  });

  it('prunes in bounded batches that resume where they stopped; the next seq still applies', async () => {
    const { hub, store, integrationId, conv, inboundRows } = await hubWith();
    await receiveEvents(
      hub.core,
      integrationId,
      conv,
      Array.from({ length: 25 }, (_, i) => customerMessage(i + 1)),
    );
    expect(inboundRows()).toBe(25);
    const retention = new SqliteIntegrationRetention(store.db, {}, 10);
    const steps = [];
    const far = Date.now() + INBOUND_RETAIN_MS + 1000;
    for (let i = 0; i < 10; i++) {
      const step = await hub.core.serial(async () => retention.prune(far));
      steps.push(step.inboundEvents);
      if (!step.more) break;
    }
    expect(steps).toEqual([10, 10, 5]);
    expect(inboundRows()).toBe(0);
    const next = await receiveEvents(hub.core, integrationId, conv, [
      customerMessage(5),
      customerMessage(26),
    ]);
    expect(next.results.map((r) => r.status)).toEqual(['ignored', 'applied']);
    expect(next.ackedSeq).toBe(26);
  });
});

describe.skipIf(HUB_STORE === 'redis')('webhook outbox and delivery reports on SQLite: retention', () => {
  it("keeps a closed conversation's outbox while a delivery is pending, removes it with the record after", async () => {
    const { hub, store, integrationId, conv, prune, times } = await hubWith();
    const s = store.integration;
    const outboxRows = () =>
      (
        store.db.prepare('SELECT COUNT(*) AS n FROM webhook_outbox WHERE conversation_id = ?').get(conv) as {
          n: number;
        }
      ).n;
    await hub.core.serial(() =>
      s.insertEndpoint({
        id: 'ep1',
        integrationId,
        url: 'http://127.0.0.1:1/',
        secrets: [],
        createdAt: Date.now(),
        disabledAt: null,
        disabledReason: null,
      }),
    );
    const ev = await hub.core.serial(() =>
      s.appendOutbox(
        conv,
        integrationId,
        'agent.message',
        (seq) => ({ id: `evt-${seq}`, seq }) as never,
        Date.now(),
      ),
    );
    await hub.core.serial(() => store.updateTicket(conv, { status: 'resolved' }));
    const closedAt = times()!.closed_at!;
    const rows = outboxRows();
    expect(rows).toBeGreaterThan(0);
    // inside the window: kept
    expect((await prune(closedAt + CONVERSATION_RETAIN_MS - 60_000)).outbox).toBe(0);
    // past it, but a delivery still pending: outbox and record kept, so the dispatcher can still send
    const past = closedAt + CONVERSATION_RETAIN_MS + 1;
    expect(await prune(past)).toMatchObject({ outbox: 0, conversations: 0 });
    expect(await s.getOutbox(conv, ev.seq)).toBeDefined();
    expect(await s.getConversation(conv)).toBeDefined();
    // delivered (every pending one): the next pass removes both
    for (const d of store.db
      .prepare('SELECT endpoint_id, seq FROM webhook_deliveries WHERE conversation_id = ?')
      .all(conv) as { endpoint_id: string; seq: number }[])
      await hub.core.serial(() => s.deliveryDone(d.endpoint_id, conv, d.seq));
    expect(await prune(past)).toMatchObject({ outbox: rows, conversations: 1 });
    expect(outboxRows()).toBe(0);
    expect(await s.getConversation(conv)).toBeUndefined();
  });

  it('keeps a message delivery report for the window after its at, not after', async () => {
    const { hub, store, conv, prune } = await hubWith();
    const at = Date.now();
    await hub.core.serial(() =>
      store.integration.putMessageDelivery({
        messageId: 'm1',
        conversationId: conv,
        status: 'delivered',
        reason: null,
        at,
      }),
    );
    expect((await prune(at + MESSAGE_DELIVERY_RETAIN_MS - 60_000)).messageDeliveries).toBe(0);
    expect(await store.integration.getMessageDelivery('m1')).toMatchObject({ status: 'delivered', at });
    expect((await prune(at + MESSAGE_DELIVERY_RETAIN_MS + 1)).messageDeliveries).toBe(1);
    expect(await store.integration.getMessageDelivery('m1')).toBeUndefined();
  });
});
