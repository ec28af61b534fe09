import { describe, expect, it } from 'vitest';
import type { Order, Ticket } from '../../../src/shared/domain';
import { contradictions, ticketFacts, type TicketFacts } from '../../../src/main/core/assist/contradictions';
import { textMessage, ticket } from '../../support/fixtures';

const NOW = Date.UTC(2026, 10, 1, 9);
const policy = { returnDays: 7 };
const order = (over: Partial<Order> = {}): Order => ({
  id: 'O-1',
  customerId: 'c',
  status: 'delivered',
  items: [{ productId: 'p-1', title: '纯棉T恤', qty: 1, price: 99 }],
  total: 99,
  createdAt: NOW - 12 * 86_400_000,
  carrier: '中通快递',
  trackingNo: '75300000000001',
  ...over,
});
const facts = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  returnWindow: 'unknown',
  addressChanged: false,
  photosSent: false,
  carriers: ['中通快递'],
  shipped: 'yes',
  ...over,
});
const kinds = (text: string, f: TicketFacts) => contradictions(text, f).map((c) => c.kind);

describe('ticket facts', () => {
  it('reads a passed return window from the escalation reason, and photos from the customer', () => {
    const t: Ticket = ticket({ intent: 'return_request', orders: [order()], escalationReason: '超出7天无理由期限，需人工判断' });
    t.messages = [
      textMessage(t.id, '衣服不想要了'),
      { id: 'img', ticketId: t.id, from: 'customer', at: NOW - 1000, kind: 'image', url: 'data:,', width: 1, height: 1 } as Ticket['messages'][number],
    ];
    const f = ticketFacts(t, policy, NOW);
    expect(f).toMatchObject({ returnWindow: 'past', photosSent: true, addressChanged: false, shipped: 'yes', carriers: ['中通快递'] });
  });

  it("takes the carrier from the main order only: an earlier order's carrier, or the shop's default before shipping, is no claim", () => {
    const earlier = order({ id: 'O-0', status: 'completed', carrier: '圆通速递', createdAt: NOW - 90 * 86_400_000 });
    const unshipped = order({ status: 'paid', carrier: undefined, trackingNo: undefined });
    const f = ticketFacts(ticket({ orders: [unshipped, earlier] }), policy, NOW);
    expect(f.carriers).toEqual([]);
    expect(kinds('现货商品付款后48小时内发货，默认发中通快递。', f)).toEqual([]);
    expect(ticketFacts(ticket({ orders: [order(), earlier] }), policy, NOW).carriers).toEqual(['中通快递']);
  });

  it('knows a bot nudge about self-service is not an address change, but an agent saying it is', () => {
    const t = ticket({ intent: 'address_change', orders: [order({ status: 'paid', carrier: undefined, trackingNo: undefined })] });
    t.messages = [textMessage(t.id, '地址写错了', {}), textMessage(t.id, '亲，订单发货前可在订单详情页自助修改地址哦～', { from: 'bot' })];
    expect(ticketFacts(t, policy, NOW)).toMatchObject({ addressChanged: false, shipped: 'no', carriers: [] });
    t.messages.push(textMessage(t.id, '已为您修改收货地址，请核对', { from: 'agent' }));
    expect(ticketFacts(t, policy, NOW).addressChanged).toBe(true);
  });

  it('decides the window from a delivery date when the order carries one', () => {
    const signed = (days: number) => ({ ...order(), signedAt: NOW - days * 86_400_000 }) as Order;
    expect(ticketFacts(ticket({ orders: [signed(9)] }), policy, NOW).returnWindow).toBe('past');
    expect(ticketFacts(ticket({ orders: [signed(3)] }), policy, NOW).returnWindow).toBe('open');
    expect(ticketFacts(ticket({ orders: [order()] }), policy, NOW).returnWindow).toBe('unknown');
  });
});

describe('contradictions', () => {
  it('flags "still within the window" only when the window has passed', () => {
    const claim = '亲，您的订单仍在7天无理由退货期内，可直接在订单页申请退货。';
    expect(kinds(claim, facts({ returnWindow: 'past' }))).toEqual(['return_window']);
    expect(kinds(claim, facts({ returnWindow: 'open' }))).toEqual([]);
    expect(kinds(claim, facts())).toEqual([]);
    // A rule for goods in general is not a claim about this order.
    expect(kinds('定制类商品不适用七天无理由退货。', facts({ returnWindow: 'past' }))).toEqual([]);
  });

  it('flags an address change nobody made, and photos the customer already sent', () => {
    expect(kinds('已为您修改收货信息，请在订单详情确认。', facts())).toEqual(['address_changed']);
    expect(kinds('已为您修改收货信息，请在订单详情确认。', facts({ addressChanged: true }))).toEqual([]);
    expect(kinds('麻烦您提供一下商品问题照片，我们马上处理。', facts({ photosSent: true }))).toEqual(['photos_requested']);
    expect(kinds('麻烦您提供一下商品问题照片，我们马上处理。', facts())).toEqual([]);
  });

  it('flags one named carrier that is not the order\'s, not a list of carriers', () => {
    expect(kinds('您的包裹由顺丰配送，请留意电话。', facts())).toEqual(['wrong_carrier']);
    expect(kinds('您的包裹由中通配送，请留意电话。', facts())).toEqual([]);
    expect(kinds('顺丰、京东物流支持在线改派。', facts())).toEqual([]);
    expect(kinds('您的包裹由顺丰配送。', facts({ carriers: [] }))).toEqual([]);
  });

  it('flags shipped vs not shipped against the order, not rule headings', () => {
    expect(kinds('您的订单已经发货了，请耐心等待。', facts({ shipped: 'no' }))).toEqual(['not_shipped']);
    expect(kinds('您的订单还未发货，我们尽快安排。', facts({ shipped: 'yes' }))).toEqual(['not_shipped']);
    expect(kinds('已发货：需联系快递公司改派。', facts({ shipped: 'no' }))).toEqual([]);
    expect(kinds('1. 未发货订单，买家申请取消；', facts({ shipped: 'yes' }))).toEqual([]);
    expect(kinds('已出库/已发货：无法直接取消，可联系快递拦截。', facts({ shipped: 'no' }))).toEqual([]);
  });
});
