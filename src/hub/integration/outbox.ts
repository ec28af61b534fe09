// The hub side of the webhooks: a ticket change that a platform must hear about is written to that
// conversation's outbox in the same unit (transaction) as the change itself, so an event is never
// lost nor sent for a change that rolled back. Tickets not escalated through the integration API
// (in-process tests, benches) have no conversation row and produce nothing.
import { randomUUID } from 'node:crypto';
import type { Message, Outcome } from '../../shared/domain';
import type {
  AgentMessageContent,
  WebhookData,
  WebhookEvent,
  WebhookEventType,
} from '../../shared/integration-api';
import type { HubContext } from '../context';

export async function publishWebhook<K extends WebhookEventType>(
  ctx: HubContext,
  ticketId: string,
  type: K,
  data: WebhookData<K>,
): Promise<void> {
  const store = ctx.store.integration;
  if (!store) return;
  const conv = await store.getConversation(ticketId);
  if (!conv) return;
  const now = Date.now();
  await store.appendOutbox(
    conv.id,
    conv.integrationId,
    type,
    (seq) =>
      ({
        id: `msg_${randomUUID().replaceAll('-', '')}`,
        type,
        timestamp: new Date(now).toISOString(),
        conversationId: conv.id,
        externalConversationId: conv.externalId,
        seq,
        data,
      }) as WebhookEvent,
    now,
  );
  ctx.afterCommit(() => ctx.emit('outbox'));
}

export function agentRef(ctx: HubContext, agentId: string): { id: string; name: string } {
  return { id: agentId, name: ctx.users.get(agentId)?.name ?? agentId };
}

/** What the channel must show the customer; order cards and notes go out as their text. */
export function agentMessageContent(m: Message): AgentMessageContent {
  switch (m.kind) {
    case 'text':
      return { kind: 'text', text: m.text };
    case 'product_card':
      return { kind: 'product_card', product: m.product };
    case 'coupon_card':
      return { kind: 'coupon', coupon: m.coupon };
    case 'image':
      return { kind: 'image', url: m.url, ...(m.caption ? { caption: m.caption } : {}) };
    case 'voice':
      return { kind: 'text', text: m.transcript };
    case 'order_card':
      return { kind: 'text', text: `订单 ${m.order.id}` };
    case 'system':
      return { kind: 'text', text: m.text };
  }
}

/** The outcome as the platform's feedback loop reads it: resolution, CSAT, what became of its suggestions. */
export function closedData(o: Outcome): WebhookData<'conversation.closed'> {
  const uses = new Map<string, WebhookData<'conversation.closed'>['suggestions'][number]>();
  for (const e of o.suggestionEvents) {
    if (e.source !== 'upstream_ai') continue;
    const cur = uses.get(e.suggestionId) ?? { suggestionId: e.suggestionId, source: e.source, use: 'shown' };
    if (e.event === 'edited') cur.use = 'edited';
    else if (e.event === 'sent' && cur.use !== 'edited') cur.use = 'used';
    else if (e.event === 'dismissed' && cur.use === 'shown') cur.use = 'ignored';
    uses.set(e.suggestionId, cur);
  }
  for (const u of uses.values()) if (u.use === 'shown') u.use = 'ignored';
  return {
    resolution: o.resolution,
    agentId: o.agentId,
    handleTimeMs: o.handleTimeMs,
    csat: o.csat,
    csatRequested: o.resolution === 'resolved' && o.csat === null,
    tags: o.tags,
    note: o.note,
    suggestions: [...uses.values()],
    marketing: {
      sent: o.marketingEvents.filter((e) => e.event === 'sent').length,
      converted: o.marketingEvents.filter((e) => e.event === 'converted').length,
    },
  };
}
