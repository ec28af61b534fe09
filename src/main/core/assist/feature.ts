// Composition of the assist features (suggestions, macros, marketing, pre-send guard, LLM drafts) for
// the core: one call from app-core builds them over the shared database, stores and reply path, and
// returns the API handlers, the outcome-events provider for tickets.close, the hook for hub
// conversions, and the live recompute of suggestions when a customer writes.
import { readFileSync } from 'node:fs';
import { ConflictRulesFileSchema, type ConflictRulesFile } from '../../../shared/conflict-rules';
import type { Outcome } from '../../../shared/domain';
import type { ApiHandlers } from '../api/router';
import type { Db } from '../db/database';
import type { CoreEvents } from '../events';
import { createGuardHandlers } from '../guard/guard-handlers';
import { loadPolicy, type Policy } from '../guard/policy';
import type { Logger } from '../log';
import { Catalog, parseJsonFile } from '../marketing/catalog';
import { createMarketingHandlers } from '../marketing/marketing-handlers';
import { MarketingService } from '../marketing/marketing-service';
import { MarketingStore } from '../marketing/marketing-store';
import { MarketingRulesFileSchema, type MarketingRulesFile } from '../marketing/rules';
import type { OutboxService } from '../outbox/outbox-service';
import type { Session } from '../session/session';
import { sendAgentReply } from '../tickets/send-reply';
import type { TicketStore } from '../tickets/ticket-store';
import { createAssistHandlers } from './assist-handlers';
import { AssistStore } from './assist-store';
import { AssistEngine, type KnowledgeSearch } from './engine';
import { AssistScheduler } from './scheduler';
import { SuggestionCache } from './suggestion-cache';
import { LlmSettingsStore } from './llm';
import { loadMacros, type Macro } from './macros';
import type { RankOptions } from './rank-replies';
import { resourcePath } from '../resources';
import { perfTrace } from '../perf-trace';
import * as traced from './traced';

const resource = (rel: string) => resourcePath(rel);
export const DEFAULT_MARKETING_RULES_PATH = resource('assist/marketing-rules.json');
export const DEFAULT_CONFLICT_RULES_PATH = resource('hub/conflict-rules.json');

/** Suggestions computed per ticket by the scheduler (the renderer shows three, Alt+1…3). */
const SCHEDULED_LIMIT = 5;

export interface AssistFeatureDeps {
  db: Db;
  tickets: TicketStore;
  session: Session;
  events: CoreEvents;
  outbox: OutboxService;
  knowledge?: () => KnowledgeSearch | null | undefined;
  /** Sentence embedder for the reply ranker's semantic signal (the knowledge model), when loaded. */
  embed?: () => RankOptions['embed'] | undefined;
  /** The same embedder's background lane, for tickets not on screen. */
  embedBackground?: () => RankOptions['embed'] | undefined;
  log?: Pick<Logger, 'warn'>;
  /** Overrides for tests and merchants: the resources/ files are the defaults. */
  files?: Partial<{
    macros: Macro[];
    policy: Policy;
    catalog: Catalog;
    marketingRules: MarketingRulesFile;
    conflictRules: ConflictRulesFile | null;
  }>;
  fetchImpl?: typeof fetch;
}

export type AssistHandlerSet = Pick<
  ApiHandlers,
  | 'assist.suggestions'
  | 'assist.event'
  | 'assist.macros'
  | 'assist.draft'
  | 'assist.knowledgeAnswer'
  | 'settings.get'
  | 'settings.set'
  | 'marketing.recommendations'
  | 'marketing.send'
  | 'guard.check'
  | 'guard.aiPromises'
>;

export interface AssistFeature {
  handlers: AssistHandlerSet;
  engine: AssistEngine;
  marketing: MarketingService;
  /** What tickets.close puts into the Outcome. */
  eventsForOutcome(ticketId: string): Pick<Outcome, 'suggestionEvents' | 'marketingEvents'>;
  /** When recomputed suggestions run (focus first, the screen before both). */
  scheduler: AssistScheduler;
  /** Stops pushing recomputed suggestions. */
  stop(): void;
}

function loadConflictRules(path: string, log?: Pick<Logger, 'warn'>): ConflictRulesFile | null {
  try {
    return parseJsonFile(ConflictRulesFileSchema, readFileSync(path, 'utf8'), `conflict rules ${path}`);
  } catch (err) {
    // The guard still checks the merchant policy without them; say so instead of failing the core.
    log?.warn({ err }, 'conflict rules unavailable; the pre-send guard checks policy values only');
    return null;
  }
}

export function createAssistFeature(deps: AssistFeatureDeps): AssistFeature {
  const { db, tickets, session, events, outbox } = deps;
  const f = deps.files ?? {};
  const policy = f.policy ?? loadPolicy();
  const macros = f.macros ?? loadMacros();
  const catalog = f.catalog ?? Catalog.load();
  const marketingRules =
    f.marketingRules ??
    parseJsonFile(
      MarketingRulesFileSchema,
      readFileSync(DEFAULT_MARKETING_RULES_PATH, 'utf8'),
      'marketing rules',
    );
  const conflictRules =
    f.conflictRules !== undefined
      ? f.conflictRules
      : loadConflictRules(DEFAULT_CONFLICT_RULES_PATH, deps.log);

  const store = new AssistStore(db);
  const marketingStore = new MarketingStore(db);
  const marketing = new MarketingService({
    store: marketingStore,
    tickets,
    catalog,
    rules: marketingRules,
    reply: (ticketId, body, inTransaction) =>
      sendAgentReply({ store: tickets, session, events, outbox }, ticketId, body, { inTransaction }),
  });
  const engine = new AssistEngine({
    store,
    tickets,
    macros,
    policy,
    knowledge: traced.knowledge(deps.knowledge),
    embed: traced.embedder(deps.embed, 'focus'),
    rules: conflictRules,
    embedBackground: traced.embedder(deps.embedBackground, 'background'),
    agentName: () => session.agent?.name,
    // The {coupon} variable names the best coupon the customer's VIP level allows, when marketing may run.
    couponFor: (ticket) =>
      marketing.evaluate(ticket).recommendations.find((r) => r.kind === 'coupon')?.coupon,
  });
  const llm = new LlmSettingsStore(store);

  // Live suggestions: recompute when a customer writes or the ticket changes, scheduled so the screen
  // comes first and the ticket on screen before the others (scheduler.ts).
  const computed = new SuggestionCache();
  const scheduler = new AssistScheduler(async (ticketId, lane) => {
    if (!tickets.isOpen(ticketId)) return;
    perfTrace.mark(ticketId, `assist.started:${lane}`);
    const version = computed.version(ticketId);
    await perfTrace
      .within(ticketId, () => engine.suggest(ticketId, SCHEDULED_LIMIT, { lane }))
      .then((r) => {
        perfTrace.mark(ticketId, 'assist.computed');
        computed.keep(ticketId, version, SCHEDULED_LIMIT, r);
        events.emit('assist.suggestions', r);
      })
      .catch((err: unknown) => deps.log?.warn({ err, ticketId }, 'suggestion recompute failed'));
  });
  const unsubscribe = events.subscribe((name, payload) => {
    if (name === 'tickets.message') {
      const p = payload as { ticketId: string; message: { from: string } };
      computed.invalidate(p.ticketId);
      if (p.message.from === 'customer') {
        perfTrace.mark(p.ticketId, 'assist.requested');
        scheduler.request(p.ticketId);
      }
    } else if (name === 'tickets.changed') {
      const { ticketId } = payload as { ticketId: string };
      computed.invalidate(ticketId);
      scheduler.request(ticketId);
    }
  });
  const assistHandlers = createAssistHandlers({
    engine,
    llm,
    policy,
    knowledge: deps.knowledge,
    embed: deps.embed,
    fetchImpl: deps.fetchImpl,
  });

  return {
    handlers: {
      ...assistHandlers,
      // The renderer asks for suggestions of the ticket it opens: that ticket has the focus.
      // Computed since the ticket last changed (in the background, or for another window): at once.
      'assist.suggestions': async (input) => {
        scheduler.focus(input.ticketId);
        const limit = input.limit ?? SCHEDULED_LIMIT;
        const ready = computed.fresh(input.ticketId, limit);
        if (ready) return ready;
        const version = computed.version(input.ticketId);
        const r = await perfTrace.within(input.ticketId, () => assistHandlers['assist.suggestions'](input));
        computed.keep(input.ticketId, version, limit, r);
        return r;
      },
      'assist.event': (input) => {
        computed.invalidate(input.ticketId); // a dismissed or sent suggestion is not offered again
        return assistHandlers['assist.event'](input);
      },
      ...createMarketingHandlers(marketing),
      ...createGuardHandlers({ tickets, agent: () => session.agent, policy, rules: conflictRules }),
    },
    engine,
    marketing,
    eventsForOutcome: (ticketId) => ({
      suggestionEvents: store.events(ticketId, 2000),
      marketingEvents: marketingStore.events(ticketId, 500),
    }),
    scheduler,
    stop: () => {
      unsubscribe();
      scheduler.stop();
    },
  };
}
