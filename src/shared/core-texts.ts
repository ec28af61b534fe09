// Codes for texts the workstation core produces for people to read (pre-send guard warnings, the AI's
// promises, why a suggestion was offered, why an offer waits), each with typed params, so the renderer
// words them in the reader's language (src/renderer/i18n/core-words.ts). The core keeps sending its
// Chinese sentence beside the code (`reason`): rows stored before codes existed, and the command-line
// tools, still read that.
import { z } from 'zod';
import { IntentSchema, OrderStatusSchema, RoleSchema, SuggestionSourceSchema } from './enums';

const IntentCategorySchema = z.enum(['presale', 'promotion', 'logistics', 'aftersale', 'complaint']);

/** Words that live in data (a rule file) carry both languages. */
export const LocalizedSchema = z.object({ zh: z.string().max(500), en: z.string().max(500) });
export type Localized = z.infer<typeof LocalizedSchema>;

/** Whose text a warning is about: the agent's draft (and suggestions) or what the AI said. */
export const SubjectSchema = z.enum(['draft', 'ai']);

/** A side of a conflict: the text being checked itself, or a named actor (policy / service rules have ids). */
const ActorRefSchema = z.object({
  self: z.boolean().optional(),
  id: z.string().max(128),
  name: z.string().max(64),
});
export type ActorRef = z.infer<typeof ActorRefSchema>;

/** What shows that a window is open or closed. */
export const EvidenceSchema = z.discriminatedUnion('kind', [
  /** The escalation reason says so; the code words it, the text is the platform's own. */
  z.object({
    kind: z.literal('escalation'),
    reason: z.string().max(500),
    reasonCode: z.string().max(64).optional(),
  }),
  z.object({ kind: z.literal('customer_said'), quote: z.string().max(100) }),
  /** Ordered `days` ago and delivered, so delivered no earlier. */
  z.object({ kind: z.literal('ordered_days_ago'), days: z.number() }),
  /** Ordered `days` ago, no delivery date on the ticket. */
  z.object({ kind: z.literal('no_delivery_date'), days: z.number() }),
  z.object({ kind: z.literal('no_order') }),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

const n = z.number();
const s = (max = 200) => z.string().max(max);
const subject = SubjectSchema;
const code = <C extends string, P extends z.ZodRawShape>(c: C, params: P) =>
  z.object({ code: z.literal(c), params: z.object(params) });

/** A statement in a text that the ticket's facts disprove (shared/ticket-facts.ts). */
const factTexts = [
  code('fact.return_window_within', {
    state: z.enum(['past', 'unknown']),
    policy: n,
    evidence: EvidenceSchema,
  }),
  code('fact.return_window_past', {
    state: z.enum(['within', 'unknown']),
    policy: n,
    evidence: EvidenceSchema,
  }),
  code('fact.return_after_window', { policy: n, evidence: EvidenceSchema }),
  code('fact.price_protect_within', { days: n, policy: n }),
  /** Captions of the photos, '' for a photo without one, or what the customer said about sending them. */
  code('fact.photos_already_sent', {
    captions: z.array(z.union([s(100), z.object({ said: s(20) })])).max(3),
  }),
  code('fact.photos_not_sent', {}),
  code('fact.address_not_changed', {}),
  code('fact.not_shipped', { status: OrderStatusSchema }),
  code('fact.already_shipped', { status: OrderStatusSchema }),
  code('fact.ship_disputed', { status: OrderStatusSchema, evidence: EvidenceSchema }),
  code('fact.refund_not_done', {}),
  code('fact.reshipment_denied', { quote: s(100) }),
] as const;
export const FactTextSchema = z.discriminatedUnion('code', factTexts);
export type FactText = z.infer<typeof FactTextSchema>;

/** The conflict rules' verdict (shared/conflict-rules.ts): the hub's Chinese, and the values to word it. */
const conflictParams = {
  /** Whose text the checked side is (absent when both sides are the AI agents' actions). */
  subject: SubjectSchema.optional(),
  ruleId: s(64),
  title: s(200),
  explanation: s(1000),
  value: s(64).optional(),
  limit: s(64).optional(),
  a: ActorRefSchema,
  b: ActorRefSchema,
};

const guardTexts = [
  // The pre-send guard, against the merchant's policy values.
  code('guard.return_days', { subject, days: n, policy: n }),
  code('guard.exchange_days', { subject, days: n, policy: n }),
  code('guard.price_protect_days', { subject, days: n, policy: n }),
  code('guard.carrier', { subject, carriers: z.array(s(32)).max(20), named: s(32) }),
  code('guard.refund_amount', { amount: n, cap: n }),
  code('guard.compensation', { amount: n, role: RoleSchema, max: n }),
  code('guard.coupon', { amount: n, role: RoleSchema, max: n }),
  code('guard.discount_fold', { fold: n, role: RoleSchema, min: n }),
  code('guard.refund_hours', { subject, hours: n, policy: n }),
  code('guard.ship_hours', { subject, hours: n, policy: n }),
  code('guard.free_shipping_threshold', { subject, amount: n, policy: n }),
  // A promise phrase from resources/assist/promise-rules.json, in the rule's own two languages.
  code('guard.promise', {
    ruleId: s(64),
    title: LocalizedSchema,
    reason: LocalizedSchema,
    source: z.object({ title: LocalizedSchema, quote: LocalizedSchema }).optional(),
  }),
  // The ticket's facts disprove the text.
  code('guard.fact', { subject, fact: FactTextSchema }),
  code('guard.conflict', conflictParams),
] as const;
/** A pre-send guard warning, or the verdict on something the AI promised. */
export const GuardTextSchema = z.discriminatedUnion('code', guardTexts);
export type GuardText = z.infer<typeof GuardTextSchema>;

export const CoreTextSchema = z.discriminatedUnion('code', [
  ...guardTexts,
  // Why a suggestion is offered (joined in order; the source comes first).
  code('suggest.upstream', { score: n, note: s(80).optional() }),
  code('suggest.macro', { title: s(100), fitsIntent: z.boolean(), keywords: z.array(s(32)).max(3) }),
  code('suggest.history', { similarity: n, uses: n }),
  code('suggest.knowledge', { title: s(40), by: z.enum(['embedding', 'overlap', 'chunk']), relevance: n }),
  code('suggest.also_from', { source: SuggestionSourceSchema }),
  code('suggest.adoption', { rate: n }),
  code('suggest.closing', { quote: s(20) }),
  /** A general macro offered because nothing targeted fits the ticket's facts. */
  code('suggest.holding', { title: s(100) }),
  code('suggest.shared_words', { words: z.array(s(32)).max(10) }),
  code('suggest.semantic', { value: n }),
  code('suggest.prior', { value: n }),
  code('suggest.unrelated', {}),
  code('suggest.llm_grounded', { docs: z.array(s(100)).max(10) }),
  code('suggest.llm_ungrounded', {}),
  code('suggest.llm_redacted', { count: n }),
  /** The LLM draft breaks a rule the agent must fix before sending. */
  code('suggest.llm_caution', { warning: GuardTextSchema }),
  // Marketing: why nothing may be offered now, why an offer fits, why one was left out.
  code('marketing.complaint', { intent: IntentSchema }),
  code('marketing.category', { category: IntentCategorySchema, intent: IntentSchema }),
  code('marketing.intent', { intent: IntentSchema }),
  code('marketing.negative', { score: n }),
  code('marketing.wait', { question: s(30) }),
  code('marketing.answers', { question: s(30), keyword: s(20) }),
  code('marketing.rule_coupon', { rule: LocalizedSchema, vip: n, orders: n }),
  code('marketing.rule_focus', {
    rule: LocalizedSchema,
    focus: s(100),
    focusStock: n,
    product: s(100),
    stock: n,
  }),
  code('marketing.rule_history', { rule: LocalizedSchema, category: s(32), product: s(100), stock: n }),
  code('marketing.upstream', { text: s(500) }),
  code('marketing.also_local', {}),
  code('marketing.out_of_stock', { product: s(200) }),
  code('marketing.coupon_expired', { coupon: s(200) }),
  code('marketing.unrelated', {
    product: s(200),
    category: s(32),
    focus: s(200),
    focusCategory: s(32),
  }),
  // Knowledge import: why a row or the whole file could not be read (`detail` is the parser's own).
  code('import.missing_title', {}),
  code('import.missing_body', {}),
  code('import.invalid_field', { field: s(64), detail: s(300) }),
  code('import.not_object', {}),
  code('import.invalid_json', { detail: s(300) }),
  code('import.not_a_list', {}),
  code('import.no_heading', {}),
  code('import.too_many_rows', { rows: n, max: n }),
  code('import.header_missing', { missing: z.enum(['title', 'body']), found: z.array(s(64)).max(8) }),
  code('import.bad_row', { detail: s(300) }),
  code('import.bad_file', { detail: s(300) }),
  code('import.id_collision', { id: s(128) }),
  // Why "sign out and clear" was refused: what clearing would throw away.
  code('session.unsynced', { pending: n, conflicts: n, drafts: n }),
  // Refusals an agent meets in normal work; the core's English message stays beside them for the log.
  code('refusal.ticket_not_here', {}),
  code('refusal.ticket_closed', {}),
  code('refusal.sign_in_first', {}),
  code('refusal.lead_only', {}),
  code('refusal.offline', { needs: z.enum(['earlier_messages', 'team_tickets']) }),
  code('refusal.conflict_settled', {}),
  code('refusal.reassign_waiting', {}),
  code('refusal.upload_gone', {}),
  code('refusal.kb_unavailable', {}),
]);
export type CoreText = z.infer<typeof CoreTextSchema>;
export type CoreTextCode = CoreText['code'];
export type CoreTextOf<C extends CoreTextCode> = Extract<CoreText, { code: C }>;

/** A text made of parts (a suggestion's reason, an offer's reason). */
export const CoreTextsSchema = z.array(CoreTextSchema).max(12);

/** The codes, for tests that every one has words in both languages. */
export const CORE_TEXT_CODES = CoreTextSchema.options.map((o) => o.shape.code.value);
export const FACT_TEXT_CODES = FactTextSchema.options.map((o) => o.shape.code.value);

/** Build a text with its params checked by the compiler. */
export const coreText = <C extends CoreTextCode>(c: C, params: CoreTextOf<C>['params']): CoreTextOf<C> =>
  ({ code: c, params }) as CoreTextOf<C>;
