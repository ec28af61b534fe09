// What the integration API's commands do to the hub: an escalation becomes a ticket (idempotent on the
// Idempotency-Key), events are deduplicated by id and applied in per-conversation seq order (held across
// a gap), and delivery reports reach the agent. Each runs as one serial unit, so its bookkeeping rows
// commit together with the ticket change.
import { escalationCodeFor } from '../../shared/system-texts';
import { createHash, randomUUID } from 'node:crypto';
import type { Message, Ticket, TicketAction } from '../../shared/domain';
import type {
  AiActionInputSchema,
  EscalationRequestSchema,
  EscalationResponse,
  EventResultSchema,
  EventsResponse,
  InboundEventSchema,
} from '../../shared/integration-api';
import { InboundEventSchema as EventSchema } from '../../shared/integration-api';
import type { z } from 'zod';
import { HubError, type HubContext } from '../context';
import type { HubCore } from '../core';
import {
  aiActionInUnit,
  assistInUnit,
  convertOrderInUnit,
  customerMessageInUnit,
  escalateInUnit,
} from '../inbound';
import type { IntegrationConversation, IntegrationStore } from '../store/integration-types';
import { OWNED_STATUSES, TERMINAL_STATUSES } from '../tickets/lifecycle';
import { send } from '../delivery/send';

type Escalation = z.output<typeof EscalationRequestSchema>;
type Event = z.output<typeof InboundEventSchema>;
type EventResult = z.infer<typeof EventResultSchema>;

export interface StoredAnswer<T> {
  status: number;
  body: T;
  fingerprint: string;
}

const fingerprint = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

export function integrationStore(core: HubCore): IntegrationStore {
  const s = core.store.integration;
  if (!s) throw new HubError('UNAVAILABLE', 'this hub store has no integration tables');
  return s;
}

/** The conversation, if it exists and belongs to this integration (another's is reported as missing). */
export async function ownConversation(
  store: IntegrationStore,
  integrationId: string,
  id: string,
): Promise<IntegrationConversation> {
  const conv = await store.getConversation(id);
  if (!conv || conv.integrationId !== integrationId) throw new HubError('NOT_FOUND', `no conversation ${id}`);
  return conv;
}

function toAction(ticketId: string, a: z.output<typeof AiActionInputSchema>, now: number): TicketAction {
  return {
    id: a.id,
    ticketId,
    actor: { kind: 'ai', id: a.agent.id, name: a.agent.name },
    type: a.type,
    params: a.params,
    summary: a.summary,
    at: a.at ?? now,
  };
}

/** The reason's code: the platform's own, or the one of a reason text the hub knows. */
function escalationCode(req: Escalation): string | undefined {
  return req.reasonCode ?? escalationCodeFor(req.reason);
}

function toTicket(core: HubCore, id: string, req: Escalation, now: number): Ticket {
  const priority = req.priority ?? 3;
  return {
    id,
    channel: req.channel,
    customer: req.customer,
    orders: req.orders,
    intent: req.intent.name,
    intentConfidence: req.intent.confidence,
    sentiment: req.sentiment,
    priority,
    status: 'escalated',
    escalationReason: req.reason,
    ...(escalationCode(req) ? { escalationCode: escalationCode(req)! } : {}),
    messages: req.transcript.map(
      (t, i) => ({ id: `${id}_t${i + 1}`, ticketId: id, from: t.role, at: t.at, ...t.body }) as Message,
    ),
    suggestions: req.suggestions.replies.map((s) => ({ ...s, source: 'upstream_ai' as const })),
    recommendations: req.suggestions.recommendations.map((r) => ({ ...r, source: 'upstream_ai' as const })),
    aiActions: req.aiActions.map((a) => toAction(id, a, now)),
    tags: req.tags,
    createdAt: now,
    slaDueAt: now + core.slaFor(priority),
  };
}

/**
 * POST /v1/escalations. A repeat of the same Idempotency-Key returns the first answer (replayed: true);
 * the same key with a different body is refused, since it cannot mean the same handoff.
 */
export function escalate(
  core: HubCore,
  integrationId: string,
  idempotencyKey: string,
  req: Escalation,
): Promise<{ answer: StoredAnswer<EscalationResponse>; replayed: boolean }> {
  const store = integrationStore(core);
  const fp = fingerprint(req);
  return core.inUnit(async (ctx) => {
    const actor = `int:${integrationId}`;
    const prior = (await ctx.store.getCommandResult(actor, 'escalation', idempotencyKey)) as
      StoredAnswer<EscalationResponse> | undefined;
    if (prior) {
      if (prior.fingerprint !== fp)
        throw new HubError('CONFLICT', 'this Idempotency-Key was used for a different escalation body');
      return { answer: prior, replayed: true };
    }
    const now = Date.now();
    const id = `cv_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    await store.insertConversation({
      id,
      integrationId,
      externalId: req.externalConversationId,
      createdAt: now,
      ackedSeq: 0,
      metadata: req.metadata,
    });
    const ids = new Set<string>();
    for (const a of req.aiActions) {
      if (ids.has(a.id)) throw new HubError('BAD_REQUEST', `aiActions: action id ${a.id} appears twice`);
      ids.add(a.id);
    }
    const { assignedTo } = await escalateInUnit(ctx, toTicket(core, id, req, now));
    const answer: StoredAnswer<EscalationResponse> = {
      status: 201,
      fingerprint: fp,
      body: {
        conversationId: id,
        externalConversationId: req.externalConversationId,
        state: assignedTo ? 'assigned' : 'queued',
        nextSeq: 1,
        createdAt: now,
      },
    };
    await ctx.store.putCommandResult(actor, 'escalation', idempotencyKey, answer, now);
    return { answer, replayed: false };
  });
}

async function applyEvent(ctx: HubContext, conv: IntegrationConversation, ev: Event): Promise<EventResult> {
  const base = { eventId: ev.eventId, seq: ev.seq };
  const head = await ctx.store.getTicketHead(conv.id);
  const closed = !head || TERMINAL_STATUSES.includes(head.status);
  const now = Date.now();
  switch (ev.type) {
    case 'customer.message': {
      if (closed) return { ...base, status: 'ignored', reason: 'the conversation is closed' };
      const m = await customerMessageInUnit(ctx, conv.id, ev.message, ev.at ?? now);
      return m ? { ...base, status: 'applied', messageId: m.id } : { ...base, status: 'ignored' };
    }
    case 'ai.action': {
      if (closed) return { ...base, status: 'ignored', reason: 'the conversation is closed' };
      await aiActionInUnit(ctx, conv.id, toAction(conv.id, ev.action, now));
      return { ...base, status: 'applied' };
    }
    case 'assist.update': {
      const reached = await assistInUnit(
        ctx,
        conv.id,
        ev.suggestions.map((s) => ({ ...s, source: 'upstream_ai' as const })),
        ev.recommendations.map((r) => ({ ...r, source: 'upstream_ai' as const })),
      );
      return reached
        ? { ...base, status: 'applied' }
        : { ...base, status: 'ignored', reason: 'no agent holds the conversation' };
    }
    case 'order.converted':
      // recorded even after the close: customers often buy once the chat is over
      await convertOrderInUnit(ctx, conv.id, ev.orderId, ev.recommendationId, ev.amount);
      return { ...base, status: 'applied' };
  }
}

/** POST /v1/conversations/{id}/events: dedup by event id, apply in seq order, hold what follows a gap. */
export function receiveEvents(
  core: HubCore,
  integrationId: string,
  conversationId: string,
  events: Event[],
): Promise<EventsResponse> {
  const store = integrationStore(core);
  return core.inUnit(async (ctx) => {
    const conv = await ownConversation(store, integrationId, conversationId);
    let acked = conv.ackedSeq;
    const results: EventResult[] = [];
    const record = async (ev: Event, result: EventResult) =>
      store.putInboundEvent({
        conversationId,
        eventId: ev.eventId,
        seq: ev.seq,
        state: 'applied',
        payload: JSON.stringify(ev),
        result: JSON.stringify(result),
      });
    /** Applies every held event that is next in line. */
    const drainHeld = async () => {
      for (;;) {
        const next = await store.inboundEventAtSeq(conversationId, acked + 1);
        if (!next || next.state !== 'held') return;
        const ev = EventSchema.parse(JSON.parse(next.payload));
        await record(ev, await applyEvent(ctx, conv, ev));
        acked++;
      }
    };
    await drainHeld();
    for (const ev of [...events].sort((a, b) => a.seq - b.seq)) {
      const dup = await store.getInboundEvent(conversationId, ev.eventId);
      if (dup) {
        const first = dup.result ? (JSON.parse(dup.result) as EventResult) : undefined;
        results.push({
          eventId: ev.eventId,
          seq: dup.seq,
          status: dup.state === 'held' ? 'held' : 'duplicate',
          ...(first?.messageId ? { messageId: first.messageId } : {}),
        });
        continue;
      }
      const taken = await store.inboundEventAtSeq(conversationId, ev.seq);
      if (taken) {
        results.push({
          eventId: ev.eventId,
          seq: ev.seq,
          status: 'rejected',
          reason: `seq ${ev.seq} already belongs to event ${taken.eventId}`,
        });
        continue;
      }
      if (ev.seq <= acked) {
        // applied long ago: its dedup record (and its seq's) is past the store's retention window
        // (Redis: INBOUND_RETAIN_MS) — never applied twice, and never held behind the acked seq
        results.push({
          eventId: ev.eventId,
          seq: ev.seq,
          status: 'ignored',
          reason: `seq ${ev.seq} was applied before (at or before acked seq ${acked}); its record has expired`,
        });
        continue;
      }
      if (ev.seq === acked + 1) {
        const result = await applyEvent(ctx, conv, ev);
        await record(ev, result);
        results.push(result);
        acked++;
        await drainHeld();
      } else {
        await store.putInboundEvent({
          conversationId,
          eventId: ev.eventId,
          seq: ev.seq,
          state: 'held',
          payload: JSON.stringify(ev),
          result: null,
        });
        results.push({ eventId: ev.eventId, seq: ev.seq, status: 'held' });
      }
    }
    if (acked !== conv.ackedSeq) await store.setAckedSeq(conversationId, acked);
    // results for events held earlier in this same request but applied by a later one
    for (const r of results) if (r.status === 'held' && r.seq <= acked) r.status = 'applied';
    const held = await store.heldSeqs(conversationId);
    const missing: number[] = [];
    if (held.length) {
      const have = new Set(held);
      for (let s = acked + 1; s < held[held.length - 1]! && missing.length < 100; s++)
        if (!have.has(s)) missing.push(s);
    }
    return { results, ackedSeq: acked, missingSeqs: missing };
  });
}

/** POST /v1/conversations/{id}/deliveries: the channel delivered (or failed to deliver) an agent message. */
export function recordDelivery(
  core: HubCore,
  integrationId: string,
  conversationId: string,
  report: {
    messageId: string;
    status: 'delivered' | 'failed';
    reason?: string | undefined;
    at?: number | undefined;
  },
): Promise<{ messageId: string; status: 'delivered' | 'failed'; recordedAt: number }> {
  const store = integrationStore(core);
  return core.inUnit(async (ctx) => {
    await ownConversation(store, integrationId, conversationId);
    const messages = await ctx.store.lastMessages(conversationId, 20_000);
    const m = messages.find((x) => x.id === report.messageId);
    if (!m || m.from !== 'agent')
      throw new HubError(
        'NOT_FOUND',
        `no agent message ${report.messageId} in conversation ${conversationId}`,
      );
    const at = report.at ?? Date.now();
    await store.putMessageDelivery({
      messageId: m.id,
      conversationId,
      status: report.status,
      reason: report.reason ?? null,
      at,
    });
    // the agent holding the conversation sees it beside the message (seq'd, so offline agents get it on resume)
    const head = await ctx.store.getTicketHead(conversationId);
    if (head?.assignedTo && OWNED_STATUSES.includes(head.status))
      await send(ctx, head.assignedTo, 'ticket:delivery', {
        ticketId: conversationId,
        messageId: m.id,
        ...(m.clientMsgId ? { clientMsgId: m.clientMsgId } : {}),
        status: report.status,
        reason: report.reason ?? null,
        at,
      });
    return { messageId: m.id, status: report.status, recordedAt: Date.now() };
  });
}
