// The pre-send guard: reads what a draft promises and checks it against the merchant's policy values
// (policy.json), the promise phrases the policy forbids (promise-rules.json: delivery dates, 假一赔十,
// guarantee language, what the knowledge base says not to promise), the ticket's facts (ticket-facts:
// the escalation reason, the windows, what was already done or sent) and the platform's conflict rules
// (the same rules and evaluator the hub runs), so the agent sees "policy says 7 days" before the
// customer sees "30 days". The suggestion engine runs the same check on every candidate.
import type { ActionType, Role, Ticket, TicketAction } from '../../../shared/domain';
import { evaluateConflicts, type ConflictRulesFile } from '../../../shared/conflict-rules';
import type { ActorRef, GuardText } from '../../../shared/core-texts';
import { factConflicts, ticketFacts, type TicketFacts } from '../../../shared/ticket-facts';
import { parseDraft, type Claim } from './draft-parser';
import { carrierShort, type Policy } from './policy';
import {
  defaultPromiseRules,
  findPromisePhrases,
  phraseReason,
  phraseText,
  type PromiseRulesFile,
} from './promise-rules';

export interface GuardWarning {
  /** policy.<claim kind> or conflict.<rule id>: stable, for the UI and tests. */
  code: string;
  severity: 'low' | 'medium' | 'high';
  /** Why, in Chinese (the command line, and what rows stored before `text` existed hold). */
  reason: string;
  /** Why, as a code with params the renderer words in the reader's language. */
  text: GuardText;
  /** The part of the draft that triggered it: [start, end) into the draft. */
  start: number;
  end: number;
  excerpt: string;
  ruleId?: string;
}

export interface GuardInput {
  /** The conversation and escalation reason give the facts; without them only policy and rules apply. */
  ticket: Pick<Ticket, 'id' | 'intent' | 'sentiment' | 'orders' | 'aiActions'> &
    Partial<Pick<Ticket, 'messages' | 'escalationReason'>>;
  draft: string;
  agent: { id: string; name: string; role: Role };
  now?: number;
  /** Who the text is from, as the warnings name it: the agent's draft (default) or the AI. */
  subject?: 'draft' | 'ai';
  /** The ticket's facts, when the caller already read them (the engine checks many candidates). */
  facts?: TicketFacts;
}

export interface GuardOptions {
  /** The promise phrases to catch; default the shipped resources/assist/promise-rules.json, null none. */
  phrases?: PromiseRulesFile | null;
}

/** The ticket's facts as the guard reads them (exported so callers checking many texts read them once). */
export function factsOf(ticket: GuardInput['ticket'], policy: Policy, now = Date.now()): TicketFacts {
  return ticketFacts(
    {
      orders: ticket.orders,
      aiActions: ticket.aiActions,
      messages: ticket.messages ?? [],
      escalationReason: ticket.escalationReason ?? '',
    },
    policy,
    now,
  );
}

const who = (input: GuardInput) => (input.subject === 'ai' ? 'AI' : '草稿');
const subjectOf = (input: GuardInput) => input.subject ?? 'draft';

type Check = (
  c: Claim,
  input: GuardInput,
  policy: Policy,
) => Omit<GuardWarning, 'start' | 'end' | 'excerpt' | 'code'> | null;

const ROLE_ZH: Record<Role, string> = { agent: '坐席', lead: '组长', admin: '管理员' };

const checks: Partial<Record<Claim['kind'], Check>> = {
  return_days: (c, i, p) =>
    c.kind === 'return_days' && c.days > p.returnDays
      ? {
          severity: 'high',
          reason: `${who(i)}承诺 ${c.days} 天可退货，店铺政策为签收后 ${p.returnDays} 天无理由退货`,
          text: {
            code: 'guard.return_days',
            params: { subject: subjectOf(i), days: c.days, policy: p.returnDays },
          },
        }
      : null,
  exchange_days: (c, i, p) =>
    c.kind === 'exchange_days' && c.days > p.exchangeDays
      ? {
          severity: 'medium',
          reason: `${who(i)}承诺 ${c.days} 天可换货，政策为 ${p.exchangeDays} 天`,
          text: {
            code: 'guard.exchange_days',
            params: { subject: subjectOf(i), days: c.days, policy: p.exchangeDays },
          },
        }
      : null,
  price_protect_days: (c, i, p) =>
    c.kind === 'price_protect_days' && c.days > p.priceProtectDays
      ? {
          severity: 'medium',
          reason: `${who(i)}承诺 ${c.days} 天价保，政策为 ${p.priceProtectDays} 天`,
          text: {
            code: 'guard.price_protect_days',
            params: { subject: subjectOf(i), days: c.days, policy: p.priceProtectDays },
          },
        }
      : null,
  carrier: (c, input, p) => {
    if (c.kind !== 'carrier') return null;
    const ours = p.carriers.map(carrierShort);
    // Naming the carrier an order actually went with is a fact, not a promise.
    const actual = input.ticket.orders
      .map((o) => o.carrier)
      .filter((x): x is string => !!x)
      .map(carrierShort);
    if (
      ours.some((x) => x.includes(c.carrier) || c.carrier.includes(x)) ||
      actual.some((x) => x.includes(c.carrier))
    )
      return null;
    return {
      severity: 'high',
      reason: `店铺只发${p.carriers.join('、')}，${who(input)}提到了${c.carrier}，无法兑现`,
      text: {
        code: 'guard.carrier',
        params: { subject: subjectOf(input), carriers: p.carriers, named: c.carrier },
      },
    };
  },
  refund_amount: (c, input) => {
    if (c.kind !== 'refund_amount' || !input.ticket.orders.length) return null;
    const named = input.ticket.orders.find((o) => c.excerpt.includes(o.id));
    const cap = named ? named.total : Math.max(...input.ticket.orders.map((o) => o.total));
    return c.amount > cap
      ? {
          severity: 'high',
          reason: `退款 ${c.amount} 元超过订单实付金额 ${cap} 元`,
          text: { code: 'guard.refund_amount', params: { amount: c.amount, cap } },
        }
      : null;
  },
  compensation: (c, input, p) => {
    const role = input.agent.role;
    const max = p.maxCompensation[role];
    return c.kind === 'compensation' && c.amount > max
      ? {
          severity: 'high',
          reason: `补偿 ${c.amount} 元超过${ROLE_ZH[role]}权限上限 ${max} 元，需组长审批`,
          text: { code: 'guard.compensation', params: { amount: c.amount, role, max } },
        }
      : null;
  },
  coupon: (c, input, p) => {
    const role = input.agent.role;
    const max = p.maxCouponAmount[role];
    return c.kind === 'coupon' && c.amount !== null && c.amount > max
      ? {
          severity: 'medium',
          reason: `优惠券 ${c.amount} 元超过${ROLE_ZH[role]}可发上限 ${max} 元`,
          text: { code: 'guard.coupon', params: { amount: c.amount, role, max } },
        }
      : null;
  },
  discount_fold: (c, input, p) => {
    const role = input.agent.role;
    const min = p.minDiscountFold[role];
    return c.kind === 'discount_fold' && c.fold < min
      ? {
          severity: 'high',
          reason: `${c.fold} 折低于${ROLE_ZH[role]}最低可给的 ${min} 折`,
          text: { code: 'guard.discount_fold', params: { fold: c.fold, role, min } },
        }
      : null;
  },
  refund_hours: (c, i, p) =>
    c.kind === 'refund_hours' && c.hours < p.refundHours
      ? {
          severity: 'low',
          reason: `${who(i)}承诺 ${c.hours} 小时内退款到账，政策时效为 ${p.refundHours} 小时，可能无法兑现`,
          text: {
            code: 'guard.refund_hours',
            params: { subject: subjectOf(i), hours: c.hours, policy: p.refundHours },
          },
        }
      : null,
  ship_hours: (c, i, p) =>
    c.kind === 'ship_hours' && c.hours < p.shipWithinHours
      ? {
          severity: 'low',
          reason: `${who(i)}承诺 ${c.hours} 小时内发货，店铺承诺时效为 ${p.shipWithinHours} 小时`,
          text: {
            code: 'guard.ship_hours',
            params: { subject: subjectOf(i), hours: c.hours, policy: p.shipWithinHours },
          },
        }
      : null,
  free_shipping_threshold: (c, i, p) =>
    c.kind === 'free_shipping_threshold' && c.amount < p.freeShippingThreshold
      ? {
          severity: 'medium',
          reason: `${who(i)}写满 ${c.amount} 元包邮，店铺包邮门槛为 ${p.freeShippingThreshold} 元`,
          text: {
            code: 'guard.free_shipping_threshold',
            params: { subject: subjectOf(i), amount: c.amount, policy: p.freeShippingThreshold },
          },
        }
      : null,
};

/** The draft's claims as ticket actions, so the shared conflict rules can judge them. */
function toAction(c: Claim, input: GuardInput, i: number): TicketAction | null {
  const base = (type: ActionType, params: TicketAction['params'], summary: string): TicketAction => ({
    id: `draft-${i}`,
    ticketId: input.ticket.id,
    actor: { kind: 'human', id: input.agent.id, name: input.agent.name || '坐席' },
    type,
    params,
    summary: `${who(input)}：${summary}`.slice(0, 500),
    at: input.now ?? Date.now(),
  });
  switch (c.kind) {
    case 'return_days':
      return base('promise', { returnDays: c.days }, c.excerpt);
    case 'refund_hours':
      return base('promise', { refundHours: c.hours }, c.excerpt);
    case 'compensation':
      return base('compensate', { amount: c.amount }, c.excerpt);
    case 'coupon':
      return base('coupon_push', c.amount !== null ? { amount: c.amount } : {}, c.excerpt);
    case 'discount_amount':
      return base('discount', { amount: c.amount }, c.excerpt);
    case 'decision':
      return base(c.action, {}, c.excerpt);
    default:
      return null;
  }
}

export function checkDraft(
  input: GuardInput,
  policy: Policy,
  rules: Pick<ConflictRulesFile, 'rules' | 'policy' | 'limits'> | null,
  options: GuardOptions = {},
): GuardWarning[] {
  const claims = parseDraft(input.draft);
  const warnings: GuardWarning[] = [];
  const flagged = new Set<number>();
  claims.forEach((c, i) => {
    const w = checks[c.kind]?.(c, input, policy);
    if (!w) return;
    flagged.add(i);
    warnings.push({ code: `policy.${c.kind}`, start: c.start, end: c.end, excerpt: c.excerpt, ...w });
  });

  const phrases = options.phrases === undefined ? defaultPromiseRules() : options.phrases;
  if (phrases)
    for (const h of findPromisePhrases(input.draft, phrases)) {
      // A span the policy checks already explained keeps that (more specific) warning.
      if (warnings.some((w) => w.start < h.end && h.start < w.end)) continue;
      warnings.push({
        code: `promise.${h.rule.id}`,
        severity: h.rule.severity,
        reason: phraseReason(h.rule),
        text: phraseText(h.rule),
        start: h.start,
        end: h.end,
        excerpt: h.excerpt,
        ruleId: h.rule.id,
      });
    }

  const facts = input.facts ?? factsOf(input.ticket, policy, input.now);
  for (const f of factConflicts(input.draft, facts, policy))
    warnings.push({
      ...f,
      reason: `${who(input)}与工单事实不符：${f.reason}`.slice(0, 500),
      text: { code: 'guard.fact', params: { subject: subjectOf(input), fact: f.text } },
    });

  if (rules) {
    const actions = claims
      .map((c, i) => ({ c, i, a: toAction(c, input, i) }))
      .filter((x): x is { c: Claim; i: number; a: TicketAction } => !!x.a);
    const byId = new Map(actions.map((x) => [x.a.id, x]));
    const matches = evaluateConflicts(rules, [...input.ticket.aiActions, ...actions.map((x) => x.a)], {
      ticketId: input.ticket.id,
      intent: input.ticket.intent,
      sentiment: input.ticket.sentiment,
    });
    const kindOf = new Map(rules.rules.map((r) => [r.id, r.kind]));
    for (const m of matches) {
      const mine = m.sides.map((s) => byId.get(s.id)).find((x) => !!x);
      if (!mine) continue; // a conflict among the AI's own actions is the hub's business, not this draft's
      // The same claim already flagged against the merchant's (more specific, per-role) policy.
      const limitRule = ['policy_limit', 'actor_limit'].includes(kindOf.get(m.ruleId) ?? '');
      if (limitRule && flagged.has(mine.i)) continue;
      warnings.push({
        code: `conflict.${m.ruleId}`,
        severity: m.severity,
        reason: `${m.title}：${m.explanation}`.slice(0, 500),
        text: {
          code: 'guard.conflict',
          params: {
            subject: subjectOf(input),
            ruleId: m.ruleId,
            title: m.title,
            explanation: m.explanation,
            ...conflictValues(m.facts),
            a: actorRef(m.sides[0], mine.a.id),
            b: actorRef(m.sides[1], mine.a.id),
          },
        },
        start: mine.c.start,
        end: mine.c.end,
        excerpt: mine.c.excerpt,
        ruleId: m.ruleId,
      });
    }
  }
  const order = { high: 0, medium: 1, low: 2 };
  return warnings.sort((a, b) => order[a.severity] - order[b.severity] || a.start - b.start);
}

/** A conflict's side as words: the checked text itself, or the actor by id and name. */
export function actorRef(side: TicketAction, selfId: string | null): ActorRef {
  return {
    ...(side.id === selfId ? { self: true } : {}),
    id: side.actor.id.slice(0, 128),
    name: side.actor.name.slice(0, 64),
  };
}

/** The rule's value and limit, when it has them, for wording the explanation in another language. */
export function conflictValues(facts: Record<string, string>): { value?: string; limit?: string } {
  return {
    ...(facts['value'] ? { value: facts['value'].slice(0, 64) } : {}),
    ...(facts['limit'] ? { limit: facts['limit'].slice(0, 64) } : {}),
  };
}
