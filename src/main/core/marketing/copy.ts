// Marketing copy from merchant templates: one template per age band (a 20-year-old and a 60-year-old
// are not spoken to the same way), falling back to "default", with variables from the customer, the
// offer, the purchase history and the active promotion. A variable without a value is an error in the
// rule file, not something to send: the caller skips the recommendation.
import type { AgeBandSchema } from '../../../shared/domain';
import type { z } from 'zod';

export type AgeBand = z.infer<typeof AgeBandSchema>;
export type CopyTemplates = { default: string } & Partial<Record<AgeBand, string>>;

export const COPY_VARIABLES = [
  'nickname',
  'vipLevel',
  'product',
  'price',
  'category',
  'promo',
  'promoClause',
  'coupon',
  'validDays',
  'lastCategory',
] as const;
export type CopyVariable = (typeof COPY_VARIABLES)[number];

export function pickTemplate(templates: CopyTemplates, ageBand: AgeBand): string {
  return templates[ageBand] ?? templates.default;
}

/** Fills the template; returns the names of variables that had no value (empty list = ready to send). */
export function renderCopy(
  template: string,
  vars: Partial<Record<CopyVariable, string>>,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(/\{([A-Za-z]+)\}/g, (m, name: string) => {
    const v = vars[name as CopyVariable];
    if (v !== undefined) return v;
    missing.push(name);
    return m;
  });
  return { text, missing };
}

/** The category the customer bought most from, by quantity (ties: most recent). */
export function favouriteCategory(
  history: { category: string; qty: number; at: number }[],
): string | undefined {
  const score = new Map<string, { qty: number; at: number }>();
  for (const h of history) {
    const s = score.get(h.category) ?? { qty: 0, at: 0 };
    score.set(h.category, { qty: s.qty + h.qty, at: Math.max(s.at, h.at) });
  }
  return [...score.entries()].sort((a, b) => b[1].qty - a[1].qty || b[1].at - a[1].at)[0]?.[0];
}
