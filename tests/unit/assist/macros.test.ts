import { describe, expect, it } from 'vitest';
import type { Order } from '../../../src/shared/domain';
import { fillMacro, fillMacros, focusOrder, loadMacros, parseMacros, variableValues } from '../../../src/main/core/assist/macros';
import { loadPolicy } from '../../../src/main/core/guard/policy';
import { textMessage, ticket } from '../../support/fixtures';

const policy = loadPolicy();
const order = (over: Partial<Order>): Order => ({
  id: 'O1',
  customerId: 'c',
  status: 'shipped',
  items: [{ productId: 'p-1001', title: '法式碎花雪纺连衣裙', qty: 1, price: 259 }],
  total: 259,
  createdAt: 1000,
  carrier: '中通快递',
  trackingNo: '75312345678901',
  ...over,
});

describe('macros', () => {
  it('ships a realistic, valid set', () => {
    const macros = loadMacros();
    expect(macros.length).toBeGreaterThanOrEqual(30);
    expect(new Set(macros.map((m) => m.category)).size).toBeGreaterThanOrEqual(5);
  });

  it('rejects unknown variables and duplicate ids with the path', () => {
    expect(() => parseMacros(JSON.stringify({ version: 1, macros: [{ id: 'a', title: 't', category: 'c', intents: [], keywords: [], text: '{nope}' }] }))).toThrow(/unknown variable \{nope\}/);
    const m = { id: 'a', title: 't', category: 'c', intents: [], keywords: [], text: 'x' };
    expect(() => parseMacros(JSON.stringify({ version: 1, macros: [m, m] }))).toThrow(/duplicate macro id/);
  });

  it('fills customer, order, carrier, tracking and policy variables from the ticket', () => {
    const t = ticket({ orders: [order({})] });
    const values = variableValues({ ticket: t, policy, agentName: '小美' });
    const macro = loadMacros().find((m) => m.id === 'track-shipped')!;
    const filled = fillMacro(macro, values, t.intent);
    expect(filled.missing).toEqual([]);
    expect(filled.text).toBe('小鹿买买买您好，您的订单O1已经由中通快递发出，运单号75312345678901，您可以在订单详情里查看实时物流，一般2-4天送达。');
    const ret = fillMacro(loadMacros().find((m) => m.id === 'return-how')!, values);
    expect(ret.text).toContain(`${policy.returnDays}天内支持无理由退货`);
  });

  it('keeps a visible placeholder and reports what is missing', () => {
    const t = ticket({ orders: [] });
    const filled = fillMacro(loadMacros().find((m) => m.id === 'track-shipped')!, variableValues({ ticket: t, policy }));
    expect(filled.missing).toEqual(['orderId', 'carrier', 'trackingNo']);
    expect(filled.text).toContain('【订单号】');
    expect(filled.text).toContain('【运单号】');
  });

  it('uses the order the customer named, else the newest', () => {
    const a = order({ id: 'O-OLD', createdAt: 1 });
    const b = order({ id: 'O-NEW', createdAt: 2 });
    const t1 = ticket({ orders: [a, b] });
    expect(focusOrder(t1)?.id).toBe('O-NEW');
    const t2 = ticket({ orders: [a, b] });
    t2.messages.push(textMessage(t2.id, '我问的是 O-OLD 这一单'));
    expect(focusOrder(t2)?.id).toBe('O-OLD');
  });

  it('a paid, unshipped order gets the merchant carrier; a coupon fills {coupon}', () => {
    const t = ticket({ orders: [order({ status: 'paid', carrier: undefined, trackingNo: undefined })] });
    const v = variableValues({ ticket: t, policy, coupon: { id: 'c', title: '店铺满减券', amount: 20, threshold: 199, expiresAt: 9 } });
    expect(v.carrier).toBe('中通快递');
    expect(v.trackingNo).toBeUndefined();
    expect(v.coupon).toBe('满199减20元券');
  });

  it('lists the macros for the ticket intent first', () => {
    const t = ticket({ intent: 'refund_progress', orders: [order({})] });
    const list = fillMacros(loadMacros(), { ticket: t, policy });
    expect(list[0]!.matchesIntent).toBe(true);
    expect(['refund-progress', 'refund-received']).toContain(list[0]!.id);
    expect(list.length).toBe(loadMacros().length);
  });
});
