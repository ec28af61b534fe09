// Domain contracts shared by the hub, the core and the renderer.
// Pure TypeScript + zod: no Node, no DOM, so every runtime can import it.
import { z } from 'zod';
import { CoreTextsSchema } from './core-texts';
import { IntentSchema, OrderStatusSchema, RoleSchema, SuggestionSourceSchema } from './enums';

// The enums core-texts.ts needs too live in enums.ts (so the two files do not import each other).
export { IntentSchema, OrderStatusSchema, RoleSchema, SuggestionSourceSchema };

export const IdSchema = z.string().min(1).max(128);
export const EpochMsSchema = z.number().int().nonnegative();

export type Intent = z.infer<typeof IntentSchema>;

export const SentimentSchema = z.object({
  label: z.enum(['negative', 'neutral', 'positive']),
  /** -1 (angry) … 1 (happy); drives triage and the "never market during a complaint" rule. */
  score: z.number().min(-1).max(1),
});
export type Sentiment = z.infer<typeof SentimentSchema>;

export const AgeBandSchema = z.enum(['18-24', '25-34', '35-44', '45-54', '55+']);

export const CustomerSchema = z.object({
  id: IdSchema,
  nickname: z.string().max(64),
  /** PII: masked in the UI by default and encrypted at rest on the workstation. */
  name: z.string().max(64),
  phone: z.string().max(32),
  address: z.string().max(256),
  city: z.string().max(64),
  ageBand: AgeBandSchema,
  vipLevel: z.number().int().min(0).max(7),
  orderCount: z.number().int().nonnegative(),
  totalSpent: z.number().nonnegative(),
  tags: z.array(z.string().max(32)).max(32),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const ProductSchema = z.object({
  id: IdSchema,
  title: z.string().max(200),
  category: z.string().max(64),
  price: z.number().nonnegative(),
  stock: z.number().int().nonnegative(),
  imageUrl: z.string().max(100_000).optional(),
  promo: z.string().max(200).optional(),
});
export type Product = z.infer<typeof ProductSchema>;

export const CouponSchema = z.object({
  id: IdSchema,
  title: z.string().max(100),
  amount: z.number().positive(),
  threshold: z.number().nonnegative(),
  expiresAt: EpochMsSchema,
});
export type Coupon = z.infer<typeof CouponSchema>;

export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  status: OrderStatusSchema,
  items: z
    .array(
      z.object({
        productId: IdSchema,
        title: z.string().max(200),
        qty: z.number().int().positive(),
        price: z.number().nonnegative(),
      }),
    )
    .min(1)
    .max(50),
  total: z.number().nonnegative(),
  createdAt: EpochMsSchema,
  carrier: z.string().max(32).optional(),
  trackingNo: z.string().max(64).optional(),
});
export type Order = z.infer<typeof OrderSchema>;

export const MessageFromSchema = z.enum(['customer', 'bot', 'agent', 'system']);
export type MessageFrom = z.infer<typeof MessageFromSchema>;

const messageBase = {
  id: IdSchema,
  ticketId: IdSchema,
  from: MessageFromSchema,
  at: EpochMsSchema,
  /** Set by the workstation on agent messages so a resend is recognised as the same message. */
  clientMsgId: IdSchema.optional(),
};

const TextBody = z.object({ kind: z.literal('text'), text: z.string().min(1).max(5000) });
const ImageBody = z.object({
  kind: z.literal('image'),
  url: z.string().max(500_000),
  caption: z.string().max(200).optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
const VoiceBody = z.object({
  kind: z.literal('voice'),
  url: z.string().max(2_000_000),
  durationSec: z.number().positive().max(600),
  transcript: z.string().max(5000),
});
const OrderCardBody = z.object({ kind: z.literal('order_card'), order: OrderSchema });
const ProductCardBody = z.object({ kind: z.literal('product_card'), product: ProductSchema });
const CouponCardBody = z.object({ kind: z.literal('coupon_card'), coupon: CouponSchema });
const SystemBody = z.object({
  kind: z.literal('system'),
  event: z.string().max(64),
  /** The hub's (Chinese) words; shown as is when the event or its params are not known here. */
  text: z.string().max(1000),
  /** Codes and values the workstation words in its own language (src/shared/system-texts.ts). */
  params: z.record(z.string().max(64), z.string().max(200)).optional(),
});

export const MessageBodySchema = z.discriminatedUnion('kind', [
  TextBody,
  ImageBody,
  VoiceBody,
  OrderCardBody,
  ProductCardBody,
  CouponCardBody,
  SystemBody,
]);
export type MessageBody = z.infer<typeof MessageBodySchema>;
export type MessageKind = MessageBody['kind'];

/**
 * A message: the common fields on each kind of body. One discriminated union of the bodies extended
 * with the common fields rather than an intersection of the two: the same messages pass, but zod
 * checks the kind once and has no two results to merge — on the hub's hot path (every outgoing
 * ticket:assigned carries a conversation) that halves the cost of checking the messages.
 */
export const MessageSchema = z.discriminatedUnion('kind', [
  TextBody.extend(messageBase),
  ImageBody.extend(messageBase),
  VoiceBody.extend(messageBase),
  OrderCardBody.extend(messageBase),
  ProductCardBody.extend(messageBase),
  CouponCardBody.extend(messageBase),
  SystemBody.extend(messageBase),
]);
export type Message = z.infer<typeof MessageSchema>;

export type SuggestionSource = z.infer<typeof SuggestionSourceSchema>;

export const SuggestionSchema = z.object({
  id: IdSchema,
  text: z.string().min(1).max(2000),
  source: SuggestionSourceSchema,
  /** 0…1 after ranking; upstream scores are the AI agent's own confidence. */
  score: z.number().min(0).max(1),
  /** Why it is offered, in Chinese: the words when `texts` is absent (upstream, or stored earlier). */
  reason: z.string().max(500),
  /** Why it is offered, as codes the renderer words in the reader's language (the core's own). */
  texts: CoreTextsSchema.optional(),
  refId: z.string().max(128).optional(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const RecommendationSchema = z.object({
  id: IdSchema,
  kind: z.enum(['product', 'coupon']),
  product: ProductSchema.optional(),
  coupon: CouponSchema.optional(),
  /** Why it fits, in Chinese: the words when `texts` is absent (upstream, or stored earlier). */
  reason: z.string().max(500),
  /** Why it fits, as codes the renderer words in the reader's language (the core's own). */
  texts: CoreTextsSchema.optional(),
  copy: z.string().max(500),
  source: z.enum(['upstream_ai', 'local_rules']),
  score: z.number().min(0).max(1),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const ActionTypeSchema = z.enum([
  'refund_approve',
  'refund_deny',
  'return_approve',
  'return_deny',
  'coupon_push',
  'compensate',
  'discount',
  'promise',
  'exchange_approve',
  'escalate',
]);
export type ActionType = z.infer<typeof ActionTypeSchema>;

/** Something an AI agent or a human did or proposed on a ticket; the conflict engine reads these. */
export const TicketActionSchema = z.object({
  id: IdSchema,
  ticketId: IdSchema,
  actor: z.object({ kind: z.enum(['ai', 'human']), id: IdSchema, name: z.string().max(64) }),
  type: ActionTypeSchema,
  /** e.g. { amount: 20 } for compensate/discount, { returnDays: 30 } for a promise. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  summary: z.string().max(500),
  at: EpochMsSchema,
});
export type TicketAction = z.infer<typeof TicketActionSchema>;

export const TicketStatusSchema = z.enum([
  'escalated',
  'assigned',
  'active',
  'pending',
  'resolved',
  'transferred',
  'returned_to_bot',
]);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const PrioritySchema = z.number().int().min(1).max(4); // 1 = most urgent
export const ChannelSchema = z.enum(['taobao', 'tmall', 'app', 'miniprogram', 'web']);

export const TicketSchema = z.object({
  id: IdSchema,
  channel: ChannelSchema,
  customer: CustomerSchema,
  orders: z.array(OrderSchema).max(50),
  intent: IntentSchema,
  intentConfidence: z.number().min(0).max(1),
  sentiment: SentimentSchema,
  priority: PrioritySchema,
  status: TicketStatusSchema,
  escalationReason: z.string().max(500),
  /** The reason as a code (ESCALATION_REASONS in system-texts.ts); escalationReason stays the fallback. */
  escalationCode: z.string().max(64).optional(),
  messages: z.array(MessageSchema).max(20_000),
  suggestions: z.array(SuggestionSchema).max(50),
  recommendations: z.array(RecommendationSchema).max(50),
  /** What the AI agents already tried, shown to the human so they do not repeat it. */
  aiActions: z.array(TicketActionSchema).max(100),
  tags: z.array(z.string().max(32)).max(32),
  createdAt: EpochMsSchema,
  slaDueAt: EpochMsSchema,
  assignedTo: IdSchema.optional(),
  assignedAt: EpochMsSchema.optional(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const SuggestionEventSchema = z.object({
  suggestionId: IdSchema,
  source: SuggestionSourceSchema,
  event: z.enum(['shown', 'inserted', 'edited', 'sent', 'dismissed']),
  editDistance: z.number().int().nonnegative().optional(),
  at: EpochMsSchema,
});
export type SuggestionEvent = z.infer<typeof SuggestionEventSchema>;

export const MarketingEventSchema = z.object({
  recommendationId: IdSchema,
  kind: z.enum(['product', 'coupon']),
  source: z.enum(['upstream_ai', 'local_rules']),
  event: z.enum(['shown', 'sent', 'converted']),
  at: EpochMsSchema,
});
export type MarketingEvent = z.infer<typeof MarketingEventSchema>;

export const ResolutionSchema = z.enum(['resolved', 'transferred', 'returned_to_bot', 'pending']);
export type Resolution = z.infer<typeof ResolutionSchema>;

export const OutcomeSchema = z.object({
  /** Fixed when the outcome is first recorded; the hub deduplicates on it. */
  idempotencyKey: IdSchema,
  ticketId: IdSchema,
  agentId: IdSchema,
  intent: IntentSchema,
  resolution: ResolutionSchema,
  handleTimeMs: z.number().int().nonnegative(),
  firstResponseMs: z.number().int().nonnegative().nullable(),
  messagesSent: z.number().int().nonnegative(),
  suggestionEvents: z.array(SuggestionEventSchema).max(2000),
  marketingEvents: z.array(MarketingEventSchema).max(500),
  conflictIds: z.array(IdSchema).max(100),
  tags: z.array(z.string().max(32)).max(32),
  csat: z.number().int().min(1).max(5).nullable(),
  note: z.string().max(2000),
  closedAt: EpochMsSchema,
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const ConflictDecisionSchema = z.object({
  choice: z.enum(['a', 'b', 'custom']),
  note: z.string().max(1000),
  by: IdSchema,
  at: EpochMsSchema,
});

export const ConflictSchema = z.object({
  id: IdSchema,
  ticketId: IdSchema,
  ruleId: z.string().max(64),
  title: z.string().max(200),
  severity: z.enum(['low', 'medium', 'high']),
  sides: z.tuple([TicketActionSchema, TicketActionSchema]),
  context: z.object({
    intent: IntentSchema,
    sentiment: SentimentSchema,
    lastMessages: z.array(MessageSchema).max(20),
    explanation: z.string().max(1000),
    /** The values the rule saw (value, limit, param …), so the explanation can be worded per language. */
    facts: z.record(z.string().max(64), z.string().max(200)).optional(),
    /** Who the conversation is with, so the lead reads a name rather than a ticket id. */
    customerNickname: z.string().max(64).optional(),
  }),
  status: z.enum(['open', 'resolved']),
  decision: ConflictDecisionSchema.optional(),
  raisedAt: EpochMsSchema,
  agentId: IdSchema.optional(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const KbTierSchema = z.enum(['general', 'industry', 'merchant']);
export type KbTier = z.infer<typeof KbTierSchema>;

export const KbDocSchema = z.object({
  id: IdSchema,
  tier: KbTierSchema,
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(100_000),
  tags: z.array(z.string().max(32)).max(32),
  version: z.number().int().nonnegative(),
  updatedAt: EpochMsSchema,
});
export type KbDoc = z.infer<typeof KbDocSchema>;

export type Role = z.infer<typeof RoleSchema>;

export const AgentProfileSchema = z.object({
  id: IdSchema,
  name: z.string().max(64),
  role: RoleSchema,
  skills: z.array(IntentSchema),
  capacity: z.number().int().positive().max(50),
});
export type AgentProfile = z.infer<typeof AgentProfileSchema>;
