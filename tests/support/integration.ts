// Builders for the integration API tests: a valid escalation body, an integration with a key, and a
// webhook receiver registered with the hub — all through the public HTTP API.
import { addIntegration } from '../../src/hub/integration/keys';
import type { RunningHub } from '../../src/hub/index';
import { IntegrationClient, startWebhookReceiver, type WebhookReceiver } from '../../src/integration-client';
import type { EscalationRequest, IntegrationScope, WebhookEvent } from '../../src/shared/integration-api';
import { INTEGRATION_SCOPES, InboundEventSchema } from '../../src/shared/integration-api';

let n = 0;

/** A platform's customer.message event number `seq` of a conversation (event id `ev-<seq>`). */
export function customerMessage(seq: number, text = `消息 ${seq}`) {
  return InboundEventSchema.parse({
    eventId: `ev-${seq}`,
    seq,
    type: 'customer.message',
    message: { kind: 'text', text },
  });
}

export function escalationBody(over: Partial<EscalationRequest> = {}): EscalationRequest {
  const k = ++n;
  const now = Date.now();
  return {
    externalConversationId: `ext-${k}-${now}`,
    channel: 'taobao',
    reason: '顾客连续两次要求人工',
    customer: {
      id: `cust-${k}`,
      nickname: '小鹿买买买',
      name: '王小丽',
      phone: '13812345678',
      address: '浙江省杭州市西湖区文三路 100 号',
      city: '杭州',
      ageBand: '25-34',
      vipLevel: 3,
      orderCount: 12,
      totalSpent: 3560,
      tags: [],
    },
    intent: { name: 'tracking', confidence: 0.91 },
    sentiment: { label: 'neutral', score: 0 },
    transcript: [
      { id: 'u1', role: 'customer', at: now - 60_000, body: { kind: 'text', text: '我的快递三天没动了' } },
      { id: 'b1', role: 'bot', at: now - 55_000, body: { kind: 'text', text: '亲，物流信息可能存在延迟～' } },
    ],
    suggestions: {
      replies: [
        { id: `s-${k}`, text: '我已联系快递核实，24小时内给您回复。', score: 0.8, reason: '物流查询' },
      ],
      recommendations: [],
    },
    metadata: { shop: 'demo-shop', botVersion: 7 },
    ...over,
  };
}

export async function integration(
  hub: RunningHub,
  name = `it-${++n}`,
  scopes: readonly IntegrationScope[] = INTEGRATION_SCOPES,
) {
  const made = await hub.core.serial(() => addIntegration(hub.store.integration!, name, scopes));
  return { ...made, client: new IntegrationClient({ baseUrl: hub.url, apiKey: made.key }) };
}

/** A receiver registered as a webhook endpoint of the client's integration; records events in order. */
export async function receiverFor(client: IntegrationClient, port = 0) {
  const events: WebhookEvent[] = [];
  const refused: string[] = [];
  const secrets: string[] = [];
  const handled = new Set<string>();
  let duplicates = 0;
  const start = (p: number) =>
    startWebhookReceiver({
      port: p,
      secrets: () => secrets,
      handled,
      onEvent: (e) => void events.push(e),
      onRefused: (r) => void refused.push(r),
    });
  let receiver: WebhookReceiver = await start(port);
  const made = await client.createWebhook(receiver.url);
  if (!made.ok) throw new Error(`createWebhook failed: ${made.error.message}`);
  secrets.push(made.data.secret);
  return {
    events,
    refused,
    secrets,
    endpointId: made.data.endpoint.id,
    get receiver() {
      return receiver;
    },
    /** Repeats the hub sent that the receiver recognised by webhook-id. */
    get duplicates() {
      return duplicates + receiver.duplicates;
    },
    /** Stops listening (connections refused): the platform is down. */
    async down() {
      duplicates += receiver.duplicates;
      await receiver.close();
    },
    /** Listens again on the same port, with the same memory of handled webhook-ids. */
    async up() {
      receiver = await start(receiver.port);
    },
  };
}
