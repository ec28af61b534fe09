// Deterministic ticket generation: the same seed and the same `now` give the same tickets, byte for byte.
import { escalationCodeFor } from '../shared/system-texts';
import type {
  Customer,
  Intent,
  Message,
  MessageBody,
  Order,
  Recommendation,
  Suggestion,
  Ticket,
  TicketAction,
} from '../shared/domain';
import { INTENT_IDS, INTENTS } from '../shared/intents';
import {
  CARRIERS,
  CATALOG,
  CITIES,
  COMMUNITIES,
  GIVEN,
  NICK_PARTS,
  NICK_TAILS,
  STREETS,
  SURNAMES,
  type CatalogItem,
} from './data';
import { productPhotoSvg, voiceClipWav } from './media';
import { Rng } from './prng';
import { fill } from './replies';
import { orderStatusFor } from './order-status';
import { SCRIPTS, scriptFor, type AiActionTemplate } from './scripts';

export interface GeneratedTicket {
  ticket: Ticket;
  /** AI actions an upstream agent may take later, while the human handles the ticket. */
  lateActions: Omit<TicketAction, 'at'>[];
  /** Per-ticket stream for the rest of this customer's behaviour. */
  rng: Rng;
  ctx: FillContext;
}

export interface FillContext {
  product: CatalogItem;
  orderId: string;
  carrier: string;
  tracking: string;
  city: string;
  size: string;
  amount: number;
  /** the main order's total */
  total: number;
}

export interface FactoryOptions {
  /** Include generated images and voice clips (default true; the bench turns them off for smaller payloads). */
  media?: boolean;
  /** Restrict to some intents (default: all 23, weighted). */
  intents?: readonly Intent[];
  slaFor?: (priority: number) => number;
}

const CHANNELS = ['taobao', 'tmall', 'app', 'miniprogram', 'web'] as const;
/** The customer tag of a repeat contact; such tickets reuse an earlier ticket's customer. */
export const RETURNING = '近期多次进线';
const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55+'] as const;
/** Sizes a customer names, by what they buy (shoe sizes for shoes, letters for clothes). */
const SIZES: Partial<Record<CatalogItem['category'], string[]>> = {
  服装: ['S', 'M', 'L', 'XL'],
  鞋靴: ['37', '38', '39', '40', '42'],
};
/** Rough real-world mix: logistics and after-sales dominate escalations. */
const CATEGORY_WEIGHT = { presale: 1, promotion: 1, logistics: 1.6, aftersale: 1.5, complaint: 1.1 } as const;

export class TicketFactory {
  private readonly rng: Rng;
  private n = 0;
  private readonly intents: readonly Intent[];
  private readonly weights: number[];

  constructor(
    readonly seed: number,
    private readonly opts: FactoryOptions = {},
  ) {
    this.rng = new Rng(seed);
    this.intents = opts.intents?.length ? opts.intents : INTENT_IDS;
    this.weights = this.intents.map((i) => CATEGORY_WEIGHT[INTENTS[i].category]);
  }

  get count(): number {
    return this.n;
  }

  /** Ticket ids look like `${idPrefix}${index}_…`. */
  get idPrefix(): string {
    return `tk_${this.seed.toString(36)}_`;
  }

  /** Continues after `index` (e.g. after a hub restart on the same database); each ticket is still a pure function of (seed, index). */
  resumeAfter(index: number): void {
    this.n = Math.max(this.n, index);
  }

  private pickIntent(r: Rng): Intent {
    const total = this.weights.reduce((a, b) => a + b, 0);
    let x = r.next() * total;
    for (let i = 0; i < this.intents.length; i++) {
      x -= this.weights[i]!;
      if (x < 0) return this.intents[i]!;
    }
    return this.intents[this.intents.length - 1]!;
  }

  next(now: number, intent?: Intent): GeneratedTicket {
    const index = ++this.n;
    const r = this.rng.fork(index);
    const chosen = intent ?? this.pickIntent(r);
    const gen = buildTicket(r, index, this.seed, chosen, now, this.opts);
    return gen.ticket.customer.tags.includes(RETURNING) && index > 1
      ? this.asReturning(gen, index, now)
      : gen;
  }

  /**
   * A customer tagged as contacting again really is someone from an earlier ticket: the customer of
   * ticket `index - 1 - index % 5`, regenerated (still a pure function of seed and index), so the hub
   * has their earlier conversation to show.
   */
  private asReturning(gen: GeneratedTicket, index: number, now: number): GeneratedTicket {
    const k = Math.max(1, index - 1 - (index % 5));
    const rk = this.rng.fork(k);
    const earlier = buildTicket(rk, k, this.seed, this.pickIntent(rk), now, { ...this.opts, media: false })
      .ticket.customer;
    const before = gen.ticket.customer;
    // Every mention of the new identity (order cards, suggestions that greet by nickname …) follows.
    let json = JSON.stringify(gen.ticket);
    for (const f of ['id', 'nickname', 'name', 'phone', 'address'] as const)
      json = json.replaceAll(before[f], earlier[f]);
    const ticket = JSON.parse(json) as Ticket;
    ticket.customer = {
      ...earlier,
      tags: [...new Set([...earlier.tags.filter((t) => t !== RETURNING), RETURNING])],
    };
    return { ...gen, ticket };
  }
}

function buildTicket(
  r: Rng,
  index: number,
  seed: number,
  intent: Intent,
  now: number,
  opts: FactoryOptions,
): GeneratedTicket {
  const media = opts.media !== false;
  const ticketId = `tk_${seed.toString(36)}_${index}_${r.hex(6)}`;
  const cityInfo = r.pick(CITIES);
  const surname = r.pick(SURNAMES);
  const customer: Customer = {
    id: `cu_${r.hex(10)}`,
    nickname: `${r.pick(NICK_PARTS)}${r.pick(NICK_TAILS)}${r.int(1, 999)}`,
    name: `${surname}${r.pick(GIVEN)}`,
    phone: `1${r.pick(['3', '5', '7', '8', '9'])}${r.digits(9)}`,
    address: `${cityInfo.province}${cityInfo.city}市${r.pick(cityInfo.districts)}${r.pick(STREETS)}${r.int(1, 999)}号${r.pick(COMMUNITIES)}${r.int(1, 30)}栋${r.int(1, 32)}0${r.int(1, 4)}室`,
    city: cityInfo.city,
    ageBand: r.pick(AGE_BANDS),
    vipLevel: r.int(0, 7),
    orderCount: r.int(1, 180),
    totalSpent: Math.round(r.float(50, 48_000) * 100) / 100,
    tags: [],
  };
  if (customer.vipLevel >= 5) customer.tags.push('高价值');
  if (cityInfo.remote) customer.tags.push('偏远地区');
  if (r.chance(0.1)) customer.tags.push(RETURNING);

  // The product the conversation is about fits the questions asked (sizes go with clothes, freshness
  // with food); the script's lines for that category, when it has its own.
  const fits = SCRIPTS[intent].products;
  const product = r.pick(fits ? CATALOG.filter((p) => fits.includes(p.category)) : CATALOG);
  const script = scriptFor(intent, product.category);
  const carrierInfo = r.pick(CARRIERS);
  const byStatus = script.reasonsByStatus ? r.pick(script.reasonsByStatus) : undefined;
  const status = byStatus?.status ?? orderStatusFor(intent, r);
  const shipped = ['shipped', 'delivered', 'completed', 'refunding', 'refunded'].includes(status);
  const qty = r.chance(0.8) ? 1 : r.int(2, 3);
  const orderId = `${r.int(1, 4)}${r.digits(17)}`;
  const mainOrder: Order = {
    id: orderId,
    customerId: customer.id,
    status,
    items: [{ productId: product.id, title: product.title, qty, price: product.price }],
    total: Math.round(product.price * qty * 100) / 100,
    createdAt: now - r.int(1, 20) * 86_400_000 - r.int(0, 86_399_999),
    ...(shipped ? { carrier: carrierInfo.name, trackingNo: carrierInfo.tracking(r) } : {}),
  };
  const orders: Order[] = [mainOrder];
  if (r.chance(0.35)) {
    const other = r.pick(CATALOG);
    const c2 = r.pick(CARRIERS);
    orders.push({
      id: `${r.int(1, 4)}${r.digits(17)}`,
      customerId: customer.id,
      status: 'completed',
      items: [{ productId: other.id, title: other.title, qty: 1, price: other.price }],
      total: other.price,
      createdAt: now - r.int(30, 200) * 86_400_000,
      carrier: c2.name,
      trackingNo: c2.tracking(r),
    });
  }
  const ctx: FillContext = {
    product,
    orderId,
    carrier: mainOrder.carrier ?? carrierInfo.name,
    tracking: mainOrder.trackingNo ?? carrierInfo.tracking(r),
    city: cityInfo.city,
    size: r.pick(SIZES[product.category] ?? ['标准款']),
    amount: Math.max(5, Math.round(product.price * r.float(0.05, 0.2))),
    total: mainOrder.total,
  };

  const [smin, smax] = script.sentiment;
  const score = Math.round(r.float(smin, smax) * 100) / 100;
  const sentiment = {
    label: score < -0.25 ? 'negative' : score > 0.25 ? 'positive' : 'neutral',
    score,
  } as Ticket['sentiment'];
  const severity = INTENTS[intent].severity;
  let priority = severity >= 5 ? 1 : severity === 4 ? 2 : severity === 3 ? 3 : 4;
  if (score < -0.7 || customer.vipLevel >= 6) priority = Math.max(1, priority - 1);

  // conversation before escalation: customer ↔ bot, 3–6 messages
  let t = now - r.int(60, 240) * 1000;
  let mi = 0;
  const msg = (from: Message['from'], body: MessageBody): Message => {
    t += r.int(4, 25) * 1000;
    return { id: `${ticketId}_m${++mi}`, ticketId, from, at: Math.min(t, now - 1000), ...body } as Message;
  };
  const messages: Message[] = [];
  const opener = fill(r.pick(script.openers), ctx);
  if (media && script.voice && r.chance(script.voice)) {
    const clip = voiceClipWav(r, Math.min(3, Math.max(1, Math.round((opener.length / 6) * 10) / 10)));
    messages.push(
      msg('customer', { kind: 'voice', url: clip.url, durationSec: clip.durationSec, transcript: opener }),
    );
  } else {
    messages.push(msg('customer', { kind: 'text', text: opener }));
  }
  if (r.chance(0.4)) messages.push(msg('customer', { kind: 'order_card', order: mainOrder }));
  messages.push(msg('bot', { kind: 'text', text: fill(r.pick(script.bot), ctx) }));
  if (media && script.image && r.chance(script.image.p)) {
    messages.push(
      msg('customer', {
        kind: 'image',
        url: productPhotoSvg(r, product.category, script.image.caption, {
          damaged: script.image.damaged ?? false,
        }),
        caption: script.image.caption,
        width: 240,
        height: 240,
      }),
    );
  }
  messages.push(
    msg('customer', { kind: 'text', text: fill(r.pick(byStatus?.pushback ?? script.pushback), ctx) }),
  );
  const reason = fill(r.pick(byStatus?.reasons ?? script.reasons), ctx);
  const reasonCode = escalationCodeFor(reason);
  messages.push(
    msg('system', {
      kind: 'system',
      event: 'escalated',
      text: `机器人转人工：${reason}`,
      ...(reasonCode ? { params: { reasonCode } } : {}),
    }),
  );

  const suggestions: Suggestion[] = script.suggestions.map((s, i) => ({
    id: `${ticketId}_s${i + 1}`,
    text: fill(s, ctx),
    source: 'upstream_ai',
    score: Math.round(r.float(0.55, 0.95) * 100) / 100,
    reason: i === 0 ? `意图「${INTENTS[intent].zh}」高频解决话术` : '相似会话中坐席采纳率较高',
  }));

  const recommendations: Recommendation[] = [];
  const complaint = INTENTS[intent].category === 'complaint';
  if (script.marketing || (complaint && r.chance(0.2))) {
    const related = CATALOG.filter((p) => p.category === product.category && p.id !== product.id);
    const rec = related.length ? r.pick(related) : r.pick(CATALOG);
    recommendations.push({
      id: `${ticketId}_r1`,
      kind: 'product',
      product: {
        id: rec.id,
        title: rec.title,
        category: rec.category,
        price: rec.price,
        stock: r.int(5, 900),
        ...(rec.promo ? { promo: rec.promo } : {}),
      },
      reason: `客户浏览过${product.category}类目，与「${product.title.split(' ')[0]}」常被一起购买`,
      copy: `亲，这款${rec.title.split(' ')[0]}${rec.promo ? `正在${rec.promo}` : '口碑很好'}，可以看看哦～`,
      source: 'upstream_ai',
      score: Math.round(r.float(0.4, 0.9) * 100) / 100,
    });
    if (r.chance(0.6)) {
      const amount = r.pick([5, 10, 20, 30]);
      recommendations.push({
        id: `${ticketId}_r2`,
        kind: 'coupon',
        coupon: {
          id: `cp_${r.hex(8)}`,
          title: `店铺券 满${amount * 10}减${amount}`,
          amount,
          threshold: amount * 10,
          expiresAt: now + 7 * 86_400_000,
        },
        reason:
          customer.vipLevel >= 3 ? `VIP${customer.vipLevel} 客户，近30天有加购未付款` : '新客首单转化券',
        copy: `送您一张满${amount * 10}减${amount}的店铺券，7天内有效～`,
        source: 'upstream_ai',
        score: Math.round(r.float(0.3, 0.85) * 100) / 100,
      });
    }
  }

  const act = (tpl: AiActionTemplate, k: number, at: number): TicketAction => ({
    id: `${ticketId}_a${k}`,
    ticketId,
    actor: { kind: 'ai', id: `ai-${tpl.actor}`, name: tpl.actor },
    type: tpl.type,
    params: Object.fromEntries(
      Object.entries(tpl.params).map(([key, v]) => [
        key,
        v === '{total}' || v === '{amount}' ? Number(fill(v, ctx)) : typeof v === 'string' ? fill(v, ctx) : v,
      ]),
    ),
    summary: fill(tpl.summary, ctx),
    at,
  });
  const aiActions: TicketAction[] = [];
  (script.aiActions ?? []).forEach((tpl, i) => {
    if (r.chance(tpl.p)) aiActions.push(act(tpl, i + 1, now - r.int(5, 50) * 1000));
  });
  const lateActions = (script.lateActions ?? [])
    .filter((tpl) => r.chance(tpl.p))
    .map((tpl, i) => {
      const { at: _at, ...rest } = act(tpl, 100 + i, now);
      return rest;
    });

  const slaFor = opts.slaFor ?? ((p: number) => [0, 60_000, 120_000, 300_000, 600_000][p]!);
  const ticket: Ticket = {
    id: ticketId,
    channel: r.pick(CHANNELS),
    customer,
    orders,
    intent,
    intentConfidence: Math.round(r.float(0.55, 0.98) * 100) / 100,
    sentiment,
    priority,
    status: 'escalated',
    escalationReason: reason,
    ...(reasonCode ? { escalationCode: reasonCode } : {}),
    messages,
    suggestions,
    recommendations,
    aiActions,
    tags: [
      ...customer.tags.filter((x) => x !== '高价值'),
      ...(aiActions.length ? ['ai_attempted'] : []),
    ].slice(0, 32),
    createdAt: now,
    slaDueAt: now + slaFor(priority),
  };
  return { ticket, lateActions, rng: r, ctx };
}
