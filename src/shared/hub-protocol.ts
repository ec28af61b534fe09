// The hub ↔ workstation socket.io protocol: one table of server events and one table of client
// commands, each with a runtime schema. The hub and the sync client both derive their validation and
// socket.io's generic event maps from these tables, so the protocol is written down exactly once.
import { z } from 'zod';
import {
  ConflictSchema,
  EpochMsSchema,
  IdSchema,
  IntentSchema,
  KbDocSchema,
  MessageBodySchema,
  MessageSchema,
  OutcomeSchema,
  PrioritySchema,
  RecommendationSchema,
  SuggestionSchema,
  TicketActionSchema,
  TicketSchema,
  TicketStatusSchema,
  ActionTypeSchema,
} from './domain';
import type { RoleSchema } from './domain';
import { AgentPresenceSchema } from './hub-auth';
import {
  AssignmentReasonSchema,
  CustomerPastTicketSchema,
  TeamAgentSchema,
  TeamTicketSchema,
} from './hub-views';
import type { Result } from './result';

export * from './hub-auth';
export * from './hub-views';

/**
 * The largest command or HTTP body the hub reads (socket.io's maxHttpBufferSize and the JSON body limit
 * of /api/kb/publish): one limit, stated in the 413 it answers. 4 MiB holds a dozen 100,000-character
 * Chinese documents (3 bytes a character in UTF-8); bigger changes go in several publishes.
 */
export const MAX_COMMAND_BYTES = 4 * 1024 * 1024;
/** Messages a ticket accepts in all (customer, AI, agent, system); past it, replies are refused. */
export const MAX_TICKET_MESSAGES = 5000;
/** Messages a ticket snapshot carries: the most recent ones; `ticket:messages` pages the earlier part. */
export const SNAPSHOT_MESSAGES = 200;
/** Page size of `ticket:messages`. */
export const MESSAGE_PAGE_MAX = 500;

export const SeqSchema = z.number().int().positive();

/** Server → client events. Every one carries the agent's strictly increasing `seq`. */
export const serverEventSchemas = {
  'ticket:assigned': z.object({
    seq: SeqSchema,
    /** `ticket.messages` holds at most SNAPSHOT_MESSAGES, the most recent; see `earlierMessages`. */
    ticket: TicketSchema,
    assignment: AssignmentReasonSchema.optional(),
    /** How many older messages the snapshot left out (page them with `ticket:messages`); absent = none. */
    earlierMessages: z.number().int().nonnegative().optional(),
  }),
  'ticket:message': z.object({ seq: SeqSchema, ticketId: IdSchema, message: MessageSchema }),
  'ticket:status': z.object({
    seq: SeqSchema,
    ticketId: IdSchema,
    status: TicketStatusSchema,
    reason: z.string().max(500),
  }),
  'ticket:revoked': z.object({
    seq: SeqSchema,
    ticketId: IdSchema,
    /** The hub's words (Chinese); `code` + `by` let the workstation word it (REVOKE_REASONS). */
    reason: z.string().max(500),
    code: z.string().max(64).optional(),
    by: z.string().max(64).optional(),
  }),
  /** Priority / SLA changed (e.g. the SLA was breached and the hub raised the priority). */
  'ticket:priority': z.object({
    seq: SeqSchema,
    ticketId: IdSchema,
    priority: PrioritySchema,
    slaDueAt: EpochMsSchema,
    reason: z.string().max(500),
  }),
  'ticket:action': z.object({ seq: SeqSchema, action: TicketActionSchema }),
  'ticket:assist': z.object({
    seq: SeqSchema,
    ticketId: IdSchema,
    suggestions: z.array(SuggestionSchema).max(50),
    recommendations: z.array(RecommendationSchema).max(50),
  }),
  'order:converted': z.object({
    seq: SeqSchema,
    ticketId: IdSchema,
    orderId: IdSchema,
    recommendationId: IdSchema.optional(),
    amount: z.number().nonnegative(),
  }),
  /** The customer's channel delivered an agent message, or could not (reported through the integration API). */
  'ticket:delivery': z.object({
    seq: SeqSchema,
    ticketId: IdSchema,
    messageId: IdSchema,
    clientMsgId: IdSchema.optional(),
    status: z.enum(['delivered', 'failed']),
    reason: z.string().max(500).nullable(),
    at: EpochMsSchema,
  }),
  'conflict:raised': z.object({ seq: SeqSchema, conflict: ConflictSchema }),
  'conflict:decided': z.object({ seq: SeqSchema, conflict: ConflictSchema }),
  'kb:changed': z.object({ seq: SeqSchema, version: z.number().int().nonnegative() }),
  'team:snapshot': z.object({
    seq: SeqSchema,
    agents: z.array(TeamAgentSchema),
    queued: z.number().int().nonnegative(),
    at: EpochMsSchema,
  }),
  /**
   * Instead of a replay, when the events after the client's `lastSeq` are no longer all kept (the hub's
   * replay log keeps a bounded window): the user's state as of `seq`, the log's head. The client takes
   * it whatever its cursor (it need not be last + 1), replaces its open tickets with these (an open
   * ticket not listed is no longer the user's) and continues from `seq`. Never stored in the log.
   */
  'session:snapshot': z.object({
    seq: SeqSchema,
    /** Every ticket the user holds now (as `ticket:assigned` carries it). */
    tickets: z
      .array(z.object({ ticket: TicketSchema, earlierMessages: z.number().int().nonnegative().optional() }))
      .max(500),
    /** Leads and admins: every open conflict; agents: none. */
    conflicts: z.array(ConflictSchema).max(5000),
  }),
} as const;

export type ServerEventName = keyof typeof serverEventSchemas;
export type ServerEvent<K extends ServerEventName> = z.infer<(typeof serverEventSchemas)[K]>;
export const SERVER_EVENT_NAMES = Object.keys(serverEventSchemas) as ServerEventName[];

const idempotent = { idempotencyKey: IdSchema };

/** A position in the knowledge change log: pages continue after this (version, id). */
export const KbCursorSchema = z.object({ version: z.number().int().nonnegative(), id: IdSchema });
export type KbCursor = z.infer<typeof KbCursorSchema>;

export const ReplyBodySchema = MessageBodySchema.refine(
  (b) => b.kind === 'text' || b.kind === 'product_card' || b.kind === 'coupon_card' || b.kind === 'image',
  { message: 'an agent may send text, image, product or coupon cards' },
);

/** Client → server commands: input schema, output schema, and who may call them. */
/** The system-message event of a lead's private note to the agent (`ticket:whisper`): internal only. */
export const LEAD_NOTE_EVENT = 'lead_note';

export const clientCommandSchemas = {
  'session:resume': {
    roles: ['agent', 'lead', 'admin'],
    input: z.object({ lastSeq: z.number().int().nonnegative() }),
    output: z.object({
      replayed: z.number().int().nonnegative(),
      headSeq: z.number().int().nonnegative(),
      /** true: the events missed are no longer kept; a `session:snapshot` was sent instead. */
      snapshot: z.boolean().optional(),
    }),
  },
  'agent:status': {
    roles: ['agent', 'lead', 'admin'],
    input: z.object({ status: AgentPresenceSchema }),
    output: z.object({ status: AgentPresenceSchema }),
  },
  'ticket:accept': {
    roles: ['agent', 'lead'],
    input: z.object({ ticketId: IdSchema, ...idempotent }),
    output: z.object({ status: TicketStatusSchema }),
  },
  'ticket:reply': {
    roles: ['agent', 'lead'],
    input: z.object({ ticketId: IdSchema, clientMsgId: IdSchema, body: ReplyBodySchema }),
    output: z.object({ message: MessageSchema, duplicate: z.boolean() }),
  },
  'ticket:action': {
    roles: ['agent', 'lead'],
    input: z.object({
      ticketId: IdSchema,
      ...idempotent,
      type: ActionTypeSchema,
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      summary: z.string().max(500),
    }),
    output: z.object({ action: TicketActionSchema, conflicts: z.array(ConflictSchema) }),
  },
  'ticket:transfer': {
    // a lead or admin moves any open ticket (team view → reassign); an agent only their own
    roles: ['agent', 'lead', 'admin'],
    input: z.object({
      ticketId: IdSchema,
      ...idempotent,
      toAgentId: IdSchema.optional(),
      reason: z.string().max(500),
    }),
    output: z.object({ toAgentId: IdSchema.nullable() }),
  },
  'ticket:outcome': {
    roles: ['agent', 'lead'],
    input: OutcomeSchema,
    output: z.object({ duplicate: z.boolean() }),
  },
  'conflict:resolve': {
    roles: ['lead', 'admin'],
    input: z.object({
      conflictId: IdSchema,
      ...idempotent,
      choice: z.enum(['a', 'b', 'custom']),
      note: z.string().max(1000),
    }),
    output: z.object({ conflict: ConflictSchema }),
  },
  'conflict:list': {
    roles: ['lead', 'admin'],
    input: z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') }),
    output: z.object({ conflicts: z.array(ConflictSchema) }),
  },
  /**
   * Knowledge changes after `sinceVersion`, one page at a time in (version, id) order. When `next` is
   * set, more follow: ask again with the same sinceVersion and `after: next`. Everything below
   * `next.version` is complete once a page is applied, so a client can store `next.version - 1`.
   */
  'kb:pull': {
    roles: ['agent', 'lead', 'admin'],
    input: z.object({ sinceVersion: z.number().int().nonnegative(), after: KbCursorSchema.optional() }),
    output: z.object({
      version: z.number().int().nonnegative(),
      docs: z.array(KbDocSchema),
      deletedIds: z.array(IdSchema),
      next: KbCursorSchema.optional(),
    }),
  },
  /** Earlier messages of a long ticket: the `limit` messages before position `before` (0 = the first). */
  'ticket:messages': {
    roles: ['agent', 'lead', 'admin'],
    input: z.object({
      ticketId: IdSchema,
      before: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(MESSAGE_PAGE_MAX).default(SNAPSHOT_MESSAGES),
    }),
    output: z.object({
      messages: z.array(MessageSchema).max(MESSAGE_PAGE_MAX),
      /** Position of messages[0] in the conversation; 0 = nothing earlier is left. */
      start: z.number().int().nonnegative(),
    }),
  },
  /** Lead view of why a ticket went where it went: every routing decision with its scores. */
  'ticket:assignments': {
    roles: ['lead', 'admin'],
    input: z.object({ ticketId: IdSchema }),
    output: z.object({
      assignments: z.array(
        z.object({
          at: EpochMsSchema,
          reason: AssignmentReasonSchema,
          candidates: z.array(AssignmentReasonSchema),
        }),
      ),
    }),
  },
  /** Admin publishes a knowledge change (upsert or delete); every client then gets `kb:changed`. */
  'kb:publish': {
    roles: ['admin'],
    input: z.object({
      ...idempotent,
      upsert: z
        .array(KbDocSchema.omit({ version: true, updatedAt: true }))
        .max(500)
        .default([]),
      deleteIds: z.array(IdSchema).max(500).default([]),
    }),
    output: z.object({ version: z.number().int().nonnegative() }),
  },
  /** The lead's team view: every open ticket (queued or held), most urgent first. */
  'team:tickets': {
    roles: ['lead', 'admin'],
    input: z.object({}),
    output: z.object({ tickets: z.array(TeamTicketSchema) }),
  },
  /**
   * A lead's private note to the agent holding a ticket (coaching, "offer the 20 yuan coupon"). Stored in
   * the conversation as a system message with event `lead_note`: internal, never for the customer.
   */
  'ticket:whisper': {
    roles: ['lead', 'admin'],
    input: z.object({ ticketId: IdSchema, ...idempotent, text: z.string().trim().min(1).max(500) }),
    output: z.object({ message: MessageSchema }),
  },
  /** The customer's earlier tickets (newest first), for the agent holding `ticketId` or a lead. */
  'customer:history': {
    roles: ['agent', 'lead', 'admin'],
    input: z.object({ ticketId: IdSchema }),
    output: z.object({ tickets: z.array(CustomerPastTicketSchema).max(20) }),
  },
  /** The lead reads a ticket in full (conversation, what the AI tried) before deciding or reassigning. */
  'team:ticket': {
    roles: ['lead', 'admin'],
    input: z.object({ ticketId: IdSchema }),
    output: z.object({ ticket: TicketSchema, earlierMessages: z.number().int().nonnegative().optional() }),
  },
  'metrics:get': {
    roles: ['lead', 'admin'],
    input: z.object({ intent: IntentSchema.optional() }),
    output: z.object({
      outcomes: z.number().int().nonnegative(),
      adoptionBySource: z.record(z.string(), z.number()),
      marketingConversion: z.number(),
      avgHandleTimeMs: z.number(),
      resolutionRateByIntent: z.record(z.string(), z.number()),
      /** The counts behind the rates, for the lead's insights view. */
      avgFirstResponseMs: z.number().nullable(),
      csatAvg: z.number().nullable(),
      marketing: z.object({ sent: z.number().int(), converted: z.number().int() }),
      /** Per suggestion source: shown, adopted (inserted or sent), adopted after editing, mean edit distance of those. */
      suggestionsBySource: z.record(
        z.string(),
        z.object({
          shown: z.number().int(),
          adopted: z.number().int(),
          edited: z.number().int(),
          avgEditDistance: z.number().nullable(),
        }),
      ),
      outcomesByIntent: z.record(
        z.string(),
        z.object({ outcomes: z.number().int(), resolved: z.number().int(), avgHandleTimeMs: z.number() }),
      ),
    }),
  },
} as const satisfies Record<
  string,
  { roles: readonly z.infer<typeof RoleSchema>[]; input: z.ZodType; output: z.ZodType }
>;

export type ClientCommandName = keyof typeof clientCommandSchemas;
export type CommandInput<K extends ClientCommandName> = z.input<(typeof clientCommandSchemas)[K]['input']>;
export type CommandOutput<K extends ClientCommandName> = z.infer<(typeof clientCommandSchemas)[K]['output']>;
export const CLIENT_COMMAND_NAMES = Object.keys(clientCommandSchemas) as ClientCommandName[];

/** socket.io generic maps, derived from the tables above. */
export type ServerToClientEvents = { [K in ServerEventName]: (event: ServerEvent<K>) => void } & {
  /** Not seq'd: tells a client a payload it sent was refused, for logs; acks carry the real answer. */
  'protocol:error': (error: { event: string; message: string }) => void;
};
export type ClientToServerEvents = {
  [K in ClientCommandName]: (input: CommandInput<K>, ack: (result: Result<CommandOutput<K>>) => void) => void;
};
