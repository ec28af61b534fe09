// Conflict rules shared by the hub's conflict engine and the workstation's pre-send guard: the schema of
// the operator-editable rule file (resources/hub/conflict-rules.json) and the pure evaluator. No Node
// imports, no clock, no ids from randomness, so the hub and the guard get the same answer.
// (Moved here from src/hub/conflicts/{rules-schema,evaluate}.ts, which re-export it: the core may not
// import from src/hub.)
import { z } from 'zod';
import { ActionTypeSchema, IntentSchema, type Intent, type Sentiment, type TicketAction } from './domain';
import { INTENTS } from './intents';

const base = {
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  severity: z.enum(['low', 'medium', 'high']),
  enabled: z.boolean().default(true),
  /**
   * Explanation shown to the lead. Placeholders: {a.actor} {a.summary} {b.actor} {b.summary}
   * {param} {value} {limit} {intent} {sentiment}.
   */
  explain: z.string().min(1).max(1000),
};

const ContextWhenSchema = z
  .object({
    intentCategories: z
      .array(z.enum(['presale', 'promotion', 'logistics', 'aftersale', 'complaint']))
      .optional(),
    intents: z.array(IntentSchema).optional(),
    /** matches when sentiment.score < this value */
    sentimentBelow: z.number().min(-1).max(1).optional(),
  })
  .refine((w) => w.intentCategories || w.intents || w.sentimentBelow !== undefined, {
    message: 'a context rule needs at least one of intentCategories, intents, sentimentBelow',
  });

export const ConflictRuleSchema = z.discriminatedUnion('kind', [
  /** Two actions whose types contradict each other (refund approved vs denied). */
  z.object({
    ...base,
    kind: z.literal('contradiction'),
    a: ActionTypeSchema,
    b: ActionTypeSchema,
    /** When both actions carry this param (e.g. orderId) they only conflict if the values are equal. */
    sameParam: z.string().max(64).optional(),
  }),
  /** Two actions of the same type that disagree on a numeric param (two compensation amounts). */
  z.object({
    ...base,
    kind: z.literal('param_mismatch'),
    type: ActionTypeSchema,
    param: z.string().min(1).max(64),
    tolerance: z.number().nonnegative().default(0),
  }),
  /** An action that must not happen in a ticket context (a coupon during a complaint). */
  z.object({ ...base, kind: z.literal('context'), type: ActionTypeSchema, when: ContextWhenSchema }),
  /** An action whose param breaks a platform policy value (promise returnDays 30 vs policy 7). */
  z.object({
    ...base,
    kind: z.literal('policy_limit'),
    type: ActionTypeSchema,
    param: z.string().min(1).max(64),
    policyKey: z.string().min(1).max(64),
    op: z.enum(['gt', 'lt', 'ne']),
  }),
  /** An action whose param exceeds the actor's own limit (a discount beyond what an agent may grant). */
  z.object({
    ...base,
    kind: z.literal('actor_limit'),
    type: ActionTypeSchema,
    param: z.string().min(1).max(64),
    limitKey: z.string().min(1).max(64),
  }),
]);
export type ConflictRule = z.infer<typeof ConflictRuleSchema>;

export const ConflictRulesFileSchema = z
  .object({
    version: z.literal(1),
    /** Platform policy values the policy_limit rules compare against, e.g. { returnDays: 7 }. */
    policy: z.record(z.string(), z.number()),
    /** Per-actor-kind limits for actor_limit rules; an actor id entry overrides its kind. */
    limits: z.record(z.string(), z.record(z.string(), z.number())),
    rules: z.array(ConflictRuleSchema).min(1).max(500),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
      if (r.kind === 'policy_limit' && !(r.policyKey in file.policy)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'policyKey'],
          message: `policy has no key "${r.policyKey}"`,
        });
      }
    });
  });
export type ConflictRulesFile = z.infer<typeof ConflictRulesFileSchema>;

export interface ConflictContext {
  ticketId: string;
  intent: Intent;
  sentiment: Sentiment;
}

export interface ConflictMatch {
  /** Stable key for dedup: rule id + the action ids involved. */
  key: string;
  ruleId: string;
  title: string;
  severity: 'low' | 'medium' | 'high';
  sides: [TicketAction, TicketAction];
  explanation: string;
  /** The rule's own values (value, limit, param), for wording the explanation in another language. */
  facts: Record<string, string>;
}

export interface EvaluateOptions {
  /** Only report matches that involve this action (the one just taken); default: all matches. */
  involving?: string;
}

const POLICY_ACTOR = { kind: 'ai' as const, id: 'policy', name: '平台政策' };
const GUARD_ACTOR = { kind: 'ai' as const, id: 'service-guard', name: '服务守则' };

export function evaluateConflicts(
  file: Pick<ConflictRulesFile, 'rules' | 'policy' | 'limits'>,
  actions: readonly TicketAction[],
  ctx: ConflictContext,
  opts: EvaluateOptions = {},
): ConflictMatch[] {
  const out: ConflictMatch[] = [];
  const seen = new Set<string>();
  const push = (rule: ConflictRule, a: TicketAction, b: TicketAction, vars: Record<string, string>) => {
    if (opts.involving && a.id !== opts.involving && b.id !== opts.involving) return;
    const key = `${rule.id}:${[a.id, b.id].sort().join('+')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      key,
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      sides: [a, b],
      explanation: render(rule.explain, a, b, ctx, vars),
      facts: vars,
    });
  };

  for (const rule of file.rules) {
    if (rule.enabled === false) continue;
    switch (rule.kind) {
      case 'contradiction': {
        const as = actions.filter((x) => x.type === rule.a);
        const bs = actions.filter((x) => x.type === rule.b);
        for (const a of as)
          for (const b of bs) {
            if (a.id === b.id) continue;
            if (rule.sameParam) {
              const va = a.params[rule.sameParam];
              const vb = b.params[rule.sameParam];
              if (va !== undefined && vb !== undefined && va !== vb) continue;
            }
            push(rule, a, b, {});
          }
        break;
      }
      case 'param_mismatch': {
        const xs = actions.filter((x) => x.type === rule.type && typeof x.params[rule.param] === 'number');
        for (let i = 0; i < xs.length; i++)
          for (let j = i + 1; j < xs.length; j++) {
            const a = xs[i]!;
            const b = xs[j]!;
            const va = a.params[rule.param] as number;
            const vb = b.params[rule.param] as number;
            if (Math.abs(va - vb) > (rule.tolerance ?? 0))
              push(rule, a, b, { param: rule.param, value: `${va} / ${vb}` });
          }
        break;
      }
      case 'context': {
        const w = rule.when;
        const category = INTENTS[ctx.intent].category;
        const reasons: string[] = [];
        if (w.intentCategories?.includes(category))
          reasons.push(`意图类别为${category === 'complaint' ? '投诉' : category}`);
        if (w.intents?.includes(ctx.intent)) reasons.push(`意图为 ${INTENTS[ctx.intent].zh}`);
        if (w.sentimentBelow !== undefined && ctx.sentiment.score < w.sentimentBelow) {
          reasons.push(`客户情绪 ${ctx.sentiment.score.toFixed(2)} 低于 ${w.sentimentBelow}`);
        }
        if (!reasons.length) break;
        for (const a of actions.filter((x) => x.type === rule.type)) {
          const b = synthetic(
            a,
            'escalate',
            GUARD_ACTOR,
            { rule: rule.id },
            `服务守则：${reasons.join('，')}，不应执行「${a.summary}」`,
          );
          push(rule, a, b, {});
        }
        break;
      }
      case 'policy_limit': {
        const limit = file.policy[rule.policyKey];
        if (limit === undefined) break;
        for (const a of actions.filter((x) => x.type === rule.type)) {
          const v = a.params[rule.param];
          if (typeof v !== 'number') continue;
          const broken = rule.op === 'gt' ? v > limit : rule.op === 'lt' ? v < limit : v !== limit;
          if (!broken) continue;
          const b = synthetic(
            a,
            a.type,
            POLICY_ACTOR,
            { [rule.param]: limit },
            `平台政策：${rule.policyKey} = ${limit}`,
          );
          push(rule, a, b, { param: rule.param, value: String(v), limit: String(limit) });
        }
        break;
      }
      case 'actor_limit': {
        for (const a of actions.filter((x) => x.type === rule.type)) {
          const v = a.params[rule.param];
          if (typeof v !== 'number') continue;
          const limit =
            file.limits[a.actor.id]?.[rule.limitKey] ?? file.limits[a.actor.kind]?.[rule.limitKey];
          if (limit === undefined || v <= limit) continue;
          const b = synthetic(
            a,
            a.type,
            POLICY_ACTOR,
            { [rule.param]: limit },
            `权限上限：${a.actor.name} 的 ${rule.limitKey} 最多 ${limit}`,
          );
          push(rule, a, b, { param: rule.param, value: String(v), limit: String(limit) });
        }
        break;
      }
    }
  }
  return out;
}

/** The "other side" of a single-action rule: the policy or guard the action runs into. */
function synthetic(
  a: TicketAction,
  type: TicketAction['type'],
  actor: TicketAction['actor'],
  params: TicketAction['params'],
  summary: string,
): TicketAction {
  return {
    id: `${a.id}~${actor.id}`,
    ticketId: a.ticketId,
    actor,
    type,
    params,
    summary: summary.slice(0, 500),
    at: a.at,
  };
}

function render(
  tpl: string,
  a: TicketAction,
  b: TicketAction,
  ctx: ConflictContext,
  vars: Record<string, string>,
): string {
  const all: Record<string, string> = {
    'a.actor': a.actor.name,
    'a.summary': a.summary,
    'b.actor': b.actor.name,
    'b.summary': b.summary,
    intent: INTENTS[ctx.intent].zh,
    sentiment: ctx.sentiment.score.toFixed(2),
    param: '',
    value: '',
    limit: '',
    ...vars,
  };
  return tpl.replace(/\{([a-z.]+)\}/g, (m, k: string) => all[k] ?? m).slice(0, 1000);
}

/** The conflict rules' verdict on one action: the most severe rule it breaks (as the hub raises it). */
export interface ActionVerdict {
  ruleId: string;
  title: string;
  severity: 'low' | 'medium' | 'high';
  explanation: string;
  /** The rule's values and both sides, for wording the verdict in another language. */
  facts: Record<string, string>;
  sides: [TicketAction, TicketAction];
}

const SEVERITY_RANK = { high: 0, medium: 1, low: 2 } as const;

/**
 * Per action, the most severe conflict it takes part in — the same evaluator and rules the hub's
 * conflict engine raises conflicts with, so the agent's view of the AI's actions and the lead's
 * conflict queue give one answer.
 */
export function actionVerdicts(
  file: Pick<ConflictRulesFile, 'rules' | 'policy' | 'limits'>,
  actions: readonly TicketAction[],
  ctx: ConflictContext,
): Map<string, ActionVerdict> {
  const out = new Map<string, ActionVerdict>();
  const ids = new Set(actions.map((a) => a.id));
  for (const m of evaluateConflicts(file, actions, ctx)) {
    for (const side of m.sides) {
      if (!ids.has(side.id)) continue; // the policy or guard side of a single-action rule
      const prev = out.get(side.id);
      if (prev && SEVERITY_RANK[prev.severity] <= SEVERITY_RANK[m.severity]) continue;
      out.set(side.id, {
        ruleId: m.ruleId,
        title: m.title,
        severity: m.severity,
        explanation: m.explanation,
        facts: m.facts,
        sides: m.sides,
      });
    }
  }
  return out;
}
