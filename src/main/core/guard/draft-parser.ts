// Reads what a Chinese reply draft promises: return/exchange windows, price protection, carriers,
// refund/compensation/coupon amounts, discounts (折), refund and shipping times, free-shipping
// thresholds, and refund/return decisions. The draft is cut into clauses at punctuation so a negation
// ("超过7天不能退货") only affects its own clause, and a refusal is never read as a promise.
import { DURATION, MONEY, NUM, durationDays, parseFold, parseNumber } from './numerals';

export type DecisionAction =
  'refund_approve' | 'refund_deny' | 'return_approve' | 'return_deny' | 'exchange_approve';

export type ClaimBody =
  | { kind: 'return_days'; days: number }
  | { kind: 'exchange_days'; days: number }
  | { kind: 'price_protect_days'; days: number }
  | { kind: 'carrier'; carrier: string }
  | { kind: 'refund_amount'; amount: number }
  | { kind: 'compensation'; amount: number }
  | { kind: 'coupon'; amount: number | null }
  | { kind: 'discount_fold'; fold: number }
  | { kind: 'discount_amount'; amount: number }
  | { kind: 'refund_hours'; hours: number }
  | { kind: 'ship_hours'; hours: number }
  | { kind: 'free_shipping_threshold'; amount: number }
  | { kind: 'decision'; action: DecisionAction };
export type Claim = ClaimBody & { start: number; end: number; excerpt: string };
export type ClaimKind = Claim['kind'];

/** Canonical carrier → the ways agents write it. */
export const CARRIERS: Record<string, readonly string[]> = {
  顺丰: ['顺丰', 'SF'],
  中通: ['中通'],
  圆通: ['圆通'],
  申通: ['申通'],
  韵达: ['韵达'],
  极兔: ['极兔'],
  京东: ['京东快递', '京东物流'],
  邮政: ['邮政', 'EMS', 'ems'],
  德邦: ['德邦'],
};

/** Words that turn a clause into a refusal or a statement of a limit, not a promise. */
const NEGATION =
  /不能|不可以|不可|不支持|不予|无法|没法|不行|不会|不提供|没有|超过|超出|过了|已过|逾期|拒绝|不在/;

interface Clause {
  text: string;
  offset: number;
}

function clauses(draft: string): Clause[] {
  const out: Clause[] = [];
  // A full stop between digits is a decimal point (9.5折, 1.5天), not the end of a clause.
  const re = /(?:[^，。！？；,.!?;\n～~]|(?<=\d)\.(?=\d))+/g;
  for (const m of draft.matchAll(re)) if (m[0].trim()) out.push({ text: m[0], offset: m.index });
  return out;
}

const money = (m: RegExpMatchArray, i: number) => parseNumber(m[i] ?? m[i + 1] ?? '');

export function parseDraft(draft: string): Claim[] {
  const claims: Claim[] = [];
  for (const c of clauses(draft)) {
    const t = c.text;
    const negated = NEGATION.test(t);
    const add = (m: { 0: string; index?: number }, claim: ClaimBody) => {
      const start = c.offset + (m.index ?? 0);
      claims.push({ ...claim, start, end: start + m[0].length, excerpt: t.trim() });
    };

    // Windows (return / exchange / price protection): a duration in a clause about that window.
    const isPriceProtect = /价保|保价|价格保护|差价/.test(t);
    const isReturn = /退货|退换|包退|无理由|(?:可以|能|可|都能|都可以)退(?!款)/.test(t);
    const isExchange = /换货|包换|(?:可以|能|可)换/.test(t);
    if (!negated && (isPriceProtect || isReturn || isExchange) && !/发货|到货|物流|到账/.test(t)) {
      for (const m of t.matchAll(new RegExp(DURATION, 'g'))) {
        const days = durationDays(m[1], m[2], m[3]!);
        if (days === undefined) continue;
        if (isPriceProtect) add(m, { kind: 'price_protect_days', days });
        else if (isReturn) add(m, { kind: 'return_days', days });
        else add(m, { kind: 'exchange_days', days });
      }
    }

    // Carriers named in a promise (a refusal like "不能发顺丰" promises nothing).
    if (!negated)
      for (const [carrier, names] of Object.entries(CARRIERS))
        for (const name of names) {
          const i = t.indexOf(name);
          if (i >= 0 && !(name === 'SF' && /[A-Za-z]SF|SF[A-Za-z]/.test(t))) {
            add({ 0: name, index: i }, { kind: 'carrier', carrier });
            break;
          }
        }

    // Amounts: compensation words win over refund words ("退您差价补偿20元" is compensation).
    const compensation = /补偿|赔偿|赔付|补贴|返现|红包|补您|赔您|补给您|赔给您/.test(t);
    const isCoupon = /券/.test(t) && /送|发|给您|给你|赠|补/.test(t);
    if (!negated && compensation && !isCoupon) {
      for (const m of t.matchAll(new RegExp(MONEY, 'g'))) {
        const amount = money(m, 1);
        if (amount !== undefined) add(m, { kind: 'compensation', amount });
      }
    } else if (!negated && isCoupon) {
      const full = t.match(new RegExp(`满\\s*(${NUM})\\s*(?:元)?\\s*减\\s*(${NUM})`));
      const m = full ?? t.match(new RegExp(MONEY));
      const amount = full ? parseNumber(full[2]!) : m ? money(m, 1) : undefined;
      add(m ?? { 0: '券', index: t.indexOf('券') }, { kind: 'coupon', amount: amount ?? null });
    } else if (!negated && /退款|退还|退回|退您|退给您|退你|返还/.test(t)) {
      for (const m of t.matchAll(new RegExp(MONEY, 'g'))) {
        const amount = money(m, 1);
        if (amount !== undefined) add(m, { kind: 'refund_amount', amount });
      }
    }

    // Discounts: 打八折 / 8.5折 / 八五折, and price cuts in yuan (便宜30元, 优惠20元, 少收10块).
    if (!negated) {
      for (const m of t.matchAll(
        /(?:打\s*)?([0-9０-９]{1,2}(?:\.[0-9])?|[一二三四五六七八九两]{1,2})\s*折(?![叠旧腾扣])/g,
      )) {
        const fold = parseFold(m[1]!);
        if (fold !== undefined && fold > 0 && fold < 10) add(m, { kind: 'discount_fold', fold });
      }
      const cut = t.match(new RegExp(`(?:便宜|优惠|减免|少收|立减|直减)\\s*(?:您|你)?\\s*${MONEY}`));
      if (cut && !isCoupon && !/满\s*\d/.test(t)) {
        const amount = money(cut, 1);
        if (amount !== undefined) add(cut, { kind: 'discount_amount', amount });
      }
    }

    // Times: refunds reaching the customer, parcels leaving the warehouse.
    // Money reaching the customer; "处理退款" (the merchant acting) and goods sent back are not that.
    const aboutRefundTime =
      /到账|原路|退回(?:到|至|您|给您|原)|(?<!处理)退款(?!申请)/.test(t) && !/处理退款|退回的|寄回的/.test(t);
    const aboutShipping = /发货|发出|寄出/.test(t);
    if (!negated && (aboutRefundTime || aboutShipping)) {
      let hours: number | undefined;
      let m = t.match(new RegExp(`(${NUM})\\s*(?:个)?\\s*(?:小时|钟头)`));
      if (m) hours = parseNumber(m[1]!);
      else if ((m = t.match(new RegExp(DURATION)))) {
        const d = durationDays(m[1], m[2], m[3]!);
        hours = d === undefined ? undefined : d * 24;
      } else if ((m = t.match(/当天|今天|今日/))) hours = 24;
      else if ((m = t.match(/马上|立即|立刻|秒到|瞬间/))) hours = 1;
      if (m && hours !== undefined) add(m, { kind: aboutRefundTime ? 'refund_hours' : 'ship_hours', hours });
    }

    const free = t.match(new RegExp(`满\\s*(${NUM})\\s*(?:元|块)?\\s*(?:就)?\\s*包邮`));
    if (free) {
      const amount = parseNumber(free[1]!);
      if (amount !== undefined) add(free, { kind: 'free_shipping_threshold', amount });
    }

    // Decisions on refunds and returns, including refusals (they contradict an AI's approval).
    const decisions: [RegExp, DecisionAction][] = [
      [/(?:无法|不能|不支持|不予|拒绝|没法)(?:为您|给您|帮您)?(?:办理)?(?:全额)?退款/, 'refund_deny'],
      [/(?:无法|不能|不支持|不予|拒绝|没法)(?:为您|给您|帮您)?(?:办理)?退货/, 'return_deny'],
      [
        /(?:同意|已经?|为您|给您|帮您|安排)(?:办理|申请|操作)?(?:了)?(?:全额)?退款(?!进度|流程|规则)/,
        'refund_approve',
      ],
      [/(?:同意|为您|给您|帮您|安排)(?:办理|申请)?(?:了)?退货(?!流程|规则)/, 'return_approve'],
      [/(?:同意|为您|给您|帮您|安排)(?:办理|申请)?(?:了)?换货/, 'exchange_approve'],
    ];
    for (const [re, action] of decisions) {
      const m = t.match(re);
      if (!m) continue;
      if (action.endsWith('_approve') && negated) continue;
      add(m, { kind: 'decision', action });
    }
  }
  return claims;
}
