// A generated ticket as the platform's handoff: the request body for POST /v1/escalations, and AI
// actions as ai.action events.
import type { TicketAction } from '../shared/domain';
import type { AiActionInput, EscalationRequest } from '../shared/integration-api';
import type { GeneratedTicket } from './factory';

export function toAiAction(a: Omit<TicketAction, 'ticketId' | 'at'> & { at?: number }): AiActionInput {
  return {
    id: a.id,
    agent: { id: a.actor.id, name: a.actor.name },
    type: a.type,
    params: a.params,
    summary: a.summary,
    ...(a.at !== undefined ? { at: a.at } : {}),
  };
}

export function toEscalation(gen: GeneratedTicket, seed: number): EscalationRequest {
  const t = gen.ticket;
  return {
    externalConversationId: t.id,
    channel: t.channel,
    reason: t.escalationReason,
    ...(t.escalationCode ? { reasonCode: t.escalationCode } : {}),
    customer: t.customer,
    intent: { name: t.intent, confidence: t.intentConfidence },
    sentiment: t.sentiment,
    priority: t.priority,
    orders: t.orders,
    transcript: t.messages.map((m) => {
      const { id, ticketId: _t, from, at, clientMsgId: _c, ...body } = m;
      return { id, role: from === 'agent' ? 'system' : from, at, body };
    }),
    aiActions: t.aiActions.map(toAiAction),
    suggestions: {
      replies: t.suggestions.map(({ source: _s, ...s }) => s),
      recommendations: t.recommendations.map(({ source: _s, ...r }) => r),
    },
    tags: t.tags,
    metadata: { source: 'xiaoer-simulator', seed },
  };
}
