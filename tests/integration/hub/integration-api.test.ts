/* eslint-disable @typescript-eslint/no-explicit-any -- answers are checked against the OpenAPI document, not the type system */
// The integration API against its own OpenAPI document: every answer (successes and every error status)
// validated with a JSON Schema 2020-12 validator against the schema the document gives for that route
// and status. Plus the semantics: idempotent escalations, deduplicated and ordered events, delivery
// reports, keys, scopes and limits.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { revokeIntegration } from '../../../src/hub/integration/keys';
import { escalationBody, integration } from '../../support/integration';
import { connectAs, testHub, until, type TestClient } from './helpers';

let hub: RunningHub;
let doc: any;
let ajv: Ajv2020;

beforeAll(async () => {
  hub = await testHub({
    kbSeedDir: false,
    integration: { maxBodyBytes: 64 * 1024, rateLimit: { perSecond: 1000, burst: 1000 } },
  });
  doc = await (await fetch(`${hub.url}/v1/openapi.json`)).json();
  ajv = new Ajv2020({ strict: false, validateFormats: false });
  for (const [id, schema] of Object.entries(doc.components.schemas as Record<string, object>))
    ajv.addSchema(schema, `#/components/schemas/${id}`);
});
afterAll(async () => {
  await hub.close();
});

/** Raw HTTP, then the answer checked against the document's schema for (path, method, status). */
async function call(
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(hub.url + path, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    ...(opts.raw !== undefined ? { body: opts.raw } : {}),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  const template = Object.keys(doc.paths).find((p) =>
    new RegExp(`^${p.replace('{id}', '[^/]+')}$`).test(path.split('?')[0]!),
  );
  expect(template, `${path} is in the document`).toBeDefined();
  const op = doc.paths[template!][method.toLowerCase()];
  const documented = op?.responses?.[String(res.status)];
  expect(documented, `${method} ${template} documents status ${res.status}`).toBeDefined();
  const ref = documented.content?.['application/json']?.schema?.$ref;
  if (ref) {
    const validate = ajv.getSchema(ref)!;
    expect(validate(body), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
  return { status: res.status, body, headers: res.headers };
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with every route, the webhooks and the error schema', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/conversations/{id}/deliveries',
      '/v1/conversations/{id}/events',
      '/v1/escalations',
      '/v1/knowledge',
      '/v1/webhooks',
      '/v1/webhooks/{id}',
      '/v1/webhooks/{id}/enable',
      '/v1/webhooks/{id}/rotate',
    ]);
    expect(Object.keys(doc.webhooks)).toContain('agent.message');
    expect(doc.components.schemas.EscalationRequest.required).toContain('transcript');
    // a request's defaulted fields are optional for the caller
    expect(doc.components.schemas.EscalationRequest.required).not.toContain('orders');
    expect(doc.paths['/v1/escalations'].post.parameters[0].name).toBe('Idempotency-Key');
  });
});

describe('escalations', () => {
  let agent: TestClient;
  beforeAll(async () => {
    agent = await connectAs(hub, 'agent8');
  });
  afterAll(() => agent.close());

  it('reaches the agent, and a repeat of the Idempotency-Key returns the first answer', async () => {
    const { key } = await integration(hub);
    const body = escalationBody();
    const first = await call('POST', '/v1/escalations', { key, body, headers: { 'idempotency-key': 'k-1' } });
    expect(first.status).toBe(201);
    expect(first.body.state).toBe('assigned');
    const assigned = await agent.waitFor('ticket:assigned', (p) => p.ticket.id === first.body.conversationId);
    expect(assigned.ticket.messages.map((m: any) => m.text)).toEqual([
      '我的快递三天没动了',
      '亲，物流信息可能存在延迟～',
    ]);
    expect(assigned.ticket.suggestions[0].source).toBe('upstream_ai');

    const again = await call('POST', '/v1/escalations', { key, body, headers: { 'idempotency-key': 'k-1' } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const changed = await call('POST', '/v1/escalations', {
      key,
      body: { ...body, reason: '另一个原因' },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(changed.status).toBe(409);
    expect(
      (await hub.store.listTicketHeads({})).filter((h) => h.id === first.body.conversationId),
    ).toHaveLength(1);
  });

  it('400 names the failing paths; a missing Idempotency-Key is a 400 too', async () => {
    const { key } = await integration(hub);
    const bad = { ...escalationBody(), channel: 'fax', transcript: [] };
    const r = await call('POST', '/v1/escalations', {
      key,
      body: bad,
      headers: { 'idempotency-key': 'k-2' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^channel: /), expect.stringMatching(/^transcript: /)]),
    );
    const noKey = await call('POST', '/v1/escalations', { key, body: escalationBody() });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.message).toMatch(/Idempotency-Key/);
    const notJson = await call('POST', '/v1/escalations', {
      key,
      raw: '{"a":',
      headers: { 'idempotency-key': 'k-3' },
    });
    expect(notJson.status).toBe(400);
  });

  it('401 without, with a wrong, and with a revoked key — the revocation applies at once', async () => {
    expect((await call('POST', '/v1/escalations', { body: escalationBody() })).status).toBe(401);
    const wrong = `xk_abcdefabcdef_${'A'.repeat(43)}`;
    expect((await call('GET', '/v1/webhooks', { key: wrong })).status).toBe(401);
    const { key, integration: rec } = await integration(hub, 'to-revoke');
    expect((await call('GET', '/v1/webhooks', { key })).status).toBe(200);
    await revokeIntegration(hub.store.integration!, rec.name);
    const after = await call('GET', '/v1/webhooks', { key });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
  });

  it('403 for a missing scope (route scopes and per-event scopes)', async () => {
    const { key } = await integration(hub, undefined, ['messages']);
    const r = await call('POST', '/v1/escalations', {
      key,
      body: escalationBody(),
      headers: { 'idempotency-key': 'k-4' },
    });
    expect(r.status).toBe(403);
    const full = await integration(hub);
    const made = await full.client.escalate(escalationBody(), 'k-5');
    if (!made.ok) throw new Error(made.error.message);
    // a key of another integration does not even see the conversation
    const other = await call('POST', `/v1/conversations/${made.data.conversationId}/events`, {
      key,
      body: {
        events: [
          { eventId: 'e1', seq: 1, type: 'customer.message', message: { kind: 'text', text: '在吗' } },
        ],
      },
    });
    expect(other.status).toBe(404);
    const limited = await integration(hub, undefined, ['escalate', 'messages']);
    const mine = await limited.client.escalate(escalationBody(), 'k-6');
    if (!mine.ok) throw new Error(mine.error.message);
    const action = await call('POST', `/v1/conversations/${mine.data.conversationId}/events`, {
      key: limited.key,
      body: {
        events: [
          {
            eventId: 'e1',
            seq: 1,
            type: 'ai.action',
            action: {
              id: 'a1',
              agent: { id: 'x', name: '售后Agent' },
              type: 'compensate',
              params: { amount: 5 },
              summary: '补偿',
            },
          },
        ],
      },
    });
    expect(action.status).toBe(403);
    expect(action.body.error.message).toMatch(/actions/);
  });

  it('413 above the size limit, 415 for a body that is not JSON', async () => {
    const { key } = await integration(hub);
    const huge = escalationBody({ reason: 'x' });
    (huge as any).transcript[0].body.text = '长'.repeat(5000);
    (huge as any).transcript = Array.from({ length: 10 }, (_, i) => ({
      ...huge.transcript[0]!,
      id: `u${i}`,
    }));
    const big = await call('POST', '/v1/escalations', {
      key,
      body: huge,
      headers: { 'idempotency-key': 'k-7' },
    });
    expect(big.status).toBe(413);
    const form = await call('POST', '/v1/escalations', {
      key,
      raw: 'a=1',
      headers: { 'idempotency-key': 'k-8', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('404 for an unknown route or conversation', async () => {
    const { key } = await integration(hub);
    expect(
      (
        await call('POST', '/v1/conversations/cv_nope/deliveries', {
          key,
          body: { messageId: 'm', status: 'delivered' },
        })
      ).status,
    ).toBe(404);
    const res = await fetch(`${hub.url}/v1/nothing-here`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(404);
  });
});

describe('429 per key', () => {
  it('answers 429 with Retry-After when one key floods, while another key still works', async () => {
    const limited = await testHub({
      kbSeedDir: false,
      integration: { rateLimit: { perSecond: 1, burst: 3 } },
    });
    try {
      const a = await integration(limited);
      const b = await integration(limited);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i++) {
        const r = await fetch(`${limited.url}/v1/webhooks`, {
          headers: { authorization: `Bearer ${a.key}` },
        });
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
        await r.text();
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await b.client.listWebhooks()).ok).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

describe('conversation events', () => {
  it('deduplicates by event id, holds events after a gap, and applies them in seq order once it fills', async () => {
    const agent = await connectAs(hub, 'agent1');
    try {
      const { key, client } = await integration(hub);
      const made = await client.escalate(
        escalationBody({ intent: { name: 'coupon_inquiry', confidence: 0.9 } }),
        'ev-1',
      );
      if (!made.ok) throw new Error(made.error.message);
      const id = made.data.conversationId;
      await agent.waitFor('ticket:assigned', (p) => p.ticket.id === id);
      const msg = (eventId: string, seq: number, text: string) => ({
        eventId,
        seq,
        type: 'customer.message',
        message: { kind: 'text', text },
      });
      const path = `/v1/conversations/${id}/events`;
      const gap = await call('POST', path, {
        key,
        body: { events: [msg('e3', 3, '三'), msg('e4', 4, '四')] },
      });
      expect(gap.body.results.map((r: any) => r.status)).toEqual(['held', 'held']);
      expect(gap.body).toMatchObject({ ackedSeq: 0, missingSeqs: [1, 2] });
      const first = await call('POST', path, { key, body: { events: [msg('e1', 1, '一')] } });
      expect(first.body).toMatchObject({ ackedSeq: 1, missingSeqs: [2] });
      const fill = await call('POST', path, {
        key,
        body: { events: [msg('e2', 2, '二'), msg('e1', 1, '一')] },
      });
      expect(fill.body.results.map((r: any) => r.status)).toEqual(['duplicate', 'applied']);
      expect(fill.body).toMatchObject({ ackedSeq: 4, missingSeqs: [] });
      const taken = await call('POST', path, { key, body: { events: [msg('e9', 2, '抢')] } });
      expect(taken.body.results[0]).toMatchObject({ status: 'rejected' });
      await until(() => agent.of('ticket:message').filter((m) => m.ticketId === id).length === 4);
      expect(
        agent
          .of('ticket:message')
          .filter((m) => m.ticketId === id)
          .map((m) => m.message.text),
      ).toEqual(['一', '二', '三', '四']);
      const bad = await call('POST', path, {
        key,
        body: { events: [{ eventId: 'x', seq: 0, type: 'customer.message' }] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues.join(' ')).toMatch(/events\.0\.(seq|message)/);
    } finally {
      agent.close();
    }
  });

  it('a delivery report is recorded against the agent message; an unknown message is a 404', async () => {
    const agent = await connectAs(hub, 'agent2');
    try {
      const { key, client } = await integration(hub);
      const made = await client.escalate(
        escalationBody({ intent: { name: 'shipping_time', confidence: 0.9 } }),
        'dl-1',
      );
      if (!made.ok) throw new Error(made.error.message);
      const id = made.data.conversationId;
      await agent.waitFor('ticket:assigned', (p) => p.ticket.id === id);
      const sent = await agent.ok('ticket:reply', {
        ticketId: id,
        clientMsgId: 'c-1',
        body: { kind: 'text', text: '您好' },
      });
      const r = await call('POST', `/v1/conversations/${id}/deliveries`, {
        key,
        body: { messageId: sent.message.id, status: 'failed', reason: '顾客已屏蔽店铺消息' },
      });
      expect(r.status).toBe(200);
      expect(await hub.store.integration!.getMessageDelivery(sent.message.id)).toMatchObject({
        status: 'failed',
      });
      // the agent holding the conversation hears it (seq'd like every server event)
      const told = await agent.waitFor('ticket:delivery', (p) => p.messageId === sent.message.id);
      expect(told).toMatchObject({ clientMsgId: 'c-1', status: 'failed', reason: '顾客已屏蔽店铺消息' });
      const none = await call('POST', `/v1/conversations/${id}/deliveries`, {
        key,
        body: { messageId: 'm_nope', status: 'delivered' },
      });
      expect(none.status).toBe(404);
    } finally {
      agent.close();
    }
  });
});
