// The integration API contract (platform ↔ hub over HTTP `/v1`, and the hub's signed webhooks back):
// one set of zod schemas that the hub validates with, the OpenAPI document is generated from, and the
// TypeScript client (src/integration-client) is typed by. Shapes follow the research in
// ../shared/anchors/handoff-apis.md: control passes by explicit events, the handoff carries transcript,
// context and flat metadata, every command carries an idempotency key or event id, every event a
// per-conversation seq.
import { z } from 'zod';
import {
  ActionTypeSchema,
  ChannelSchema,
  CouponSchema,
  CustomerSchema,
  EpochMsSchema,
  IdSchema,
  IntentSchema,
  KbTierSchema,
  MessageBodySchema,
  OrderSchema,
  PrioritySchema,
  ProductSchema,
  RecommendationSchema,
  ResolutionSchema,
  SentimentSchema,
  SuggestionSchema,
} from './domain';

export const INTEGRATION_SCOPES = [
  'escalate',
  'messages',
  'actions',
  'assist',
  'conversions',
  'knowledge',
  'webhooks',
] as const;
export const IntegrationScopeSchema = z.enum(INTEGRATION_SCOPES);
export type IntegrationScope = z.infer<typeof IntegrationScopeSchema>;

/** Flat metadata (strings, numbers, booleans), at most 4 KB as JSON — the Sunshine Conversations rule. */
export const FlatMetadataSchema = z
  .record(z.string().min(1).max(64), z.union([z.string().max(1000), z.number(), z.boolean()]))
  .refine((m) => JSON.stringify(m).length <= 4096, { message: 'metadata must be at most 4 KB as JSON' })
  .meta({ description: 'Flat key/value metadata (string, number, boolean values), at most 4 KB as JSON.' });
export type FlatMetadata = z.infer<typeof FlatMetadataSchema>;

/** A message the customer sends (everything but system notes). */
export const CustomerMessageBodySchema = MessageBodySchema.refine((b) => b.kind !== 'system', {
  message: 'customers cannot send system messages',
});

export const TranscriptTurnSchema = z.object({
  id: IdSchema.meta({ description: 'The platform’s id of this turn.' }),
  role: z.enum(['customer', 'bot', 'system']),
  at: EpochMsSchema,
  body: MessageBodySchema,
});
export type TranscriptTurn = z.infer<typeof TranscriptTurnSchema>;

/** Something an AI agent did or proposed; the hub's conflict rules read these. */
export const AiActionInputSchema = z.object({
  id: IdSchema,
  agent: z.object({ id: IdSchema, name: z.string().min(1).max(64) }),
  type: ActionTypeSchema,
  params: z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean()])),
  summary: z.string().max(500),
  at: EpochMsSchema.optional(),
});
export type AiActionInput = z.infer<typeof AiActionInputSchema>;

/** Upstream suggestions keep their own score and reason; the hub marks their source as upstream_ai. */
export const UpstreamSuggestionSchema = SuggestionSchema.omit({ source: true });
export const UpstreamRecommendationSchema = RecommendationSchema.omit({ source: true });

export const EscalationRequestSchema = z.object({
  externalConversationId: IdSchema.meta({ description: 'The platform’s conversation id.' }),
  channel: ChannelSchema,
  reason: z.string().min(1).max(500),
  /**
   * A known reason's code (see the system-texts table), so agents read it in their own language; when
   * absent the hub recognises a reason text it knows, and otherwise shows the text as sent.
   */
  reasonCode: z.string().max(64).optional(),
  customer: CustomerSchema,
  intent: z.object({ name: IntentSchema, confidence: z.number().min(0).max(1) }),
  sentiment: SentimentSchema,
  /** 1 = most urgent; default 3. */
  priority: PrioritySchema.optional(),
  orders: z.array(OrderSchema).max(50).default([]),
  transcript: z.array(TranscriptTurnSchema).min(1).max(500),
  aiActions: z.array(AiActionInputSchema).max(100).default([]),
  suggestions: z
    .object({
      replies: z.array(UpstreamSuggestionSchema).max(50).default([]),
      recommendations: z.array(UpstreamRecommendationSchema).max(50).default([]),
    })
    .default({ replies: [], recommendations: [] }),
  tags: z.array(z.string().max(32)).max(32).default([]),
  metadata: FlatMetadataSchema.default({}),
});
export type EscalationRequest = z.input<typeof EscalationRequestSchema>;

export const ConversationStateSchema = z.enum([
  'queued',
  'assigned',
  'active',
  'pending',
  'transferred',
  'closed',
  'released',
]);

export const EscalationResponseSchema = z.object({
  conversationId: IdSchema,
  externalConversationId: IdSchema,
  state: ConversationStateSchema,
  /** The next inbound event seq the hub expects for this conversation. */
  nextSeq: z.number().int().positive(),
  createdAt: EpochMsSchema,
});
export type EscalationResponse = z.infer<typeof EscalationResponseSchema>;

const eventBase = {
  eventId: IdSchema.meta({
    description: 'Deduplicated: a repeat is answered as a duplicate and not applied.',
  }),
  seq: z
    .number()
    .int()
    .positive()
    .meta({ description: 'Per-conversation, from 1; an event after a gap is held until the gap fills.' }),
  at: EpochMsSchema.optional(),
};

export const InboundEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('customer.message'), message: CustomerMessageBodySchema }),
  z.object({ ...eventBase, type: z.literal('ai.action'), action: AiActionInputSchema }),
  z.object({
    ...eventBase,
    type: z.literal('assist.update'),
    suggestions: z.array(UpstreamSuggestionSchema).max(50).default([]),
    recommendations: z.array(UpstreamRecommendationSchema).max(50).default([]),
  }),
  z.object({
    ...eventBase,
    type: z.literal('order.converted'),
    orderId: IdSchema,
    recommendationId: IdSchema.optional(),
    amount: z.number().nonnegative(),
  }),
]);
export type InboundEvent = z.input<typeof InboundEventSchema>;
export type InboundEventType = InboundEvent['type'];

/** The scope each inbound event type needs. */
export const EVENT_SCOPES: Record<InboundEventType, IntegrationScope> = {
  'customer.message': 'messages',
  'ai.action': 'actions',
  'assist.update': 'assist',
  'order.converted': 'conversions',
};

export const EventsRequestSchema = z.object({ events: z.array(InboundEventSchema).min(1).max(100) });
export type EventsRequest = z.input<typeof EventsRequestSchema>;

export const EventResultSchema = z.object({
  eventId: IdSchema,
  seq: z.number().int().positive(),
  status: z.enum(['applied', 'duplicate', 'held', 'ignored', 'rejected']),
  /** For ignored / rejected: why (e.g. the conversation is already closed, the seq is taken). */
  reason: z.string().optional(),
  /** For an applied customer message: the hub's message id. */
  messageId: IdSchema.optional(),
});

export const EventsResponseSchema = z.object({
  results: z.array(EventResultSchema),
  /** Every seq up to this one is applied. */
  ackedSeq: z.number().int().nonnegative(),
  /** Seqs the hub is waiting for before it can apply the held ones (empty when nothing is held). */
  missingSeqs: z.array(z.number().int().positive()),
});
export type EventsResponse = z.infer<typeof EventsResponseSchema>;

export const DeliveryRequestSchema = z.object({
  messageId: IdSchema,
  status: z.enum(['delivered', 'failed']),
  /** Why a delivery failed, in words the agent can act on (e.g. "customer blocked the shop"). */
  reason: z.string().max(500).optional(),
  at: EpochMsSchema.optional(),
});
export type DeliveryRequest = z.input<typeof DeliveryRequestSchema>;

export const DeliveryResponseSchema = z.object({
  messageId: IdSchema,
  status: z.enum(['delivered', 'failed']),
  recordedAt: EpochMsSchema,
});

// ── webhooks (hub → platform) ─────────────────────────────────────────────────────────────────────

const agentRef = z.object({ id: IdSchema, name: z.string() });

export const AgentMessageContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({
    kind: z.literal('product_card'),
    product: ProductSchema,
  }),
  z.object({ kind: z.literal('coupon'), coupon: CouponSchema }),
  z.object({ kind: z.literal('image'), url: z.string(), caption: z.string().optional() }),
]);
export type AgentMessageContent = z.infer<typeof AgentMessageContentSchema>;

export const SuggestionUseSchema = z.object({
  suggestionId: IdSchema,
  source: SuggestionSchema.shape.source,
  use: z.enum(['shown', 'used', 'edited', 'ignored']),
});

export const WEBHOOK_EVENT_TYPES = [
  'handoff.accepted',
  'agent.message',
  'conversation.transferred',
  'control.released',
  'conversation.closed',
  'conflict.raised',
  'conflict.decided',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookDataSchemas = {
  'handoff.accepted': z.object({ agent: agentRef }),
  'agent.message': z.object({
    messageId: IdSchema,
    agent: agentRef,
    content: AgentMessageContentSchema,
  }),
  'conversation.transferred': z.object({
    fromAgentId: IdSchema,
    /** null: back in the queue until an agent is free. */
    toAgentId: IdSchema.nullable(),
    reason: z.string(),
  }),
  'control.released': z.object({ reason: z.string(), metadata: FlatMetadataSchema }),
  'conversation.closed': z.object({
    resolution: ResolutionSchema,
    agentId: IdSchema,
    handleTimeMs: z.number().int().nonnegative(),
    /** The agent’s CSAT rating request result (1–5) when the customer answered, else null. */
    csat: z.number().int().min(1).max(5).nullable(),
    /** Ask the customer for a rating now (the conversation ended resolved and no CSAT was recorded). */
    csatRequested: z.boolean(),
    tags: z.array(z.string()),
    note: z.string(),
    /** The feedback loop: what became of each upstream suggestion shown to the agent. */
    suggestions: z.array(SuggestionUseSchema),
    marketing: z.object({ sent: z.number().int(), converted: z.number().int() }),
  }),
  'conflict.raised': z.object({
    conflictId: IdSchema,
    ruleId: z.string(),
    title: z.string(),
    severity: z.enum(['low', 'medium', 'high']),
    actionIds: z.array(IdSchema),
  }),
  'conflict.decided': z.object({
    conflictId: IdSchema,
    choice: z.enum(['a', 'b', 'custom']),
    /** The action the lead kept (choice a or b), else absent. */
    keptActionId: IdSchema.optional(),
    note: z.string(),
    decidedBy: IdSchema,
  }),
} satisfies Record<WebhookEventType, z.ZodType>;
export type WebhookData<K extends WebhookEventType> = z.infer<(typeof webhookDataSchemas)[K]>;

const envelope = <K extends WebhookEventType>(type: K) =>
  z.object({
    /** Same as the webhook-id header; stable across retries and replays. */
    id: IdSchema,
    type: z.literal(type),
    /** ISO 8601 time the event happened. */
    timestamp: z.string(),
    conversationId: IdSchema,
    externalConversationId: IdSchema,
    /** Per-conversation, strictly increasing from 1; the replay cursor. */
    seq: z.number().int().positive(),
    data: webhookDataSchemas[type],
  });

export const WebhookEventSchema = z.discriminatedUnion('type', [
  envelope('handoff.accepted'),
  envelope('agent.message'),
  envelope('conversation.transferred'),
  envelope('control.released'),
  envelope('conversation.closed'),
  envelope('conflict.raised'),
  envelope('conflict.decided'),
]);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
export type WebhookEventOf<K extends WebhookEventType> = Extract<WebhookEvent, { type: K }>;

export const ReplayResponseSchema = z.object({
  events: z.array(WebhookEventSchema),
  /** Pass as `after` to read on; equals the last event's seq (or the request's `after`). */
  lastSeq: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type ReplayResponse = z.infer<typeof ReplayResponseSchema>;

export const ReplayQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const WebhookEndpointRequestSchema = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .meta({ description: 'Receives a POST per event, signed per Standard Webhooks.' }),
});

export const WebhookEndpointSchema = z.object({
  id: IdSchema,
  url: z.string(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  createdAt: EpochMsSchema,
  /** Events not yet acknowledged by this endpoint. */
  pending: z.number().int().nonnegative(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const WebhookSecretResponseSchema = z.object({
  endpoint: WebhookEndpointSchema,
  /** `whsec_…`, shown only in this answer. After a rotation the previous secret also signs for 24 h. */
  secret: z.string(),
});

export const WebhookListResponseSchema = z.object({ endpoints: z.array(WebhookEndpointSchema) });

// ── knowledge ────────────────────────────────────────────────────────────────────────────────────

export const KnowledgePublishRequestSchema = z.object({
  upsert: z
    .array(
      z.object({
        id: IdSchema,
        tier: KbTierSchema,
        title: z.string().min(1).max(200),
        body: z.string().min(1).max(100_000),
        tags: z.array(z.string().max(32)).max(32).default([]),
      }),
    )
    .max(200)
    .default([]),
  deleteIds: z.array(IdSchema).max(200).default([]),
});

export const KnowledgePublishResponseSchema = z.object({ version: z.number().int().nonnegative() });

export const KnowledgeListResponseSchema = z.object({
  version: z.number().int().nonnegative(),
  docs: z.array(
    z.object({
      id: IdSchema,
      tier: KbTierSchema,
      title: z.string(),
      body: z.string(),
      tags: z.array(z.string()),
      version: z.number().int(),
    }),
  ),
});

// ── errors ───────────────────────────────────────────────────────────────────────────────────────

export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** For 400: the failing paths, "path: problem". */
    issues: z.array(z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The Standard Webhooks signing scheme, shared by the hub (signer) and the verifier. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const WEBHOOK_TOLERANCE_SEC = 5 * 60;
