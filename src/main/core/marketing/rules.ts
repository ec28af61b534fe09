// The local marketing rules engine over the customer profile, the intent and the cached catalog.
// Merchant rules live in resources/assist/marketing-rules.json (validated here). The hard rule comes
// first and is not a rule a merchant can switch off per offer: during a complaint or with negative
// sentiment nothing is pushed, and the answer says why.
import { z } from 'zod';
import type { CoreText } from '../../../shared/core-texts';
import { AgeBandSchema, IntentSchema, type Recommendation, type Ticket } from '../../../shared/domain';
import { INTENT_CATEGORY_LABELS, INTENTS, type IntentCategory } from '../../../shared/intents';
import type { Catalog, CatalogProduct, CouponTemplate, Promotion } from './catalog';
import { favouriteCategory, pickTemplate, renderCopy, type CopyVariable } from './copy';

const CategorySchema = z.enum(['presale', 'promotion', 'logistics', 'aftersale', 'complaint']);
const CopySchema = z
  .object({ default: z.string().min(1).max(300) })
  .catchall(z.string().min(1).max(300))
  .superRefine((c, ctx) => {
    for (const k of Object.keys(c))
      if (k !== 'default' && !AgeBandSchema.safeParse(k).success)
        ctx.addIssue({ code: 'custom', path: [k], message: `not an age band: ${k}` });
  });

export const MarketingRuleSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(100),
  /** The title in English, so an agent reading English sees why an offer is made in words. */
  titleEn: z.string().min(1).max(100).optional(),
  /** 0 … 1: how strongly the merchant wants this offer made when it applies. */
  weight: z.number().min(0).max(1),
  enabled: z.boolean().default(true),
  when: z
    .object({
      intents: z.array(IntentSchema).optional(),
      intentCategories: z.array(CategorySchema).optional(),
      minVip: z.number().int().min(0).max(7).optional(),
      maxVip: z.number().int().min(0).max(7).optional(),
      minOrderCount: z.number().int().nonnegative().optional(),
      maxOrderCount: z.number().int().nonnegative().optional(),
      ageBands: z.array(AgeBandSchema).optional(),
      /** Asked but did not order: no order on this ticket placed within this many days. */
      noOrderWithinDays: z.number().int().positive().optional(),
      /** The product under discussion is (true) or is not (false) in stock. */
      productInStock: z.boolean().optional(),
      /** A category the customer bought before has an active promotion. */
      activePromotionInHistory: z.boolean().optional(),
    })
    .strict(),
  offer: z.discriminatedUnion('kind', [
    /** template: a coupon template id, or "best-for-vip" for the best template the VIP level allows. */
    z.object({ kind: z.literal('coupon'), template: z.string().min(1).max(64) }),
    z.object({
      kind: z.literal('product'),
      pick: z.enum(['accessory', 'same_category', 'promoted_history_category']),
    }),
  ]),
  copy: CopySchema,
});
export type MarketingRule = z.infer<typeof MarketingRuleSchema>;

export const MarketingRulesFileSchema = z.object({
  version: z.literal(1),
  suppress: z.object({
    intentCategories: z.array(CategorySchema).default([]),
    intents: z.array(IntentSchema).default([]),
    sentimentBelow: z.number().min(-1).max(1),
  }),
  maxRecommendations: z.number().int().min(1).max(10).default(3),
  rules: z.array(MarketingRuleSchema).max(500),
});
export type MarketingRulesFile = z.infer<typeof MarketingRulesFileSchema>;

export interface RulesInput {
  ticket: Pick<Ticket, 'id' | 'customer' | 'orders' | 'messages' | 'intent' | 'sentiment'>;
  catalog: Catalog;
  now: number;
}

/**
 * Why marketing must not be shown on this ticket, or null. Complaint intents and negative sentiment are
 * always suppressing (the product's non-negotiable), whatever the file says; the file can add more.
 */
export function suppressionReason(
  file: MarketingRulesFile,
  ticket: Pick<Ticket, 'intent' | 'sentiment'>,
): string | null {
  return suppression(file, ticket)?.reason ?? null;
}

/** Why marketing must not be shown, in Chinese and as a code; null when it may. */
export function suppression(
  file: MarketingRulesFile,
  ticket: Pick<Ticket, 'intent' | 'sentiment'>,
): { reason: string; text: CoreText } | null {
  const info = INTENTS[ticket.intent];
  const intent = ticket.intent;
  const categories: IntentCategory[] = ['complaint', ...file.suppress.intentCategories];
  if (info.category === 'complaint')
    return {
      reason: `客户正在投诉（${info.zh}），此时不推送营销，先解决问题`,
      text: { code: 'marketing.complaint', params: { intent } },
    };
  if (categories.includes(info.category))
    return {
      reason: `当前为${INTENT_CATEGORY_LABELS[info.category].zh}类问题（${info.zh}），店铺规则不在此时推送营销`,
      text: { code: 'marketing.category', params: { category: info.category, intent } },
    };
  if (file.suppress.intents.includes(ticket.intent))
    return {
      reason: `当前意图「${info.zh}」不适合营销，先处理客户的问题`,
      text: { code: 'marketing.intent', params: { intent } },
    };
  const floor = Math.min(file.suppress.sentimentBelow, 0);
  if (ticket.sentiment.label === 'negative' || ticket.sentiment.score < floor)
    return {
      reason: `客户情绪负面（${ticket.sentiment.score.toFixed(2)}），此时推送营销会激化情绪`,
      text: { code: 'marketing.negative', params: { score: ticket.sentiment.score } },
    };
  return null;
}

const textOf = (m: Ticket['messages'][number]) =>
  m.kind === 'text' ? m.text : m.kind === 'voice' ? m.transcript : '';

/** The product the conversation is about: the newest product card, else a product named in the text, else the newest order's item. */
export function focusProduct(input: RulesInput): CatalogProduct | undefined {
  const { ticket, catalog } = input;
  for (const m of [...ticket.messages].reverse()) {
    if (m.kind === 'product_card') {
      const p = catalog.product(m.product.id);
      if (p) return p;
    }
    if (m.from === 'customer') {
      const named = catalog.productMentionedIn(textOf(m));
      if (named) return named;
    }
  }
  const order = [...ticket.orders].sort((a, b) => b.createdAt - a.createdAt)[0];
  for (const item of order?.items ?? []) {
    const p = catalog.product(item.productId);
    if (p) return p;
  }
  return undefined;
}

interface Facts {
  focus?: CatalogProduct;
  historyCategory?: string;
  historyPromo?: Promotion;
  recentOrder: boolean;
}

function facts(input: RulesInput, noOrderDays: number): Facts {
  const { ticket, catalog, now } = input;
  const history = ticket.orders.flatMap((o) =>
    o.items
      .map((i) => ({ category: catalog.product(i.productId)?.category ?? '', qty: i.qty, at: o.createdAt }))
      .filter((h) => h.category),
  );
  const cats = [...new Set(history.map((h) => h.category))];
  const fav = favouriteCategory(history);
  const promoCat = [fav, ...cats].find((c) => c && catalog.activePromotions(now, c).length);
  return {
    focus: focusProduct(input),
    historyCategory: promoCat ?? fav,
    historyPromo: promoCat ? catalog.activePromotions(now, promoCat)[0] : undefined,
    recentOrder: ticket.orders.some(
      (o) => o.status !== 'cancelled' && now - o.createdAt < noOrderDays * 86_400_000,
    ),
  };
}

function matches(rule: MarketingRule, input: RulesInput, f: Facts): boolean {
  const w = rule.when;
  const c = input.ticket.customer;
  if (w.intents && !w.intents.includes(input.ticket.intent)) return false;
  if (w.intentCategories && !w.intentCategories.includes(INTENTS[input.ticket.intent].category)) return false;
  if (w.minVip !== undefined && c.vipLevel < w.minVip) return false;
  if (w.maxVip !== undefined && c.vipLevel > w.maxVip) return false;
  if (w.minOrderCount !== undefined && c.orderCount < w.minOrderCount) return false;
  if (w.maxOrderCount !== undefined && c.orderCount > w.maxOrderCount) return false;
  if (w.ageBands && !w.ageBands.includes(c.ageBand)) return false;
  if (w.noOrderWithinDays !== undefined && f.recentOrder) return false;
  if (w.productInStock !== undefined && (!f.focus || f.focus.stock > 0 !== w.productInStock)) return false;
  if (w.activePromotionInHistory && !f.historyPromo) return false;
  return true;
}

/** In stock, not the focus product, suited to the customer's age band first, then cheapest. */
function pickProduct(
  rule: Extract<MarketingRule['offer'], { kind: 'product' }>,
  input: RulesInput,
  f: Facts,
): CatalogProduct | undefined {
  const { catalog, ticket } = input;
  const owned = new Set(ticket.orders.flatMap((o) => o.items.map((i) => i.productId)));
  let pool: CatalogProduct[] = [];
  if (rule.pick === 'accessory' && f.focus)
    pool = f.focus.accessories.map((id) => catalog.product(id)).filter((p): p is CatalogProduct => !!p);
  else if (rule.pick === 'same_category' && f.focus)
    pool = catalog.products().filter((p) => p.category === f.focus!.category);
  else if (rule.pick === 'promoted_history_category' && f.historyPromo)
    pool = catalog.products().filter((p) => p.category === f.historyCategory && !owned.has(p.id));
  const band = ticket.customer.ageBand;
  return pool
    .filter((p) => p.stock > 0 && p.id !== f.focus?.id)
    .sort(
      (a, b) => Number(b.ageBands.includes(band)) - Number(a.ageBands.includes(band)) || a.price - b.price,
    )[0];
}

function couponFor(template: string, input: RulesInput): CouponTemplate | undefined {
  const vip = input.ticket.customer.vipLevel;
  const t =
    template === 'best-for-vip' ? input.catalog.bestCouponFor(vip) : input.catalog.couponTemplate(template);
  return t && t.minVip <= vip ? t : undefined;
}

export interface LocalRecommendation {
  rec: Recommendation;
  ruleId: string;
}

/** Local recommendations, best first; rules whose offer or copy cannot be completed are skipped. */
export function evaluateRules(file: MarketingRulesFile, input: RulesInput): LocalRecommendation[] {
  const { ticket, catalog, now } = input;
  const noOrderDays = Math.max(0, ...file.rules.map((r) => r.when.noOrderWithinDays ?? 0)) || 30;
  const f = facts(input, noOrderDays);
  const out: LocalRecommendation[] = [];
  const offered = new Set<string>();
  for (const rule of file.rules) {
    if (!rule.enabled || !matches(rule, input, f)) continue;
    const vars: Partial<Record<CopyVariable, string>> = {
      nickname: ticket.customer.nickname,
      vipLevel: String(ticket.customer.vipLevel),
      ...(f.historyCategory ? { lastCategory: f.historyCategory } : {}),
    };
    let rec: Omit<Recommendation, 'copy' | 'reason'>;
    let reason = `规则「${rule.title}」`;
    let text: CoreText;
    const title = { zh: rule.title, en: rule.titleEn ?? '' };
    if (rule.offer.kind === 'coupon') {
      const t = couponFor(rule.offer.template, input);
      if (!t || offered.has(`coupon:${t.id}`)) continue;
      offered.add(`coupon:${t.id}`);
      const coupon = catalog.toCoupon(t, ticket.id, now);
      Object.assign(vars, {
        coupon: `满${t.threshold}减${t.amount}元${t.title}`,
        validDays: String(t.validDays),
      });
      rec = {
        id: `local-${rule.id}-${t.id}`,
        kind: 'coupon',
        coupon,
        source: 'local_rules',
        score: rule.weight,
      };
      reason += `：VIP${ticket.customer.vipLevel}，历史订单 ${ticket.customer.orderCount} 笔`;
      text = {
        code: 'marketing.rule_coupon',
        params: { rule: title, vip: ticket.customer.vipLevel, orders: ticket.customer.orderCount },
      };
    } else {
      const p = pickProduct(rule.offer, input, f);
      if (!p || offered.has(`product:${p.id}`)) continue;
      offered.add(`product:${p.id}`);
      const promo = catalog.activePromotions(now, p.category)[0];
      Object.assign(vars, {
        product: p.title,
        price: String(p.price),
        category: p.category,
        ...(promo ? { promo: promo.title } : {}),
        promoClause: promo ? `，正赶上「${promo.text}」` : '',
      });
      rec = {
        id: `local-${rule.id}-${p.id}`,
        kind: 'product',
        product: catalog.toProduct(p, now),
        source: 'local_rules',
        score: rule.weight,
      };
      reason += f.focus
        ? `：客户在看「${f.focus.title.split(/\s+/)[0]}」（库存 ${f.focus.stock}）`
        : `：常购品类「${f.historyCategory}」有活动`;
      reason += `，推荐有货的「${p.title.split(/\s+/)[0]}」（库存 ${p.stock}）`;
      const product = p.title.split(/\s+/)[0]!.slice(0, 100);
      text = f.focus
        ? {
            code: 'marketing.rule_focus',
            params: {
              rule: title,
              focus: f.focus.title.split(/\s+/)[0]!.slice(0, 100),
              focusStock: f.focus.stock,
              product,
              stock: p.stock,
            },
          }
        : {
            code: 'marketing.rule_history',
            params: {
              rule: title,
              category: (f.historyCategory ?? '').slice(0, 32),
              product,
              stock: p.stock,
            },
          };
    }
    const why = text;
    const { text: copy, missing } = renderCopy(
      pickTemplate(rule.copy as Parameters<typeof pickTemplate>[0], ticket.customer.ageBand),
      vars,
    );
    if (missing.length) continue;
    out.push({
      ruleId: rule.id,
      rec: { ...rec, reason: reason.slice(0, 500), texts: [why], copy: copy.slice(0, 500) },
    });
  }
  return out.sort((a, b) => b.rec.score - a.rec.score);
}
