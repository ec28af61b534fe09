import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, Order, Ticket } from '../../../src/shared/domain';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import { Catalog, CatalogFileSchema, parseJsonFile } from '../../../src/main/core/marketing/catalog';
import { pickTemplate, renderCopy } from '../../../src/main/core/marketing/copy';
import { MarketingService } from '../../../src/main/core/marketing/marketing-service';
import { MarketingStore } from '../../../src/main/core/marketing/marketing-store';
import {
  evaluateRules,
  MarketingRulesFileSchema,
  suppressionReason,
} from '../../../src/main/core/marketing/rules';
import { textMessage, ticket } from '../../support/fixtures';

const rules = MarketingRulesFileSchema.parse(
  JSON.parse(readFileSync('resources/assist/marketing-rules.json', 'utf8')),
);
const catalog = Catalog.load();
const NOW = Date.parse('2026-11-24T10:00:00+08:00');
const DAY = 86_400_000;

const presale = (over: Partial<Ticket> = {}, text = '这条法式碎花雪纺连衣裙M码有货吗？我身高165') => {
  const t = ticket({
    intent: 'size_advice',
    sentiment: { label: 'neutral', score: 0.1 },
    orders: [],
    ...over,
  });
  t.messages = [textMessage(t.id, text)];
  return t;
};
const order = (productId: string, daysAgo: number, over: Partial<Order> = {}): Order => ({
  id: `O-${productId}-${daysAgo}`,
  customerId: 'c',
  status: 'completed',
  items: [
    { productId, title: catalog.product(productId)!.title, qty: 1, price: catalog.product(productId)!.price },
  ],
  total: catalog.product(productId)!.price,
  createdAt: NOW - daysAgo * DAY,
  ...over,
});
const recs = (t: Ticket) => evaluateRules(rules, { ticket: t, catalog, now: NOW });
/** The agent has answered the customer's question (marketing waits for that). */
const answered = (t: Ticket, text = '亲，这款有现货的，M码适合您') => {
  t.messages = [...t.messages, textMessage(t.id, text, { from: 'agent' })];
  return t;
};

describe('marketing rules: the hard rule', () => {
  it('suppresses everything during a complaint, saying why', () => {
    const t = presale({ intent: 'quality_complaint', sentiment: { label: 'neutral', score: 0 } });
    expect(suppressionReason(rules, t)).toContain('投诉');
  });

  it('suppresses on negative sentiment whatever the intent', () => {
    const t = presale({ sentiment: { label: 'negative', score: -0.5 } });
    expect(suppressionReason(rules, t)).toContain('情绪负面');
  });

  it('cannot be switched off by the merchant file', () => {
    const lax = { ...rules, suppress: { intentCategories: [], intents: [], sentimentBelow: -1 } };
    expect(suppressionReason(lax, presale({ intent: 'fake_goods' }))).not.toBeNull();
    expect(suppressionReason(lax, presale({ sentiment: { label: 'negative', score: -0.2 } }))).not.toBeNull();
    expect(suppressionReason(rules, presale())).toBeNull();
  });
});

describe('marketing rules: offers', () => {
  it('asked but did not order → a coupon, with reason and copy', () => {
    const out = recs(presale({ intent: 'product_inquiry' }, '这款羊毛大衣还有S码吗'));
    const coupon = out.find((r) => r.ruleId === 'asked-not-ordered');
    expect(coupon?.rec.kind).toBe('coupon');
    expect(coupon?.rec.coupon).toMatchObject({ amount: 20, threshold: 199 });
    expect(coupon?.rec.coupon!.expiresAt).toBe(NOW + 7 * DAY);
    expect(coupon?.rec.reason).toContain('咨询未下单');
    expect(coupon?.rec.copy).toContain('满199减20元店铺满减券');
  });

  it('a recent order means the customer did order: no asked-not-ordered coupon', () => {
    const out = recs(presale({ orders: [order('p-1002', 3)] }));
    expect(out.find((r) => r.ruleId === 'asked-not-ordered')).toBeUndefined();
  });

  it('size question on an in-stock item → a matching accessory that is in stock', () => {
    const out = recs(presale());
    const acc = out.find((r) => r.ruleId === 'size-in-stock-accessory')!;
    expect(acc.rec.kind).toBe('product');
    expect(['p-3003', 'p-3001']).toContain(acc.rec.product!.id);
    expect(acc.rec.product!.stock).toBeGreaterThan(0);
    expect(acc.rec.reason).toContain('法式碎花雪纺连衣裙');
  });

  it('out-of-stock item → an in-stock alternative from the same category', () => {
    const out = recs(presale({ intent: 'stock_inquiry' }, '真丝印花衬衫什么时候补货'));
    const alt = out.find((r) => r.ruleId === 'out-of-stock-alternative')!;
    expect(alt.rec.product!.category).toBe('女装');
    expect(alt.rec.product!.id).not.toBe('p-1004');
    expect(alt.rec.product!.stock).toBeGreaterThan(0);
    expect(out.find((r) => r.ruleId === 'size-in-stock-accessory')).toBeUndefined();
  });

  it('VIP threshold picks the best coupon the level allows', () => {
    const vip6 = presale({ intent: 'membership' });
    vip6.customer = { ...vip6.customer, vipLevel: 6 };
    expect(recs(vip6).find((r) => r.ruleId === 'vip-upgrade')!.rec.coupon!.amount).toBe(50);
    const vip4 = presale({ intent: 'membership' });
    vip4.customer = { ...vip4.customer, vipLevel: 4 };
    expect(recs(vip4).find((r) => r.ruleId === 'vip-upgrade')!.rec.coupon!.amount).toBe(30);
    const vip2 = presale({ intent: 'membership' });
    vip2.customer = { ...vip2.customer, vipLevel: 2 };
    expect(recs(vip2).find((r) => r.ruleId === 'vip-upgrade')).toBeUndefined();
  });

  it('a repeat buyer gets an item from a category they buy that is on promotion now', () => {
    const t = presale(
      { intent: 'shipping_time', orders: [order('p-1101', 40), order('p-1103', 60)] },
      '什么时候发货',
    );
    t.customer = { ...t.customer, orderCount: 5 };
    const promo = recs(t).find((r) => r.ruleId === 'repeat-buyer-promotion')!;
    expect(promo.rec.product!.category).toBe('男装');
    expect(['p-1101', 'p-1103']).not.toContain(promo.rec.product!.id);
    expect(promo.rec.copy).toContain('冬季焕新');
    expect(promo.rec.product!.promo).toBe('冬季焕新 满300减40');
  });
});

describe('marketing copy', () => {
  const templates = {
    default: '{nickname}您好，送您{coupon}',
    '18-24': '{nickname}～给你塞了{coupon}！',
    '55+': '{nickname}您好，给您准备了{coupon}，下单自动抵扣',
  };

  it('speaks to each age band in its own template, falling back to default', () => {
    expect(pickTemplate(templates, '18-24')).toContain('塞了');
    expect(pickTemplate(templates, '55+')).toContain('自动抵扣');
    expect(pickTemplate(templates, '35-44')).toBe(templates.default);
  });

  it('fills variables and reports missing ones instead of sending holes', () => {
    expect(
      renderCopy('{nickname}，{product}只要{price}元', { nickname: '小鹿', product: '围巾', price: '199' }),
    ).toEqual({ text: '小鹿，围巾只要199元', missing: [] });
    expect(renderCopy('{nickname}，{product}', { nickname: '小鹿' }).missing).toEqual(['product']);
  });

  it('uses purchase history, age band and the active promotion in real rules', () => {
    const young = presale();
    young.customer = { ...young.customer, ageBand: '18-24' };
    const older = presale();
    older.customer = { ...older.customer, ageBand: '45-54' };
    const a = recs(young).find((r) => r.ruleId === 'size-in-stock-accessory')!.rec.copy;
    const b = recs(older).find((r) => r.ruleId === 'size-in-stock-accessory')!.rec.copy;
    expect(a).not.toBe(b);
    expect(a).toContain('超好看');
    expect(b).toContain('搭配起来很得体');
  });

  it('validates the catalog file with paths', () => {
    expect(() =>
      parseJsonFile(
        CatalogFileSchema,
        JSON.stringify({ version: 1, updatedAt: 'x', products: [], promotions: [], couponTemplates: [] }),
        'catalog',
      ),
    ).toThrow(/updatedAt: not an ISO date/);
  });
});

describe('marketing service', () => {
  let db: Db;
  let store: MarketingStore;
  const sent: { ticketId: string; body: unknown }[] = [];
  let current: Ticket;
  const service = () =>
    new MarketingService({
      store,
      tickets: { get: (id) => (id === current.id ? current : undefined) },
      catalog,
      rules,
      now: () => NOW,
      reply: (ticketId, body, inTx) => {
        const m = { id: `m${sent.length}`, ticketId, from: 'agent', at: NOW, ...body } as Message;
        sent.push({ ticketId, body });
        inTx(m);
        return m;
      },
    });
  beforeEach(() => {
    db = openDatabase(':memory:');
    store = new MarketingStore(db);
    sent.length = 0;
  });
  afterEach(() => db.close());

  it('drops an upstream product that is out of stock locally, and returns nothing during a complaint', () => {
    current = presale({
      recommendations: [
        {
          id: 'up-r1',
          kind: 'product',
          product: { id: 'p-2002', title: '男士缓震跑步鞋', category: '鞋靴', price: 459, stock: 20 },
          reason: '',
          copy: '',
          source: 'upstream_ai',
          score: 0.9,
        },
      ],
    });
    answered(current);
    const res = service().recommendations(current.id);
    expect(res.dropped).toMatchObject([{ id: 'up-r1', reason: expect.stringContaining('库存为 0') }]);
    current = { ...current, intent: 'damaged_package' };
    const none = service().recommendations(current.id);
    expect(none.recommendations).toEqual([]);
    expect(none.suppressed).toContain('投诉');
  });

  it('records shown once, sent with the card, and attributes a later conversion', () => {
    current = answered(presale({ intent: 'product_inquiry' }, '羊毛大衣有S码吗'));
    const s = service();
    const { recommendations } = s.recommendations(current.id);
    s.recommendations(current.id);
    const coupon = recommendations.find((r) => r.kind === 'coupon')!;
    const { messages } = s.send(current.id, coupon.id, true);
    expect(messages).toHaveLength(2);
    expect(sent.map((x) => (x.body as { kind: string }).kind)).toEqual(['text', 'coupon_card']);
    expect(s.converted(current.id, 'O-NEW', undefined)).toBe(true);
    expect(s.converted(current.id, 'O-NEW', undefined)).toBe(false); // replayed hub event
    const events = s
      .events(current.id)
      .filter((e) => e.recommendationId === coupon.id)
      .map((e) => e.event);
    expect(events).toEqual(['shown', 'sent', 'converted']);
  });

  it('refuses to send during a complaint with the reason', () => {
    current = presale({ intent: 'quality_complaint' });
    expect(() => service().send(current.id, 'local-asked-not-ordered-c-store-20', false)).toThrow(
      /不能推送营销：.*投诉/,
    );
  });

  // Issue 13 §4: offers wait for the answer, or say why now; they relate to what the customer looks at.
  it('holds every offer while the customer’s pre-sale question is unanswered, and refuses to send it', () => {
    current = presale({ intent: 'product_inquiry' }, '羊毛大衣有S码吗');
    const held = service().recommendations(current.id);
    expect(held.recommendations).toEqual([]);
    expect(held.suppressed).toBe('客户的问题还没有回答（「羊毛大衣有S码吗」），先回答再推荐');
    expect(() => service().send(current.id, 'local-asked-not-ordered-c-store-20', false)).toThrow(
      /先回答再推荐/,
    );
    expect(sent).toEqual([]);
    // Nudging does not change that; the agent's answer does.
    current.messages.push(textMessage(current.id, '在吗？'));
    expect(service().recommendations(current.id).suppressed).toContain('先回答再推荐');
    answered(current, '有S码的，现货');
    const open = service().recommendations(current.id);
    expect(open.suppressed).toBeNull();
    expect(open.recommendations.length).toBeGreaterThan(0);
  });

  it('an offer that answers the question may go before the answer, saying why now', () => {
    current = presale({ intent: 'coupon_inquiry' }, '现在买有优惠券吗？');
    const res = service().recommendations(current.id);
    expect(res.suppressed).toBeNull();
    expect(res.recommendations.every((r) => r.kind === 'coupon')).toBe(true);
    expect(res.recommendations[0]!.reason).toMatch(/^时机：客户正在问「现在买有优惠券吗？」（优惠）/);
  });

  it('drops an upstream product unrelated to the product the customer is looking at', () => {
    const shoe = catalog
      .products()
      .find((p) => p.category !== catalog.product('p-1001')!.category && p.stock > 0)!;
    current = answered(
      presale({
        recommendations: [
          {
            id: 'up-shoe',
            kind: 'product',
            product: {
              id: shoe.id,
              title: shoe.title,
              category: shoe.category,
              price: shoe.price,
              stock: 20,
            },
            reason: '',
            copy: '看看这个',
            source: 'upstream_ai',
            score: 0.9,
          },
        ],
      }),
    );
    const res = service().recommendations(current.id);
    expect(res.recommendations.map((r) => r.id)).not.toContain('up-shoe');
    expect(res.dropped).toContainEqual({
      id: 'up-shoe',
      reason: expect.stringContaining('与客户正在看的「'),
      texts: [expect.objectContaining({ code: 'marketing.unrelated' })],
    });
  });
});
