// What the AI already promised or did before it escalated, checked one way on every screen:
//  - the bot's messages ("48 小时内发货", "可以退 30 天") are read with the same parser, policy values,
//    promise phrases and ticket facts as the agent's drafts (checkDraft), in the AI's name;
//  - the AI agents' actions ("承诺15天内可退", "同意退货退款") are judged by the conflict rules with the
//    same evaluator the hub's conflict engine raises the lead's conflicts with (actionVerdicts), so the
//    agent's strip and the lead's conflict view give one answer, at the same severity.
import { actionVerdicts, type ConflictRulesFile } from '../../../shared/conflict-rules';
import type { Ticket } from '../../../shared/domain';
import { parseDraft } from './draft-parser';
import { actorRef, checkDraft, conflictValues, factsOf, type GuardOptions, type GuardWarning } from './guard';
import type { Policy } from './policy';

export interface AiPromise {
  /** The bot message (origin message) or the AI action (origin action) that makes the promise. */
  messageId: string;
  origin: 'message' | 'action';
  at: number;
  /** A claim kind (return_days …), a warning code (promise.…, fact.…) or action.<type>. */
  kind: string;
  /** The clause that makes the promise, or the action's summary. */
  excerpt: string;
  /** Why it cannot be kept as said, or null when it is within policy. */
  warning: (Pick<GuardWarning, 'severity' | 'reason' | 'text'> & { ruleId?: string }) | null;
}

/** Action types that are promises or decisions the customer hears about. */
const PROMISE_TYPES = new Set([
  'promise',
  'refund_approve',
  'return_approve',
  'exchange_approve',
  'compensate',
]);

export function aiPromises(
  ticket: Ticket,
  policy: Policy,
  rules: Pick<ConflictRulesFile, 'rules' | 'policy' | 'limits'> | null,
  options: GuardOptions & { now?: number } = {},
): AiPromise[] {
  const out: AiPromise[] = [];
  const facts = factsOf(ticket, policy, options.now);
  for (const m of ticket.messages) {
    if (m.from !== 'bot') continue;
    const text = m.kind === 'text' ? m.text : m.kind === 'voice' ? m.transcript : null;
    if (!text) continue;
    const claims = parseDraft(text);
    const warnings = checkDraft(
      { ticket, draft: text, agent: { id: 'ai', name: 'AI', role: 'agent' }, subject: 'ai', facts },
      policy,
      rules,
      options,
    );
    const used = new Set<GuardWarning>();
    for (const c of claims) {
      const w = warnings.find((x) => x.start < c.end && c.start < x.end);
      if (w) used.add(w);
      out.push({
        messageId: m.id,
        origin: 'message',
        at: m.at,
        kind: c.kind,
        excerpt: c.excerpt,
        warning: w ? verdictOf(w) : null,
      });
    }
    // Promises only the phrase rules or the facts see ("明天一定送到", "您仍在退货期内").
    for (const w of warnings) {
      if (used.has(w) || claims.some((c) => w.start < c.end && c.start < w.end)) continue;
      out.push({
        messageId: m.id,
        origin: 'message',
        at: m.at,
        kind: w.code,
        excerpt: w.excerpt,
        warning: verdictOf(w),
      });
    }
  }

  const verdicts = rules
    ? actionVerdicts(rules, ticket.aiActions, {
        ticketId: ticket.id,
        intent: ticket.intent,
        sentiment: ticket.sentiment,
      })
    : new Map();
  for (const a of ticket.aiActions) {
    if (a.actor.kind !== 'ai') continue;
    const v = verdicts.get(a.id);
    if (!v && !PROMISE_TYPES.has(a.type)) continue;
    out.push({
      messageId: a.id,
      origin: 'action',
      at: a.at,
      kind: `action.${a.type}`,
      excerpt: a.summary,
      warning: v
        ? {
            severity: v.severity,
            reason: `${v.title}：${v.explanation}`.slice(0, 500),
            text: {
              code: 'guard.conflict',
              params: {
                ruleId: v.ruleId,
                title: v.title,
                explanation: v.explanation,
                ...conflictValues(v.facts),
                a: actorRef(v.sides[0], null),
                b: actorRef(v.sides[1], null),
              },
            },
            ruleId: v.ruleId,
          }
        : null,
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

const verdictOf = (w: GuardWarning): NonNullable<AiPromise['warning']> => ({
  severity: w.severity,
  reason: w.reason,
  text: w.text,
  ...(w.ruleId ? { ruleId: w.ruleId } : {}),
});
