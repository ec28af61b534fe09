// Suggestion evaluation: simulator tickets (fixed seeds, every intent) through the real assist engine
// (upstream, knowledge on the seed KB with the given model, macros, history), and the share of the
// top-3 suggestions that (a) contradict the ticket's facts (assist/contradictions.ts) and (b) the
// pre-send guard would block (a medium or high warning, as the composer treats it). Both targets
// are 0: whatever the engine offers, an agent must be able to send. The harness measures the engine
// as it is, so an improved candidate filter shows up here without changing this file.
import { readFileSync } from 'node:fs';
import { ConflictRulesFileSchema, type ConflictRulesFile } from '../../../shared/conflict-rules';
import type { Ticket } from '../../../shared/domain';
import { AssistStore } from '../assist/assist-store';
import { contradictions, ticketFacts, type ContradictionKind } from '../assist/contradictions';
import { AssistEngine } from '../assist/engine';
import { loadMacros } from '../assist/macros';
import { openDatabase } from '../db/database';
import { DEFAULT_CONFLICT_RULES_PATH } from '../assist/feature';
import { checkDraft } from '../guard/guard';
import { loadPolicy } from '../guard/policy';
import { TicketStore } from '../tickets/ticket-store';
import { seedDocs, DEFAULT_SEED_DIR } from './eval-kb';
import { KnowledgeService } from './index';
import type { ModelSpec } from './model';
import { JUDGE_TOP_K, topicJudge, type TopicJudge } from './eval-judge';

export const TOP_K = 3;

export interface SuggestionEvalResult {
  label: string;
  tickets: number;
  /** Suggestions looked at (top 3 of each ticket; fewer when the engine offers fewer). */
  suggestions: number;
  contradicting: number;
  blocked: number;
  /** Tickets with no suggestion at all (target 0). */
  empty: number;
  /** Suggestions on topic by the automatic judge (eval-judge.ts); null without a model. */
  onTopic: number | null;
  byKind: Partial<Record<ContradictionKind, number>>;
  /** Guard warning codes behind the blocked ones. */
  byGuardCode: Record<string, number>;
  /** Per intent: suggestions / contradicting / blocked / on topic. */
  byIntent: Record<string, { suggestions: number; contradicting: number; blocked: number; onTopic: number }>;
  examples: { intent: string; text: string; why: string }[];
}

function loadRules(): ConflictRulesFile | null {
  try {
    return ConflictRulesFileSchema.parse(JSON.parse(readFileSync(DEFAULT_CONFLICT_RULES_PATH, 'utf8')));
  } catch {
    return null;
  }
}

/** What the composer treats as blocking (renderer/assist/store.ts blockingWarnings): not 'low'. */
const blocks = (severity: 'low' | 'medium' | 'high') => severity !== 'low';

export interface EvalEngine {
  engine: AssistEngine;
  tickets: TicketStore;
  policy: ReturnType<typeof loadPolicy>;
  rules: ConflictRulesFile | null;
  /**
   * Forgets what was learned from the tickets before: nobody adopts anything in an evaluation, so the
   * shown counts alone would sink every reply the more tickets it was shown on. Call between tickets.
   */
  forget(): void;
  /** The topic judge over the model (null when no model is loaded). */
  judge(): Promise<TopicJudge | null>;
  close(): Promise<void>;
}

/**
 * The assist engine as the workstation builds it (feature.ts: macros, policy, conflict rules, the
 * model's passage vectors), over its own in-memory database and the seed knowledge base indexed
 * with `model` (null = keyword only). Shared by the evaluation and scripts/suggest-sample.ts.
 */
export async function openEvalEngine(model: ModelSpec | null, now: number): Promise<EvalEngine> {
  const db = openDatabase(':memory:');
  const kb = new KnowledgeService(db, { model });
  const policy = loadPolicy();
  const rules = loadRules();
  const close = async () => {
    await kb.close();
    db.close();
  };
  try {
    db.transaction(() => {
      for (const doc of seedDocs(DEFAULT_SEED_DIR())) kb.store.upsertDoc(doc, 'hub');
    })();
    if (model) await kb.modelReady().catch(() => {});
    await kb.whenIndexed();
  } catch (err) {
    await close();
    throw err;
  }
  const tickets = new TicketStore(db);
  const engine = new AssistEngine({
    store: new AssistStore(db),
    tickets,
    macros: loadMacros(),
    policy,
    rules,
    knowledge: () => kb,
    embed: () => kb.readyEmbed(),
    agentName: () => '小美',
    now: () => now,
    knowledgeBudgetMs: 60_000, // measure what the engine can offer, not how fast this machine is
  });
  const forget = () => void db.prepare('DELETE FROM assist_stats').run();
  const judge = async () => {
    const q = kb.readyEmbedQueries();
    const p = kb.readyEmbed();
    return q && p ? topicJudge(q, p) : null;
  };
  return { engine, tickets, policy, rules, forget, judge, close };
}

/**
 * Runs every ticket through a fresh engine (openEvalEngine) and scores the top 3 suggestions of each.
 */
export async function evaluateSuggestions(
  label: string,
  tickets: readonly Ticket[],
  model: ModelSpec | null,
  now: number,
): Promise<SuggestionEvalResult> {
  const {
    engine,
    tickets: store,
    policy,
    rules,
    forget,
    judge: makeJudge,
    close,
  } = await openEvalEngine(model, now);
  const result: SuggestionEvalResult = {
    label,
    tickets: tickets.length,
    suggestions: 0,
    contradicting: 0,
    blocked: 0,
    empty: 0,
    onTopic: null,
    byKind: {},
    byGuardCode: {},
    byIntent: {},
    examples: [],
  };
  try {
    const judge = await makeJudge();
    if (judge) result.onTopic = 0;
    for (const ticket of tickets) {
      forget();
      store.upsertTicket(ticket);
      const { suggestions } = await engine.suggest(ticket.id, TOP_K);
      const facts = ticketFacts(ticket, policy, now);
      const row = (result.byIntent[ticket.intent] ??= {
        suggestions: 0,
        contradicting: 0,
        blocked: 0,
        onTopic: 0,
      });
      if (!suggestions.length) result.empty++;
      for (const s of suggestions.slice(0, TOP_K)) {
        result.suggestions++;
        row.suggestions++;
        if (judge && (await judge.onTopic(s.text, ticket.intent))) {
          result.onTopic = (result.onTopic ?? 0) + 1;
          row.onTopic++;
        }
        const found = contradictions(s.text, facts);
        if (found.length) {
          result.contradicting++;
          row.contradicting++;
          for (const c of found) result.byKind[c.kind] = (result.byKind[c.kind] ?? 0) + 1;
          if (result.examples.length < 8)
            result.examples.push({ intent: ticket.intent, text: s.text, why: found[0]!.reason });
        }
        const warnings = checkDraft(
          { ticket, draft: s.text, agent: { id: 'eval', name: '小美', role: 'agent' }, now },
          policy,
          rules,
        ).filter((w) => blocks(w.severity));
        if (warnings.length) {
          result.blocked++;
          row.blocked++;
          for (const w of warnings) result.byGuardCode[w.code] = (result.byGuardCode[w.code] ?? 0) + 1;
        }
      }
    }
    return result;
  } finally {
    await close();
  }
}

export function formatSuggestionEval(r: SuggestionEvalResult): string[] {
  const share = (n: number) => (r.suggestions ? n / r.suggestions : 0).toFixed(3);
  const kinds = Object.entries(r.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const codes = Object.entries(r.byGuardCode)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const topic =
    r.onTopic === null
      ? ' on-topic=n/a (no model)'
      : ` on-topic=${share(r.onTopic)} (${r.onTopic}/${r.suggestions}, automatic judge: intent in top ${JUDGE_TOP_K})`;
  return [
    `${r.label.padEnd(28)} contradicting=${share(r.contradicting)} (${r.contradicting}/${r.suggestions})` +
      ` guard-blocked=${share(r.blocked)} (${r.blocked}/${r.suggestions})` +
      ` no-suggestion=${r.empty}/${r.tickets}${topic}  [top ${TOP_K}]`,
    ...(kinds ? [`  contradictions: ${kinds}`] : []),
    ...(codes ? [`  guard warnings: ${codes}`] : []),
    ...r.examples.slice(0, 4).map((e) => `  e.g. [${e.intent}] ${e.text.slice(0, 60)} — ${e.why}`),
  ];
}
