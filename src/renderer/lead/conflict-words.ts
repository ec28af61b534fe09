// The lead's conflict view in words: in English the rule's title and explanation are worded here from
// the rule id and the values the hub sent (context.facts); in Chinese the hub's own sentences are
// shown as written in the rules file. An unknown rule falls back to the hub's words.
import type { Conflict, TicketAction } from '../../shared/domain';
import type { Language } from '../settings/store';

export interface Words {
  a: string;
  b: string;
  value: string;
  limit: string;
}

const EN: Record<string, { title: string; explain: (w: Words) => string }> = {
  'refund-approve-vs-deny': {
    title: 'Contradicting refund decisions',
    explain: (w) => `${w.a} approved a refund of the same order that ${w.b} denied; a lead has to decide.`,
  },
  'return-approve-vs-deny': {
    title: 'Contradicting return decisions',
    explain: (w) => `${w.a} approved the return while ${w.b} denied it.`,
  },
  'coupon-during-complaint': {
    title: 'Coupon pushed during a complaint',
    explain: (w) => `The customer is complaining or upset, yet ${w.a} pushed a coupon.`,
  },
  'compensation-mismatch': {
    title: 'Different compensation amounts',
    explain: (w) => `${w.a} and ${w.b} offered different compensation amounts (${w.value} CNY).`,
  },
  'promise-return-days': {
    title: 'Promise beyond the return policy',
    explain: (w) =>
      `${w.a} promised returns within ${w.value} days; the platform policy allows ${w.limit} days.`,
  },
  'promise-refund-hours': {
    title: 'Refund promised faster than the policy',
    explain: (w) =>
      `${w.a} promised the refund within ${w.value} hours; the policy takes ${w.limit} hours, so it may not hold.`,
  },
  'compensation-over-policy': {
    title: 'Compensation above the per-order cap',
    explain: (w) => `${w.a} offered ${w.value} CNY compensation, above the platform cap of ${w.limit} CNY.`,
  },
  'discount-over-actor-limit': {
    title: 'Discount beyond authority',
    explain: (w) => `${w.a} gave a ${w.value} CNY discount, above their limit of ${w.limit} CNY.`,
  },
  'compensate-over-actor-limit': {
    title: 'Compensation beyond authority',
    explain: (w) => `${w.a} offered ${w.value} CNY compensation, above their limit of ${w.limit} CNY.`,
  },
};

/** A rule's title and explanation in English from its id and values; undefined for an unknown rule. */
export function conflictWordsEn(
  ruleId: string,
  words: Words,
): { title: string; explanation: string } | undefined {
  const rule = EN[ruleId];
  return rule && { title: rule.title, explanation: rule.explain(words) };
}

/** The policy and the service rules appear as a side of a conflict; they have words, not names. */
export function actorName(
  actor: TicketAction['actor'],
  t: (key: 'system.policyActor' | 'system.guardActor') => string,
): string {
  if (actor.id === 'policy') return t('system.policyActor');
  if (actor.id === 'service-guard') return t('system.guardActor');
  return actor.name;
}

/** The rule's title in English by its id; undefined for a rule this version does not know. */
export function conflictTitleFor(ruleId: string, lang: Language): string | undefined {
  return lang === 'en' ? EN[ruleId]?.title : undefined;
}

export function conflictTitle(conflict: Conflict, lang: Language): string {
  return lang === 'en' ? (EN[conflict.ruleId]?.title ?? conflict.title) : conflict.title;
}

export function conflictExplanation(
  conflict: Conflict,
  lang: Language,
  name: (actor: TicketAction['actor']) => string,
): string {
  const words = EN[conflict.ruleId];
  if (lang !== 'en' || !words) return conflict.context.explanation;
  const facts = conflict.context.facts ?? {};
  return words.explain({
    a: name(conflict.sides[0].actor),
    b: name(conflict.sides[1].actor),
    value: facts['value'] ?? '',
    limit: facts['limit'] ?? '',
  });
}

/** `returnDays` → "return days": a parameter this version has no words for still reads as words. */
export function humanise(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}
