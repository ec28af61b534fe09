import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConflictRulesFileSchema } from '../../../src/shared/conflict-rules';
import type { Order, TicketAction } from '../../../src/shared/domain';
import { parseDraft } from '../../../src/main/core/guard/draft-parser';
import { checkDraft, type GuardInput } from '../../../src/main/core/guard/guard';
import { durationDays, parseNumber } from '../../../src/main/core/guard/numerals';
import { loadPolicy } from '../../../src/main/core/guard/policy';

const policy = loadPolicy();
const rules = ConflictRulesFileSchema.parse(JSON.parse(readFileSync('resources/hub/conflict-rules.json', 'utf8')));
const order: Order = {
  id: 'O20261101001',
  customerId: 'c1',
  status: 'delivered',
  items: [{ productId: 'p-1001', title: '法式碎花雪纺连衣裙', qty: 1, price: 259 }],
  total: 259,
  createdAt: 0,
  carrier: '中通快递',
  trackingNo: '78123456789012',
};

function input(draft: string, over: Partial<GuardInput['ticket']> = {}, role: GuardInput['agent']['role'] = 'agent'): GuardInput {
  return {
    ticket: { id: 't1', intent: 'return_request', sentiment: { label: 'neutral', score: 0 }, orders: [order], aiActions: [], ...over },
    draft,
    agent: { id: 'a1', name: '小美', role },
    now: 1,
  };
}
const codes = (draft: string, over: Partial<GuardInput['ticket']> = {}, role: GuardInput['agent']['role'] = 'agent') =>
  checkDraft(input(draft, over, role), policy, rules).map((w) => w.code);

describe('Chinese numerals and durations', () => {
  it.each([
    ['三十', 30],
    ['十五', 15],
    ['两', 2],
    ['一百二十', 120],
    ['３０', 30],
    ['2.5', 2.5],
    ['一千零五', 1005],
  ])('%s = %d', (text, n) => expect(parseNumber(text)).toBe(n));

  it('turns months, weeks and halves into days', () => {
    expect(durationDays('一', undefined, '个月')).toBe(30);
    expect(durationDays('两', undefined, '周')).toBe(14);
    expect(durationDays(undefined, '半', '个月')).toBe(15);
    expect(durationDays('1', undefined, '年')).toBe(365);
  });
});

describe('pre-send guard: return window', () => {
  it.each([
    '亲，我们支持30天无理由退货哦',
    '签收后三十天内都可以退货',
    '放心，一个月内可以退换',
    '这款支持15天无理由退换货',
    '两周内包退的，您放心',
    '半个月内都能退',
    '本店３０天无理由退货',
  ])('flags "%s"', (draft) => {
    const w = checkDraft(input(draft), policy, rules);
    expect(w.map((x) => x.code)).toContain('policy.return_days');
    expect(w.find((x) => x.code === 'policy.return_days')!.reason).toContain('7 天');
  });

  it.each([
    '签收后7天内支持无理由退货',
    '我们支持七天无理由退货哦',
    '已经超过30天了，不能退货哦',
    '很抱歉，超出7天无理由退货期限了',
    '退货申请审核一般需要3天',
  ])('stays quiet on "%s"', (draft) => {
    expect(codes(draft).filter((c) => c.includes('return'))).toEqual([]);
  });
});

describe('pre-send guard: carriers, amounts, discounts, times', () => {
  it('flags a carrier the merchant does not ship with, but not the one it does', () => {
    expect(codes('可以给您发顺丰，明天就到')).toContain('policy.carrier');
    expect(codes('我们这边安排京东快递给您寄')).toContain('policy.carrier');
    expect(codes('默认发中通快递，两三天到')).not.toContain('policy.carrier');
    expect(codes('抱歉，我们不能发顺丰哦')).not.toContain('policy.carrier');
  });

  it('accepts naming the carrier the order actually went with', () => {
    const sf = { ...order, carrier: '顺丰速运' };
    expect(codes('您的包裹顺丰已经在派送了', { orders: [sf] })).not.toContain('policy.carrier');
  });

  it('flags a refund above the order total only', () => {
    expect(codes('给您退款300元')).toContain('policy.refund_amount');
    expect(codes('已为您退款二百五十九元')).not.toContain('policy.refund_amount');
    expect(codes('退还您¥100')).not.toContain('policy.refund_amount');
  });

  it('checks compensation against the role limit', () => {
    expect(codes('给您补偿80元作为歉意')).toContain('policy.compensation');
    expect(codes('给您补偿八十块', {}, 'lead')).not.toContain('policy.compensation');
    expect(codes('补偿您20元红包')).toEqual([]);
  });

  it('reads 折 in every spelling and checks it against the role', () => {
    expect(codes('这次给您打八折')).toContain('policy.discount_fold');
    expect(codes('可以给您7.5折')).toContain('policy.discount_fold');
    expect(codes('给您七五折优惠')).toContain('policy.discount_fold');
    expect(codes('给您打九五折')).toEqual([]);
    expect(codes('这款可以折叠收纳')).toEqual([]);
    // a decimal point is not the end of a clause: 9.5折 is not 5折
    expect(codes('会员日为每月18日，当天全场会员享额外9.5折。')).toEqual([]);
  });

  it('flags promises faster than the policy can keep', () => {
    expect(codes('退款24小时内到账')).toContain('policy.refund_hours');
    expect(codes('退款当天就能到账')).toContain('policy.refund_hours');
    expect(codes('退款72小时内原路返回')).toEqual([]);
    expect(codes('今天就给您发货', { intent: 'shipping_time' })).toContain('policy.ship_hours');
  });

  it('flags a free-shipping threshold below the shop’s and long price protection', () => {
    expect(codes('满50包邮哦')).toContain('policy.free_shipping_threshold');
    expect(codes('满99元包邮')).toEqual([]);
    expect(codes('支持30天价保')).toContain('policy.price_protect_days');
    expect(codes('支持15天价格保护')).toEqual([]);
  });

  it('checks coupon amounts against the role', () => {
    expect(codes('送您一张50元优惠券', { intent: 'coupon_inquiry' })).toContain('policy.coupon');
    expect(codes('送您一张满199减20的券', { intent: 'coupon_inquiry' })).toEqual([]);
  });
});

describe('pre-send guard: conflict rules (same rules as the hub)', () => {
  it('flags offering a coupon while the customer complains', () => {
    const w = checkDraft(input('给您发一张10元优惠券补偿一下', { intent: 'quality_complaint', sentiment: { label: 'negative', score: -0.7 } }), policy, rules);
    const hit = w.find((x) => x.code === 'conflict.coupon-during-complaint');
    expect(hit?.reason).toContain('投诉');
  });

  it('flags a draft that approves a refund the AI denied', () => {
    const denied: TicketAction = {
      id: 'ai-1',
      ticketId: 't1',
      actor: { kind: 'ai', id: 'aftersale-agent', name: '售后智能体' },
      type: 'refund_deny',
      params: {},
      summary: '超过退款期限，拒绝退款',
      at: 0,
    };
    expect(codes('好的，已经为您办理全额退款', { aiActions: [denied] })).toContain('conflict.refund-approve-vs-deny');
    expect(codes('您好，退款进度可以在订单详情查看', { aiActions: [denied] })).toEqual([]);
  });

  it('does not report a limit twice when the merchant policy already flagged it', () => {
    const w = codes('承诺您30天无理由退货');
    expect(w.filter((c) => c === 'policy.return_days')).toHaveLength(1);
    expect(w).not.toContain('conflict.promise-return-days');
  });

  it('points at the offending part of the draft', () => {
    const draft = '您好！我们支持30天无理由退货。';
    const [w] = checkDraft(input(draft), policy, rules);
    expect(draft.slice(w!.start, w!.end)).toBe('30天');
  });
});

describe('harmless drafts raise nothing', () => {
  it.each([
    '您好，请问有什么可以帮您？',
    '您的订单已经由中通快递发出，运单号78123456789012，请耐心等待',
    '非常抱歉给您带来不便，我马上帮您核实',
    '签收后7天内可以申请退货，运费险会补贴运费',
    '亲，退款申请已提交，预计72小时内原路退回',
    '这件衣服是纯棉的，可以机洗',
    '好的，稍等我查一下',
  ])('%s', (draft) => {
    expect(codes(draft)).toEqual([]);
  });

  it('parses nothing from plain chit-chat', () => {
    expect(parseDraft('谢谢您的耐心，祝您生活愉快')).toEqual([]);
  });
});
