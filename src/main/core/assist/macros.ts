// Merchant macros (快捷短语) with variables filled from the ticket: {nickname}, {orderId}, {carrier},
// {trackingNo}, {productTitle}, {coupon} … A variable the ticket cannot fill stays visible as 【订单号】
// and is reported as missing, so the agent never sends a reply with a silently empty hole.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IntentSchema, type Coupon, type Order, type Ticket } from '../../../shared/domain';
import type { Policy } from '../guard/policy';
import { resourcePath } from '../resources';
import { orderKind, ProductKindSchema, type ProductKind } from './product-kind';

export const MACRO_VARIABLES = {
  nickname: '客户昵称',
  name: '客户姓名',
  agentName: '客服名',
  orderId: '订单号',
  orderStatus: '订单状态',
  orderTotal: '订单金额',
  carrier: '快递公司',
  trackingNo: '运单号',
  productTitle: '商品名称',
  coupon: '优惠券',
  couponAmount: '优惠券面额',
  vipLevel: '会员等级',
  returnDays: '退货天数',
  refundHours: '退款时效',
  priceProtectDays: '价保天数',
  freeShippingThreshold: '包邮门槛',
} as const;
export type MacroVariable = keyof typeof MACRO_VARIABLES;
const VARIABLE_NAMES = Object.keys(MACRO_VARIABLES) as MacroVariable[];

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

export const MacroSchema = z
  .object({
    id: z.string().min(1).max(64),
    title: z.string().min(1).max(40),
    category: z.string().min(1).max(20),
    /** Intents this macro answers; empty = any intent (greetings, closings). */
    intents: z.array(IntentSchema).max(30),
    /** Customer words that make this macro relevant. */
    keywords: z.array(z.string().min(1).max(20)).max(30),
    text: z.string().min(1).max(1000),
    /**
     * The kinds of product this macro is about (sizes: apparel and shoes; shelf life: food); absent =
     * any. Not offered on a ticket whose product is of another kind.
     */
    products: z.array(ProductKindSchema).max(6).optional(),
  })
  .superRefine((m, ctx) => {
    for (const [, v] of m.text.matchAll(PLACEHOLDER))
      if (!(VARIABLE_NAMES as string[]).includes(v!))
        ctx.addIssue({ code: 'custom', path: ['text'], message: `unknown variable {${v}}` });
  });
export type Macro = z.infer<typeof MacroSchema>;

export const MacrosFileSchema = z
  .object({ version: z.literal(1), macros: z.array(MacroSchema).max(2000) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.macros.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: 'custom', path: ['macros', i, 'id'], message: `duplicate macro id "${m.id}"` });
      seen.add(m.id);
    });
  });

export const DEFAULT_MACROS_PATH = resourcePath('assist/macros.json');

export function parseMacros(text: string, path = '(inline)'): Macro[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`macros file ${path}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = MacrosFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`macros file ${path}: ${issues.join('; ')}`);
  }
  return parsed.data.macros;
}

export function loadMacros(path = DEFAULT_MACROS_PATH): Macro[] {
  return parseMacros(readFileSync(path, 'utf8'), path);
}

export interface FilledMacro {
  id: string;
  title: string;
  category: string;
  text: string;
  /** Variables the ticket could not fill; they appear as 【label】 in `text`. */
  missing: MacroVariable[];
  /** Whether this macro is meant for the ticket's intent (or for any intent). */
  matchesIntent: boolean;
  /** Whether it fits the ordered product (a fabric-care macro does not fit food); true when unknown. */
  fitsProduct: boolean;
}

export interface FillContext {
  ticket: Pick<Ticket, 'customer' | 'orders' | 'messages' | 'recommendations'>;
  policy: Policy;
  agentName?: string;
  /** A coupon the merchant may offer now (from the promotions cache), if any. */
  coupon?: Coupon;
}

const STATUS_ZH: Record<Order['status'], string> = {
  pending_payment: '待付款',
  paid: '待发货',
  shipped: '已发货',
  delivered: '已签收',
  completed: '已完成',
  refunding: '退款中',
  refunded: '已退款',
  cancelled: '已取消',
};

/**
 * The order the conversation is about: one whose id the customer typed, else the one shared as an order
 * card, else the most recent one.
 */
export function focusOrder(ticket: FillContext['ticket']): Order | undefined {
  if (!ticket.orders.length) return undefined;
  for (const m of [...ticket.messages].reverse()) {
    const text = m.kind === 'text' ? m.text : m.kind === 'voice' ? m.transcript : '';
    const named = ticket.orders.find((o) => text.includes(o.id));
    if (named) return named;
    if (m.kind === 'order_card') {
      const carded = ticket.orders.find((o) => o.id === m.order.id);
      if (carded) return carded;
    }
  }
  return [...ticket.orders].sort((a, b) => b.createdAt - a.createdAt)[0];
}

export function variableValues(ctx: FillContext): Partial<Record<MacroVariable, string>> {
  const { ticket, policy } = ctx;
  const order = focusOrder(ticket);
  const coupon = ctx.coupon ?? ticket.recommendations.find((r) => r.kind === 'coupon' && r.coupon)?.coupon;
  const values: Partial<Record<MacroVariable, string>> = {
    nickname: ticket.customer.nickname || undefined,
    name: ticket.customer.name || undefined,
    agentName: ctx.agentName,
    orderId: order?.id,
    orderStatus: order ? STATUS_ZH[order.status] : undefined,
    orderTotal: order ? `${order.total}元` : undefined,
    // An order not yet shipped has no carrier of its own: the merchant's default carrier is still true.
    carrier:
      order?.carrier ??
      (order && ['pending_payment', 'paid'].includes(order.status) ? policy.carriers[0] : undefined),
    trackingNo: order?.trackingNo,
    productTitle: order?.items[0]?.title,
    coupon: coupon ? `满${coupon.threshold}减${coupon.amount}元券` : undefined,
    couponAmount: coupon ? `${coupon.amount}元` : undefined,
    vipLevel: String(ticket.customer.vipLevel),
    returnDays: String(policy.returnDays),
    refundHours: String(policy.refundHours),
    priceProtectDays: String(policy.priceProtectDays),
    freeShippingThreshold: String(policy.freeShippingThreshold),
  };
  return values;
}

export function fillMacro(
  macro: Macro,
  values: Partial<Record<MacroVariable, string>>,
  intent?: Ticket['intent'],
  product?: ProductKind,
): FilledMacro {
  const missing: MacroVariable[] = [];
  const text = macro.text.replace(PLACEHOLDER, (_m, name: string) => {
    const key = name as MacroVariable;
    const v = values[key];
    if (v) return v;
    if (!missing.includes(key)) missing.push(key);
    return `【${MACRO_VARIABLES[key]}】`;
  });
  return {
    id: macro.id,
    title: macro.title,
    category: macro.category,
    text,
    missing,
    matchesIntent: !intent || macro.intents.length === 0 || macro.intents.includes(intent),
    fitsProduct: !product || !macro.products || macro.products.includes(product),
  };
}

/**
 * All macros filled for a ticket: the ones for its intent first, then the general ones, then the rest;
 * those about another kind of product (sizes on a food order) after all of them.
 */
export function fillMacros(
  macros: readonly Macro[],
  ctx: FillContext & { ticket: Pick<Ticket, 'intent'> },
): FilledMacro[] {
  const values = variableValues(ctx);
  const product = orderKind(focusOrder(ctx.ticket));
  const rank = (f: FilledMacro, m: Macro) =>
    (f.fitsProduct ? 0 : 3) + (m.intents.includes(ctx.ticket.intent) ? 0 : m.intents.length === 0 ? 1 : 2);
  return [...macros]
    .map((m, i) => ({ m, i, f: fillMacro(m, values, ctx.ticket.intent, product) }))
    .sort((a, b) => rank(a.f, a.m) - rank(b.f, b.m) || a.i - b.i)
    .map(({ f }) => f);
}
