// The assist part of the renderer ↔ core API (suggestions, macros, marketing, pre-send guard, LLM
// settings), spread into the tables of api.ts. Kept in its own file so the feature's contract reads
// in one place; api.ts stays the single table every transport derives from.
import { z } from 'zod';
import { CoreTextsSchema, GuardTextSchema } from './core-texts';
import { IdSchema, MessageSchema, RecommendationSchema, SuggestionSchema } from './domain';

const TicketIdInput = z.object({ ticketId: IdSchema });

export const AssistSuggestionsSchema = z.object({
  ticketId: IdSchema,
  suggestions: z.array(SuggestionSchema),
  /** Time the core took to compute them. */
  tookMs: z.number().nonnegative(),
  /** Sources left out this time and why (knowledge base off, too slow …). */
  notes: z.array(z.string()),
});
export type AssistSuggestions = z.infer<typeof AssistSuggestionsSchema>;

export const FilledMacroSchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  /** Filled text; a variable the ticket could not fill stays visible as 【订单号】. */
  text: z.string(),
  missing: z.array(z.string()),
  matchesIntent: z.boolean(),
});
export type FilledMacroDto = z.infer<typeof FilledMacroSchema>;

export const MarketingRecommendationsSchema = z.object({
  ticketId: IdSchema,
  recommendations: z.array(RecommendationSchema),
  /** Why nothing may be shown now (complaint, negative sentiment …), in Chinese; null when allowed. */
  suppressed: z.string().nullable(),
  /** The same as codes the renderer words in the reader's language. */
  suppressedTexts: CoreTextsSchema.optional(),
  /** Upstream recommendations left out, with why (out of stock in the local cache, expired coupon). */
  dropped: z.array(z.object({ id: IdSchema, reason: z.string(), texts: CoreTextsSchema.optional() })),
});

export const GuardWarningSchema = z.object({
  code: z.string(),
  severity: z.enum(['low', 'medium', 'high']),
  /** The reason in Chinese: what an older core sent, and the words when `text` is absent. */
  reason: z.string(),
  /** The reason as a code with params, worded in the reader's language by the renderer. */
  text: GuardTextSchema.optional(),
  /** [start, end) into the draft, for highlighting. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  excerpt: z.string(),
  ruleId: z.string().optional(),
});
export type GuardWarningDto = z.infer<typeof GuardWarningSchema>;

/** The LLM endpoint as the renderer sees it: never the key itself, only whether one is stored. */
export const LlmSettingsViewSchema = z.object({
  enabled: z.boolean(),
  baseUrl: z.string(),
  model: z.string(),
  hasApiKey: z.boolean(),
  timeoutMs: z.number().int().positive(),
});
export const SettingsViewSchema = z.object({ llm: LlmSettingsViewSchema });
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const assistApiMethods = {
  /** Ranked reply suggestions (upstream AI + knowledge + macros + history), each with source and reason. */
  'assist.suggestions': {
    input: z.object({ ticketId: IdSchema, limit: z.number().int().min(1).max(20).default(5) }),
    output: AssistSuggestionsSchema,
  },
  /**
   * What the agent did with a suggestion. `finalText` is the text sent (or left in the composer after
   * editing); the core computes the edit distance from it.
   */
  'assist.event': {
    input: z.object({
      ticketId: IdSchema,
      suggestionId: IdSchema,
      event: z.enum(['shown', 'inserted', 'edited', 'sent', 'dismissed']),
      finalText: z.string().max(5000).optional(),
    }),
    output: z.object({ recorded: z.literal(true), editDistance: z.number().int().nonnegative().nullable() }),
  },
  'assist.macros': { input: TicketIdInput, output: z.array(FilledMacroSchema) },
  /** A reply drafted by the configured LLM, grounded in knowledge; UNAVAILABLE when none is configured. */
  'assist.draft': {
    input: TicketIdInput,
    output: z.object({ suggestion: SuggestionSchema, grounding: z.array(z.string()) }),
  },
  /**
   * The sentence(s) of a knowledge document that answer a question, as a reply (the knowledge panel's
   * "insert"): chosen by the embedding model when it is loaded, by word overlap otherwise; relevance is
   * measured above small talk (see core assist/knowledge-answer). null when the document has no
   * sentence for the customer.
   */
  'assist.knowledgeAnswer': {
    input: z.object({ docId: IdSchema, query: z.string().min(1).max(500) }),
    output: z.object({
      answer: z
        .object({
          text: z.string(),
          relevance: z.number().min(0).max(1),
          by: z.enum(['embedding', 'overlap']),
        })
        .nullable(),
    }),
  },
  'marketing.recommendations': { input: TicketIdInput, output: MarketingRecommendationsSchema },
  /** Sends the recommendation as a product/coupon card (after its copy as text unless includeCopy is false). */
  'marketing.send': {
    input: z.object({
      ticketId: IdSchema,
      recommendationId: IdSchema,
      includeCopy: z.boolean().default(true),
    }),
    output: z.object({
      messages: z.array(MessageSchema).min(1).max(2),
      recommendation: RecommendationSchema,
    }),
  },
  'guard.check': {
    input: z.object({ ticketId: IdSchema, draft: z.string().max(5000) }),
    output: z.object({ warnings: z.array(GuardWarningSchema) }),
  },
  /**
   * What the AI promised the customer before escalating: the bot's messages checked like a draft, and
   * the AI agents' actions judged by the hub's conflict rules (the lead's conflict view gives the same).
   */
  'guard.aiPromises': {
    input: z.object({ ticketId: IdSchema }),
    output: z.object({
      promises: z.array(
        z.object({
          /** The bot message, or the AI action (origin action), making the promise. */
          messageId: IdSchema,
          origin: z.enum(['message', 'action']).default('message'),
          at: z.number(),
          kind: z.string(),
          excerpt: z.string(),
          warning: GuardWarningSchema.pick({
            severity: true,
            reason: true,
            text: true,
            ruleId: true,
          }).nullable(),
        }),
      ),
    }),
  },
  'settings.get': { input: z.object({}), output: SettingsViewSchema },
  /** Partial update. apiKey: a string stores it (in the core only), null removes it, absent keeps it. */
  'settings.set': {
    input: z.object({
      llm: z
        .object({
          enabled: z.boolean().optional(),
          baseUrl: z
            .string()
            .max(500)
            .refine((u) => u === '' || /^https?:\/\/[^\s]+$/i.test(u), { message: 'must be an http(s) URL' })
            .optional(),
          model: z.string().max(200).optional(),
          apiKey: z.string().max(500).nullable().optional(),
          timeoutMs: z.number().int().min(1000).max(120_000).optional(),
        })
        .strict(),
    }),
    output: SettingsViewSchema,
  },
} as const;

export const assistApiEvents = {
  /** Suggestions recomputed after a new customer message or a ticket change. */
  'assist.suggestions': AssistSuggestionsSchema,
} as const;
