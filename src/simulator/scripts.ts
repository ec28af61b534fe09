// Per-intent conversation material for the simulator: what customers say, how the bot answers, why the
// AI escalates, what it suggests and how customers react to the human agent. Written for this project.
// Placeholders: {product} {order} {carrier} {tracking} {city} {amount} {size} {total}
// (a param that is exactly '{amount}' or '{total}' becomes a number)
//
// One file per intent category (scripts/presale.ts, promotion.ts, logistics.ts, aftersale.ts,
// complaint.ts); SCRIPTS joins them and its type makes sure every intent has a script.
import type { Intent } from '../shared/domain';
import type { CatalogItem } from './data';
import { AFTERSALE_SCRIPTS } from './scripts/aftersale';
import { COMPLAINT_SCRIPTS } from './scripts/complaint';
import { LOGISTICS_SCRIPTS } from './scripts/logistics';
import { PRESALE_SCRIPTS } from './scripts/presale';
import { PROMOTION_SCRIPTS } from './scripts/promotion';
import type { IntentScript } from './scripts/types';

export type { AiActionTemplate, IntentScript } from './scripts/types';

/** The intent's script with the lines for the ordered product's category, when it has its own. */
export function scriptFor(intent: Intent, category: CatalogItem['category']): IntentScript {
  const base = SCRIPTS[intent];
  const own = base.byCategory?.[category];
  return own ? { ...base, ...own } : base;
}

export const SCRIPTS: Record<Intent, IntentScript> = {
  ...PRESALE_SCRIPTS,
  ...PROMOTION_SCRIPTS,
  ...LOGISTICS_SCRIPTS,
  ...AFTERSALE_SCRIPTS,
  ...COMPLAINT_SCRIPTS,
};

/** Customer follow-ups when they receive a coupon or product card. */
export const MARKETING_ANSWERS = [
  '券收到了，我去看看',
  '这个商品看着还不错',
  '有点心动，我考虑一下',
  '不用了，先解决我的问题吧',
];
/** Customer nudges when nobody answers for a while. */
export const NUDGES = ['在吗？', '人呢？', '有人吗，等了好久了', '？？？'];
