// The renderer ↔ core API: one table of request methods (input schema → output schema) and one table
// of pushed events. The Electron preload, the IPC handlers, the browser-shell bridge and the renderer's
// client are all derived from these tables; nothing is declared twice.
import { z } from 'zod';
import {
  AgentProfileSchema,
  ConflictSchema,
  EpochMsSchema,
  IdSchema,
  IntentSchema,
  MessageSchema,
  OutcomeSchema,
  PrioritySchema,
  ResolutionSchema,
  SentimentSchema,
  TicketSchema,
  TicketStatusSchema,
} from './domain';
import { KbTierSchema, type MessageKind } from './domain';
import {
  AgentPresenceSchema,
  clientCommandSchemas,
  CustomerPastTicketSchema,
  ReplyBodySchema,
  TeamAgentSchema,
  TeamTicketSchema,
} from './hub-protocol';
import { assistApiEvents, assistApiMethods } from './assist-api';
import {
  clampKbQuery,
  KbImportReportSchema,
  KbProgressSchema,
  KbSearchHitSchema,
  KbStatsSchema,
} from './kb-api';

export * from './kb-api';

export const ConnectionPhaseSchema = z.enum(['signed_out', 'connecting', 'online', 'offline']);
export type ConnectionPhase = z.infer<typeof ConnectionPhaseSchema>;

export const SessionStateSchema = z.object({
  phase: ConnectionPhaseSchema,
  hubUrl: z.string().nullable(),
  /** The hub last signed in to on this machine, remembered across sign-outs (for the login form). */
  lastHubUrl: z.string().nullable(),
  agent: AgentProfileSchema.nullable(),
  lastSeq: z.number().int().nonnegative(),
  outboxPending: z.number().int().nonnegative(),
  /** Human-readable reason for the last failure (bad password, hub unreachable …), if any. */
  lastError: z.string().nullable(),
  /** Taking tickets, on a break (away) or busy: the hub routes new tickets only while online. */
  presence: AgentPresenceSchema,
});
export type SessionState = z.infer<typeof SessionStateSchema>;

export const TicketSummarySchema = z.object({
  id: IdSchema,
  /** The customer's id (stored in clear), so a screen can tell two open tickets of one customer. */
  customerId: z.string(),
  customerNickname: z.string(),
  intent: IntentSchema,
  sentiment: SentimentSchema,
  priority: PrioritySchema,
  status: TicketStatusSchema,
  createdAt: EpochMsSchema,
  slaDueAt: EpochMsSchema,
  /** In Chinese, for older renderers; lastMessageBrief is what a renderer words in its language. */
  lastMessagePreview: z.string(),
  lastMessageBrief: z
    .object({
      kind: z.enum([
        'text',
        'image',
        'voice',
        'order_card',
        'product_card',
        'coupon_card',
        'system',
      ] as const satisfies readonly MessageKind[]),
      detail: z.string().max(200),
      event: z.string().max(64).optional(),
      params: z.record(z.string().max(64), z.string().max(200)).optional(),
    })
    .optional(),
  lastMessageAt: EpochMsSchema,
  unread: z.number().int().nonnegative(),
  /** Since when the customer has waited for a human reply (src/shared/waiting.ts); null = the agent spoke last. */
  waitingSince: EpochMsSchema.nullable(),
  tags: z.array(z.string()),
  /** Offline triage score with each factor's share (src/shared/triage.ts). */
  triage: z.object({ score: z.number(), factors: z.record(z.string(), z.number()) }).optional(),
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

const TicketIdInput = z.object({ ticketId: IdSchema });

/** What the agent keeps on this machine for a ticket, online or not: nothing here waits for the hub. */
export const LocalWorkSchema = z.object({
  draft: z.string(),
  note: z.string(),
  tags: z.array(z.string()),
  /** The agent's own priority for the queue, over the hub's; null = use the hub's. */
  priority: PrioritySchema.nullable(),
  savedAt: EpochMsSchema.nullable(),
});
export type LocalWork = z.infer<typeof LocalWorkSchema>;

export const TeamSnapshotSchema = z.object({
  agents: z.array(TeamAgentSchema),
  queued: z.number().int().nonnegative(),
  at: EpochMsSchema,
});
export type TeamSnapshot = z.infer<typeof TeamSnapshotSchema>;

/** An open ticket in the lead's team view, plus whether this workstation's reassignment of it is still waiting to sync. */
export const TeamTicketViewSchema = TeamTicketSchema.extend({ reassignPending: z.boolean() });
export type TeamMetrics = z.infer<(typeof clientCommandSchemas)['metrics:get']['output']>;
export type TeamTicketView = z.infer<typeof TeamTicketViewSchema>;

/** A write the hub refused (ticket reassigned meanwhile, already closed by someone else …). */
export const SyncConflictSchema = z.object({
  id: z.number().int().positive(),
  command: z.string(),
  ticketId: IdSchema.nullable(),
  reason: z.string(),
  summary: z.string(),
  createdAt: EpochMsSchema,
});
export type SyncConflict = z.infer<typeof SyncConflictSchema>;

// ---- Knowledge base (src/main/core/knowledge): schemas in kb-api.ts ----
/** The workstation database was found damaged at start, moved aside and started afresh. */
export const DatabaseRecoveryNoticeSchema = z.object({
  id: z.number().int().positive(),
  at: z.number().int(),
  movedTo: z.string(),
  reason: z.string(),
  /** Unsynced outbox rows put back from the damaged file; null = the old outbox could not be read. */
  outboxRestored: z.number().int().nonnegative().nullable(),
});

export const apiMethods = {
  /** Set until the user dismisses it: shown on screen after sign-in. */
  'app.databaseRecovery': { input: z.object({}), output: DatabaseRecoveryNoticeSchema.nullable() },
  'app.dismissDatabaseRecovery': {
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({}),
  },
  'app.info': {
    input: z.object({}),
    output: z.object({ version: z.string(), shell: z.enum(['electron', 'browser']), dataDir: z.string() }),
  },
  'session.state': { input: z.object({}), output: SessionStateSchema },
  'session.login': {
    input: z.object({
      hubUrl: z.string().url().max(500),
      username: z.string().min(1).max(64),
      password: z.string().min(1).max(256),
    }),
    output: SessionStateSchema,
  },
  'session.logout': {
    /** clear: also delete this (hub, user)'s local data; refused while anything is unsynced. */
    input: z.object({ clear: z.boolean().default(false) }),
    output: SessionStateSchema,
  },
  'session.setPresence': { input: z.object({ presence: AgentPresenceSchema }), output: SessionStateSchema },
  'tickets.list': { input: z.object({}), output: z.array(TicketSummarySchema) },
  /** `earlierMessages`: how many older messages the hub holds that this workstation has not loaded. */
  'tickets.get': {
    input: TicketIdInput.extend({
      /** Fetched ahead by the renderer, not opened by the agent: not agent activity (assist/scheduler.ts). */
      ahead: z.boolean().optional(),
    }),
    output: TicketSchema.extend({ earlierMessages: z.number().int().nonnegative().optional() }),
  },
  /** Loads the next page of older messages of a long ticket from the hub (online only). */
  'tickets.loadEarlier': {
    input: TicketIdInput,
    output: z.object({
      added: z.number().int().nonnegative(),
      earlierMessages: z.number().int().nonnegative(),
    }),
  },
  'tickets.markRead': { input: TicketIdInput, output: z.object({ unread: z.literal(0) }) },
  'tickets.reply': {
    input: z.object({ ticketId: IdSchema, body: ReplyBodySchema }),
    output: z.object({ message: MessageSchema }),
  },
  'tickets.close': {
    input: z.object({
      ticketId: IdSchema,
      resolution: ResolutionSchema,
      note: z.string().max(2000).default(''),
      tags: z.array(z.string().max(32)).max(32).default([]),
    }),
    output: z.object({ outcome: OutcomeSchema }),
  },
  'tickets.local': { input: TicketIdInput, output: LocalWorkSchema },
  'tickets.saveDraft': {
    input: z.object({ ticketId: IdSchema, draft: z.string().max(5000) }),
    output: z.object({ savedAt: EpochMsSchema }),
  },
  'tickets.setLocal': {
    input: z.object({
      ticketId: IdSchema,
      note: z.string().max(2000).optional(),
      tags: z.array(z.string().min(1).max(32)).max(32).optional(),
      priority: PrioritySchema.nullable().optional(),
    }),
    output: TicketSummarySchema,
  },
  'conflicts.list': {
    input: z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') }),
    output: z.array(ConflictSchema),
  },
  'conflicts.resolve': {
    input: z.object({
      conflictId: IdSchema,
      choice: z.enum(['a', 'b', 'custom']),
      note: z.string().max(1000).default(''),
    }),
    output: ConflictSchema,
  },
  'team.snapshot': { input: z.object({}), output: TeamSnapshotSchema.nullable() },
  /** Lead/admin: every open ticket on the hub and who holds it (needs the hub: UNAVAILABLE offline). */
  'team.tickets': { input: z.object({}), output: z.array(TeamTicketViewSchema) },
  /** Lead/admin: one ticket in full from the hub, read-only (needs the hub: UNAVAILABLE offline). */
  'team.ticket': { input: TicketIdInput, output: TicketSchema },
  /** Lead/admin: the feedback loop's figures from the hub (adoption by source, resolution by intent …). */
  'team.metrics': {
    input: z.object({ intent: IntentSchema.optional() }),
    output: clientCommandSchemas['metrics:get'].output,
  },
  /** Lead/admin: a private note to the agent holding the ticket (never shown to the customer); via the outbox. */
  'team.whisper': {
    input: z.object({ ticketId: IdSchema, text: z.string().trim().min(1).max(500) }),
    output: z.object({ ticketId: IdSchema, idempotencyKey: IdSchema }),
  },
  /** Lead/admin: move a held ticket to a named agent, or to the best available one (no toAgentId); via the outbox. */
  'team.reassign': {
    input: z.object({
      ticketId: IdSchema,
      toAgentId: IdSchema.optional(),
      reason: z.string().max(500).default(''),
    }),
    output: z.object({ ticketId: IdSchema, idempotencyKey: IdSchema }),
  },
  /** Offline triage: tickets from a platform export file (src/shared/ticket-export.ts). */
  'tickets.importBatch': {
    // A file goes by path (Electron) or upload id (browser shell: bridge-protocol.ts); the base64 form
    // stays for small files and scripts, bounded by the bridge's frame cap in the browser shell.
    input: z.union([
      z.object({ name: z.string().max(200), contentBase64: z.string().max(90_000_000) }),
      z.object({ path: z.string().min(1).max(4096) }),
      z.object({ uploadId: z.string().regex(/^[\w-]{8,64}$/) }),
    ]),
    output: z.object({
      imported: z.number().int().nonnegative(),
      alreadyHere: z.number().int().nonnegative(),
      errors: z.array(
        z.object({ index: z.number().int(), ticketId: z.string().optional(), reason: z.string() }),
      ),
      /** Set when the file was exported for another agent: closing those tickets will be refused by the hub. */
      otherAgent: z.string().nullable(),
    }),
  },
  /**
   * Which of the agent's replies on a ticket are still waiting in the outbox, or were refused by the hub;
   * and what the customer's channel reported for the ones that left (by client message id).
   */
  'tickets.delivery': {
    input: TicketIdInput,
    output: z.object({
      pending: z.array(IdSchema),
      refused: z.array(IdSchema),
      channel: z
        .array(
          z.object({
            clientMsgId: IdSchema,
            status: z.enum(['delivered', 'failed']),
            reason: z.string().nullable(),
            at: z.number().int(),
          }),
        )
        .default([]),
    }),
  },
  /** The customer's earlier tickets: from the hub when online (every agent's), else this machine's own. */
  'tickets.customerHistory': {
    input: TicketIdInput,
    output: z.object({ source: z.enum(['hub', 'local']), tickets: z.array(CustomerPastTicketSchema) }),
  },
  'sync.conflicts': { input: z.object({}), output: z.array(SyncConflictSchema) },
  'sync.settle': {
    input: z.object({ id: z.number().int().positive(), action: z.enum(['retry', 'discard']) }),
    output: z.array(SyncConflictSchema),
  },
  'kb.search': {
    input: z.object({
      // A pasted conversation is searched by its start, not refused; beyond 20,000 it is a mistake.
      query: z.string().min(1).max(20_000).transform(clampKbQuery),
      tiers: z.array(KbTierSchema).max(3).optional(),
      tags: z.array(z.string().min(1).max(32)).max(32).optional(),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    output: z.object({
      hits: z.array(KbSearchHitSchema),
      mode: z.enum(['hybrid', 'keyword']),
      degraded: z.string().nullable(),
      tookMs: z.number().nonnegative(),
    }),
  },
  /**
   * A path (Electron: the dropped file's path) or a file streamed to the browser shell's upload
   * endpoint (bridge-protocol.ts). File bytes never travel inside an API call.
   */
  'kb.import': {
    input: z.union([
      z.object({ path: z.string().min(1).max(4096) }),
      z.object({ uploadId: z.string().regex(/^[\w-]{8,64}$/) }),
    ]),
    output: KbImportReportSchema,
  },
  'kb.stats': { input: z.object({}), output: KbStatsSchema },
  /** Recorded in the workstation's audit trail before the renderer unmasks a customer's PII. */
  'audit.piiRevealed': {
    input: z.object({ ticketId: IdSchema, field: z.enum(['name', 'phone', 'address']).optional() }),
    output: z.object({ seq: z.number().int().positive() }),
  },
  ...assistApiMethods,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type ApiMethodName = keyof typeof apiMethods;
export type ApiInput<K extends ApiMethodName> = z.input<(typeof apiMethods)[K]['input']>;
export type ApiParsedInput<K extends ApiMethodName> = z.infer<(typeof apiMethods)[K]['input']>;
export type ApiOutput<K extends ApiMethodName> = z.infer<(typeof apiMethods)[K]['output']>;
export const API_METHOD_NAMES = Object.keys(apiMethods) as ApiMethodName[];

/** Core → renderer pushes. The core is trusted, so these are types the renderer need not re-validate. */
export const apiEvents = {
  'session.changed': SessionStateSchema,
  'tickets.upserted': TicketSummarySchema,
  'tickets.message': z.object({ ticketId: IdSchema, message: MessageSchema }),
  'tickets.changed': z.object({ ticketId: IdSchema }),
  'tickets.removed': z.object({
    ticketId: IdSchema,
    reason: z.string(),
    /** A REVOKE_REASONS code (src/shared/system-texts.ts) and who moved it, when the hub sent them. */
    code: z.string().optional(),
    by: z.string().optional(),
  }),
  'sync.conflicts': z.array(SyncConflictSchema),
  /** A conflict escalation was raised, decided, or decided locally and is waiting to sync. */
  'conflicts.changed': ConflictSchema,
  'team.snapshot': TeamSnapshotSchema,
  /** Import, indexing and model-download progress of the knowledge base. */
  'kb.progress': KbProgressSchema,
  ...assistApiEvents,
} as const satisfies Record<string, z.ZodType>;

export type ApiEventName = keyof typeof apiEvents;
export type ApiEvent<K extends ApiEventName> = z.infer<(typeof apiEvents)[K]>;
export const API_EVENT_NAMES = Object.keys(apiEvents) as ApiEventName[];

export function isApiMethod(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && Object.hasOwn(apiMethods, name);
}
export function isApiEvent(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.hasOwn(apiEvents, name);
}

/** Prefix every IPC channel carries; the preload refuses anything else. */
export const IPC_INVOKE_CHANNEL = 'xiaoer:invoke';
export const IPC_EVENT_CHANNEL = 'xiaoer:event';
