/* eslint-disable @typescript-eslint/no-explicit-any -- webhook payloads are checked by the assertions */
// Webhooks end to end over plain HTTP: an escalation reaches the agent, the agent's reply and coupon
// reach the platform's receiver, closing posts the outcome, returning to the bot releases control. And
// the delivery guarantees: the receiver down during live work (XIAOER_WEBHOOK_OUTAGE_MS, 5 minutes in
// the issue, a few seconds here — the same mechanism) ends with every event delivered once, in
// per-conversation order; 410 disables an endpoint; the verifier refuses tampering and stale timestamps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { signatureFor } from '../../../src/hub/integration/signing';
import { verifyWebhook } from '../../../src/integration-client';
import type { WebhookEvent } from '../../../src/shared/integration-api';
import { outcome } from '../../support/fixtures';
import { escalationBody, integration, receiverFor } from '../../support/integration';
import { connectAs, sleep, testHub, until, type TestClient } from './helpers';

const OUTAGE_MS = Number(process.env.XIAOER_WEBHOOK_OUTAGE_MS ?? 4000);

let hub: RunningHub;
let agent: TestClient;

beforeEach(async () => {
  hub = await testHub({
    kbSeedDir: false,
    integration: {
      webhooks: { retryScheduleMs: Array.from({ length: 40 }, (_, i) => Math.min(2000, 100 * 2 ** i)) },
    },
  });
  agent = await connectAs(hub, 'agent8');
});
afterEach(async () => {
  agent.close();
  await hub.close();
});

const types = (events: WebhookEvent[], id: string) =>
  events.filter((e) => e.conversationId === id).map((e) => e.type);

async function escalateTo(client: Awaited<ReturnType<typeof integration>>['client'], key: string) {
  const made = await client.escalate(
    escalationBody({ intent: { name: 'coupon_inquiry', confidence: 0.9 } }),
    key,
  );
  if (!made.ok) throw new Error(made.error.message);
  await agent.waitFor('ticket:assigned', (p) => p.ticket.id === made.data.conversationId);
  return made.data.conversationId;
}

describe('end to end over HTTP', () => {
  it('escalation → agent; reply + coupon → receiver; close → outcome; return to bot → control.released', async () => {
    const { client } = await integration(hub);
    const rx = await receiverFor(client);
    const id = await escalateTo(client, 'e2e-1');
    await agent.ok('ticket:accept', { ticketId: id, idempotencyKey: 'acc-1' });
    const reply = await agent.ok('ticket:reply', {
      ticketId: id,
      clientMsgId: 'r-1',
      body: { kind: 'text', text: '您好，我来帮您查一下' },
    });
    const coupon = {
      id: 'cp-1',
      title: '满100减10',
      amount: 10,
      threshold: 100,
      expiresAt: Date.now() + 86_400_000,
    };
    await agent.ok('ticket:reply', {
      ticketId: id,
      clientMsgId: 'r-2',
      body: { kind: 'coupon_card', coupon },
    });
    await agent.ok(
      'ticket:outcome',
      outcome({
        idempotencyKey: 'o-1',
        ticketId: id,
        agentId: 'agent8',
        intent: 'coupon_inquiry',
        note: '已发券',
        suggestionEvents: [
          { suggestionId: 's-x', source: 'upstream_ai', event: 'shown', at: Date.now() },
          { suggestionId: 's-x', source: 'upstream_ai', event: 'sent', at: Date.now() },
        ],
      }),
    );
    await until(() => types(rx.events, id).length === 4, 10_000, 'four webhooks');
    expect(types(rx.events, id)).toEqual([
      'handoff.accepted',
      'agent.message',
      'agent.message',
      'conversation.closed',
    ]);
    const [accepted, text, card, closed] = rx.events.filter((e) => e.conversationId === id) as any[];
    expect(accepted.data.agent).toEqual({ id: 'agent8', name: '黄磊' });
    expect(text.data).toMatchObject({
      messageId: reply.message.id,
      content: { kind: 'text', text: '您好，我来帮您查一下' },
    });
    expect(card.data.content).toEqual({ kind: 'coupon', coupon });
    expect(closed.data).toMatchObject({
      resolution: 'resolved',
      csatRequested: true,
      suggestions: [{ suggestionId: 's-x', use: 'used' }],
    });
    expect(rx.events.filter((e) => e.conversationId === id).map((e) => e.seq)).toEqual([1, 2, 3, 4]);

    const back = await escalateTo(client, 'e2e-2');
    await agent.ok(
      'ticket:outcome',
      outcome({
        idempotencyKey: 'o-2',
        ticketId: back,
        agentId: 'agent8',
        intent: 'coupon_inquiry',
        resolution: 'returned_to_bot',
        note: '顾客只需查询优惠，交还机器人',
      }),
    );
    await until(() => types(rx.events, back).includes('control.released'), 10_000, 'control.released');
    const released = rx.events.find((e) => e.conversationId === back && e.type === 'control.released') as any;
    expect(released.data.reason).toBe('顾客只需查询优惠，交还机器人');
    expect(released.data.metadata).toMatchObject({ shop: 'demo-shop', botVersion: 7, agentId: 'agent8' });

    // the replay endpoint returns the same events from the outbox
    const replay = await client.replay(id, 1);
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.data.events.map((e) => e.id)).toEqual(
      rx.events
        .filter((e) => e.conversationId === id)
        .slice(1)
        .map((e) => e.id),
    );
    expect(rx.refused).toEqual([]);
  });

  it('conflicts raised and decided reach the platform', async () => {
    const { client } = await integration(hub);
    const rx = await receiverFor(client);
    const id = await escalateTo(client, 'cf-1');
    const act = (eventId: string, seq: number, type: string, summary: string) => ({
      eventId,
      seq,
      type: 'ai.action' as const,
      action: {
        id: `${id}-${eventId}`,
        agent: { id: eventId, name: `${eventId}Agent` },
        type: type as any,
        params: { orderId: 'O1', amount: 59 },
        summary,
      },
    });
    const r = await client.sendEvents(id, [
      act('a', 1, 'refund_approve', '同意退款'),
      act('b', 2, 'refund_deny', '拒绝退款'),
    ]);
    if (!r.ok) throw new Error(r.error.message);
    await until(() => types(rx.events, id).includes('conflict.raised'), 10_000, 'conflict.raised');
    const raised = rx.events.find((e) => e.type === 'conflict.raised') as any;
    const lead = await connectAs(hub, 'lead1');
    try {
      await lead.ok('conflict:resolve', {
        conflictId: raised.data.conflictId,
        choice: 'b',
        note: '超过售后期',
        idempotencyKey: 'd-1',
      });
    } finally {
      lead.close();
    }
    await until(() => types(rx.events, id).includes('conflict.decided'), 10_000, 'conflict.decided');
    expect(rx.events.find((e) => e.type === 'conflict.decided')).toMatchObject({
      data: { choice: 'b', keptActionId: `${id}-b`, decidedBy: 'lead1' },
    });
  });
});

describe('delivery guarantees', () => {
  it(`receiver down ${OUTAGE_MS} ms during live work: afterwards every event arrives once, in per-conversation order`, async () => {
    const { client } = await integration(hub);
    const rx = await receiverFor(client);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await escalateTo(client, `out-${i}`));
    await agent.ok('ticket:accept', { ticketId: ids[0]!, idempotencyKey: 'a0' });
    await until(() => rx.events.length >= 1, 10_000, 'first webhook');

    await rx.down();
    const until_ = Date.now() + OUTAGE_MS;
    let turn = 0;
    while (Date.now() < until_) {
      const id = ids[turn % ids.length]!;
      await agent.ok('ticket:reply', {
        ticketId: id,
        clientMsgId: `o-${turn}`,
        body: { kind: 'text', text: `回复 ${turn}` },
      });
      turn++;
      await sleep(Math.max(50, OUTAGE_MS / 30));
    }
    await agent.ok(
      'ticket:outcome',
      outcome({
        idempotencyKey: 'out-close',
        ticketId: ids[1]!,
        agentId: 'agent8',
        intent: 'coupon_inquiry',
      }),
    );
    expect(hub.webhooks!.stats.failedAttempts).toBeGreaterThan(0);
    await rx.up();

    const store = hub.store.integration!;
    const expected = new Map<string, string[]>();
    for (const id of ids)
      expected.set(
        id,
        (await store.outboxAfter(id, 0, 1000)).map((r) => r.event.id),
      );
    const total = [...expected.values()].reduce((n, l) => n + l.length, 0);
    await until(() => rx.events.length === total, 30_000, `all ${total} webhooks`);
    await sleep(300);
    expect(rx.events).toHaveLength(total);
    for (const id of ids) {
      const got = rx.events.filter((e) => e.conversationId === id);
      expect(got.map((e) => e.id)).toEqual(expected.get(id));
      expect(got.map((e) => e.seq)).toEqual(got.map((_, i) => i + 1));
    }
    expect(new Set(rx.events.map((e) => e.id)).size).toBe(total);
    expect((await client.listWebhooks()).ok && (await store.pendingDeliveries(rx.endpointId))).toBe(0);
  });

  it('a store failure while recording an attempt leaves the delivery due: retried, and the hub keeps running', async () => {
    // The store is the edge here: its write fails once, as when Redis goes away mid-unit. Before, the
    // attempt's rejection went unhandled and ended the hub process (seen in the cluster soak).
    const { client } = await integration(hub);
    const rx = await receiverFor(client);
    const store = hub.store.integration!;
    const done = store.deliveryDone.bind(store);
    let failures = 0;
    store.deliveryDone = async (...args) => {
      if (failures++ === 0) throw new Error('store unavailable (test)');
      return done(...args);
    };
    try {
      const id = await escalateTo(client, 'store-fail-1');
      await agent.ok('ticket:accept', { ticketId: id, idempotencyKey: 'sf' });
      await until(
        async () => (await store.pendingDeliveries(rx.endpointId)) === 0,
        20_000,
        'the retry recorded',
      );
      expect(failures).toBeGreaterThan(1); // the first record failed, a later attempt's succeeded
      expect(types(rx.events, id)).toContain('handoff.accepted');
      expect(rx.duplicates).toBeGreaterThan(0); // sent again: the first send was never recorded
    } finally {
      store.deliveryDone = done;
    }
  });

  it('410 disables the endpoint and keeps its queue; enabling delivers from where it stopped', async () => {
    const { client } = await integration(hub);
    let gone = true;
    const got: string[] = [];
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (gone) return void res.writeHead(410).end();
        got.push(String(req.headers['webhook-id']));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as { port: number }).port;
      const ep = await client.createWebhook(`http://127.0.0.1:${port}/hook`);
      if (!ep.ok) throw new Error(ep.error.message);
      const id = await escalateTo(client, 'gone-1');
      await agent.ok('ticket:accept', { ticketId: id, idempotencyKey: 'g' });
      await until(
        async () => {
          const l = await client.listWebhooks();
          return l.ok && l.data.endpoints[0]!.enabled === false;
        },
        10_000,
        'endpoint disabled',
      );
      const l = await client.listWebhooks();
      expect(l.ok && l.data.endpoints[0]).toMatchObject({
        enabled: false,
        pending: 1,
        disabledReason: expect.stringMatching(/410/),
      });
      gone = false;
      expect((await client.enableWebhook(ep.data.endpoint.id)).ok).toBe(true);
      await until(() => got.length === 1, 10_000, 'delivered after enabling');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('the verifier refuses a tampered signature or body and a stale timestamp; a rotated secret still verifies', async () => {
    const { client } = await integration(hub);
    const rx = await receiverFor(client);
    const id = await escalateTo(client, 'v-1');
    await agent.ok('ticket:accept', { ticketId: id, idempotencyKey: 'v' });
    await until(() => rx.events.length === 1, 10_000, 'a webhook');
    const body = JSON.stringify(rx.events[0]);
    const secret = rx.secrets[0]!;
    const now = Math.floor(Date.now() / 1000);
    const headers = (ts: number, sig = signatureFor(secret, rx.events[0]!.id, ts, body)) => ({
      'webhook-id': rx.events[0]!.id,
      'webhook-timestamp': String(ts),
      'webhook-signature': sig,
    });
    expect(verifyWebhook(secret, headers(now), body).ok).toBe(true);
    const flipped = signatureFor(secret, rx.events[0]!.id, now, body).replace(/.$/, (c) =>
      c === 'A' ? 'B' : 'A',
    );
    expect(verifyWebhook(secret, headers(now, flipped), body)).toMatchObject({
      ok: false,
      reason: 'no matching signature',
    });
    expect(verifyWebhook(secret, headers(now), body.replace('handoff', 'hand0ff')).ok).toBe(false);
    expect(verifyWebhook(secret, headers(now - 600), body)).toMatchObject({
      ok: false,
      reason: 'timestamp outside the tolerance',
    });

    const rotated = await client.rotateWebhookSecret(rx.endpointId);
    if (!rotated.ok) throw new Error(rotated.error.message);
    // the receiver still knows only the old secret: the hub signs with both during the overlap
    await agent.ok('ticket:reply', {
      ticketId: id,
      clientMsgId: 'v-r',
      body: { kind: 'text', text: '在的' },
    });
    await until(() => rx.events.length === 2, 10_000, 'signed with both secrets');
    rx.secrets.splice(0, 1, rotated.data.secret);
    await agent.ok('ticket:reply', {
      ticketId: id,
      clientMsgId: 'v-r2',
      body: { kind: 'text', text: '好的' },
    });
    await until(() => rx.events.length === 3, 10_000, 'verified with the new secret');
    expect(rx.refused).toEqual([]);
  });
});
