// The ticket's facts and what contradicts them: one definition for suggestions, the guard and the AI check.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src/shared/domain';
import { factConflicts, ticketFacts } from '../../../src/shared/ticket-facts';
import { textMessage, ticket } from '../../support/fixtures';

const policy = { returnDays: 7, priceProtectDays: 15 };
const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 1);
const order = (status: Order['status'], daysAgo: number): Order => ({
  id: 'O-1',
  customerId: 'c',
  status,
  items: [{ productId: 'p', title: '雪纺连衣裙', qty: 1, price: 259 }],
  total: 259,
  createdAt: now - daysAgo * DAY,
});
const codes = (text: string, t: ReturnType<typeof ticket>) =>
  factConflicts(text, ticketFacts(t, policy, now), policy).map((c) => c.code);

describe('ticket facts', () => {
  it('a ticket escalated for being past the return window: "still within" is contradicted, with the reason', () => {
    const t = ticket({ escalationReason: '超出7天无理由期限，需人工判断', orders: [order('delivered', 12)] });
    const facts = ticketFacts(t, policy, now);
    expect(facts.returnWindow.state).toBe('past');
    const [c] = factConflicts('亲，您的订单仍在7天无理由退货期内，可直接在订单页申请退货。', facts, policy);
    expect(c).toMatchObject({ code: 'fact.return_window_within', severity: 'high' });
    expect(c!.reason).toContain('超出7天无理由期限');
    expect(codes('我们可以为您办理退货。', t)).toEqual(['fact.return_after_window']);
    expect(codes('您在订单详情页点击“申请售后”，选择退货退款并填写寄回运单号即可。', t)).toEqual([
      'fact.return_after_window',
    ]);
    // A quality problem may be returned whatever the window; a policy statement is not a promise.
    expect(codes('如果是质量问题，我们可以为您办理退货。', t)).toEqual([]);
    expect(codes('签收超过7天不支持无理由退货。', t)).toEqual([]);
    expect(codes('亲，商品签收7天内可申请无理由退货哦～', t)).toEqual([]);
  });

  it('the customer counting the days, and the order date, decide the window when the reason is silent', () => {
    const day8 = ticket({
      messages: [textMessage('x', '已经第8天了，能不能通融一下')],
      orders: [order('delivered', 12)],
    });
    expect(ticketFacts(day8, policy, now).returnWindow.state).toBe('past');
    const fresh = ticket({ messages: [textMessage('x', '不喜欢想退')], orders: [order('delivered', 3)] });
    expect(ticketFacts(fresh, policy, now).returnWindow.state).toBe('within');
    expect(codes('您的订单已超过7天无理由退货期。', fresh)).toEqual(['fact.return_window_past']);
    // Neither said nor derivable: "仍在期内" is not disproved, but must be checked first (low: informs).
    const unknown = ticket({ messages: [textMessage('x', '不喜欢想退')], orders: [order('completed', 12)] });
    const [c] = factConflicts('您的订单仍在7天无理由退货期内。', ticketFacts(unknown, policy, now), policy);
    expect(c).toMatchObject({ code: 'fact.return_window_within', severity: 'low' });
    expect(c!.reason).toContain('下单已 12 天');
  });

  it('photos already sent, an address never changed, an unshipped order', () => {
    const t = ticket({
      orders: [order('paid', 1)],
      messages: [
        textMessage('x', '外箱压坏了'),
        {
          id: 'i1',
          ticketId: 'x',
          from: 'customer',
          at: now,
          kind: 'image',
          url: 'data:,',
          caption: '外箱破损',
        },
      ],
    });
    expect(codes('麻烦您拍一下破损处的照片发给我。', t)).toEqual(['fact.photos_already_sent']);
    expect(codes('看到您发的照片了，非常抱歉。', t)).toEqual([]);
    expect(codes('已为您修改收货信息，请在订单详情确认。', t)).toEqual(['fact.address_not_changed']);
    expect(codes('您的订单已经由中通发出。', t)).toEqual(['fact.not_shipped']);
    expect(codes('订单还未出库，我马上帮您修改。', t)).toEqual([]);
  });

  it('an address the AI did change, and a reshipment already promised', () => {
    const t = ticket({
      orders: [order('shipped', 2)],
      messages: [
        textMessage('x', '地址写错了'),
        textMessage('x', '亲，已为您修改收货地址，并为您补发一件～', { from: 'bot' }),
      ],
    });
    expect(codes('地址已修改好了。', t)).toEqual([]);
    expect(codes('抱歉，这边无法为您补发。', t)).toEqual(['fact.reshipment_denied']);
    expect(codes('订单还没发货。', t)).toEqual(['fact.already_shipped']);
  });

  it('order status and escalation reason disagreeing on shipping: either claim needs checking first', () => {
    const t = ticket({ escalationReason: '订单已出库，需要拦截', orders: [order('paid', 1)] });
    expect(ticketFacts(t, policy, now).shipState).toBe('disputed');
    expect(
      factConflicts('订单还没有发货，我已为您提交取消。', ticketFacts(t, policy, now), policy)[0],
    ).toMatchObject({
      code: 'fact.already_shipped',
      severity: 'low',
    });
  });

  it('price protection is judged from the order date; a refund in progress has not arrived', () => {
    const old = ticket({ orders: [order('completed', 20)] });
    expect(codes('亲，您的订单在价保期内，我为您申请差价补偿。', old)).toEqual(['fact.price_protect_within']);
    const refunding = ticket({ orders: [order('refunding', 5)] });
    expect(codes('退款已原路退回，请查看银行卡流水。', refunding)).toEqual(['fact.refund_not_done']);
    expect(codes('退款预计1-3个工作日原路退回。', refunding)).toEqual([]);
  });
});
