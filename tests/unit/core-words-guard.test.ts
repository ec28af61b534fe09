// Issue 13 item 7: the pre-send guard and the AI-promise check send codes beside their Chinese; the
// renderer's Chinese words equal the core's sentence on every warning the guard gives on a spread of
// drafts and tickets (so the Chinese screen reads as before), and the English has no Chinese outside
// quotes. Every guard and fact code is reached.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { aiPromises } from '../../src/main/core/guard/ai-promises';
import { checkDraft, type GuardInput } from '../../src/main/core/guard/guard';
import { loadPolicy } from '../../src/main/core/guard/policy';
import { coreWords, plain } from '../../src/renderer/i18n/core-words';
import { ConflictRulesFileSchema } from '../../src/shared/conflict-rules';
import { CORE_TEXT_CODES, FACT_TEXT_CODES } from '../../src/shared/core-texts';
import type { Message, Order, Ticket } from '../../src/shared/domain';
import { textMessage, ticket } from '../support/fixtures';
import { CJK, en, loadWordings, ownWords, zh } from '../support/wording';

beforeAll(loadWordings);

const policy = loadPolicy();
const rules = ConflictRulesFileSchema.parse(
  JSON.parse(readFileSync('resources/hub/conflict-rules.json', 'utf8')),
);
const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
const order = (status: Order['status'], daysAgo: number, over: Partial<Order> = {}): Order => ({
  id: 'O-1',
  customerId: 'c',
  status,
  items: [{ productId: 'p', title: '雪纺连衣裙', qty: 1, price: 259 }],
  total: 259,
  createdAt: NOW - daysAgo * DAY,
  carrier: '中通快递',
  ...over,
});
const image = (id: string, caption?: string): Message =>
  ({
    id,
    ticketId: 'T',
    from: 'customer',
    at: NOW,
    kind: 'image',
    url: 'https://x/y.png',
    width: 1,
    height: 1,
    ...(caption ? { caption } : {}),
  }) as Message;
const TICKETS: Ticket[] = [
  ticket({
    id: 'T',
    escalationReason: '超出7天无理由期限，需人工判断',
    escalationCode: 'outside_return_window',
    orders: [order('delivered', 12)],
  }),
  ticket({
    id: 'T',
    escalationReason: '客户要求补发',
    orders: [order('delivered', 3)],
    messages: [textMessage('T', '收到十天了'), image('i1', '破损处'), image('i2')],
  }),
  ticket({ id: 'T', orders: [order('delivered', 3)], messages: [textMessage('T', '衣服不喜欢')] }),
  ticket({
    id: 'T',
    orders: [order('shipped', 20)],
    messages: [textMessage('T', '我们会为您补发一件', { from: 'agent' })],
  }),
  ticket({ id: 'T', orders: [], messages: [] }),
  ticket({ id: 'T', orders: [order('paid', 1)], escalationReason: '订单已出库，需要拦截' }),
  ticket({ id: 'T', orders: [order('paid', 1)] }),
  ticket({ id: 'T', orders: [order('refunding', 5)] }),
  ticket({
    id: 'T',
    intent: 'quality_complaint',
    sentiment: { label: 'negative', score: -0.7 },
    orders: [order('delivered', 3)],
  }),
];
const DRAFTS = [
  '亲，我们支持30天无理由退货哦',
  '这款支持30天换货',
  '支持30天价保',
  '可以给您发顺丰，明天就到',
  '给您退款300元',
  '给您补偿80元作为歉意',
  '送您一张50元优惠券',
  '这次给您打八折',
  '退款24小时内到账',
  '今天就给您发货',
  '满50包邮哦',
  '我们保证明天一定送到',
  '放心，明天就能到',
  '假一赔十，放心购买',
  '改派一定能成功的',
  '我保证给您解决',
  '亲，您的订单仍在7天无理由退货期内，可直接申请退货',
  '您的订单已经超过无理由退货期了',
  '我们可以为您办理退货',
  '您还在价保期内',
  '麻烦您提供一下照片',
  '看到您发的照片了',
  '已为您修改收货信息',
  '您的订单已经发货了',
  '您的订单还没有发货',
  '退款已经到账了',
  '抱歉，无法为您补发',
  '给您发一张10元优惠券补偿一下',
];
const input = (t: Ticket, draft: string, role: GuardInput['agent']['role'] = 'agent'): GuardInput => ({
  ticket: t,
  draft,
  agent: { id: 'a1', name: '小美', role },
  now: NOW,
});

describe('the Chinese words equal what the core writes', () => {
  it('every pre-send guard warning on every draft and ticket', () => {
    const seen = new Set<string>();
    for (const t of TICKETS)
      for (const draft of DRAFTS)
        for (const w of checkDraft(input(t, draft), policy, rules)) {
          seen.add(w.text.code === 'guard.fact' ? w.text.params.fact.code : w.text.code);
          expect(plain(coreWords(w.text, zh, 'zh-CN')), draft).toBe(w.reason);
          expect(ownWords(coreWords(w.text, en, 'en')), draft).not.toMatch(CJK);
        }
    const guardCodes = CORE_TEXT_CODES.filter((c) => c.startsWith('guard.') && c !== 'guard.fact');
    expect([...seen].sort()).toEqual([...guardCodes, ...FACT_TEXT_CODES].sort());
  });

  it('what the AI promised: the bot’s words and the AI agents’ actions', () => {
    const t = ticket({
      id: 'T',
      orders: [order('paid', 1)],
      messages: [
        textMessage('T', '亲，我们支持30天无理由退货哦', { from: 'bot' }),
        textMessage('T', '我们保证明天一定送到', { from: 'bot' }),
      ],
      aiActions: [
        {
          id: 'p15',
          ticketId: 'T',
          actor: { kind: 'ai', id: 'ai-aftersale', name: '售后Agent' },
          type: 'promise',
          params: { returnDays: 15 },
          summary: '承诺15天内可退',
          at: NOW,
        },
        {
          id: 'ok',
          ticketId: 'T',
          actor: { kind: 'ai', id: 'ai-aftersale', name: '售后Agent' },
          type: 'return_approve',
          params: { orderId: 'O-1' },
          summary: '同意退货退款',
          at: NOW,
        },
        {
          id: 'no',
          ticketId: 'T',
          actor: { kind: 'ai', id: 'ai-risk', name: '风控Agent' },
          type: 'return_deny',
          params: { orderId: 'O-1' },
          summary: '拒绝退货',
          at: NOW,
        },
      ],
    });
    const warned = aiPromises(t, policy, rules, { now: NOW }).filter((p) => p.warning);
    expect(warned.length).toBeGreaterThanOrEqual(4);
    for (const p of warned) {
      expect(plain(coreWords(p.warning!.text, zh, 'zh-CN'))).toBe(p.warning!.reason);
      const words = coreWords(p.warning!.text, en, 'en');
      expect(ownWords(words), plain(words)).not.toMatch(CJK);
    }
    const promise15 = warned.find((p) => p.messageId === 'p15')!;
    expect(plain(coreWords(promise15.warning!.text, en, 'en'))).toBe(
      'Promise beyond the return policy: 售后Agent promised returns within 15 days; the platform policy allows 7 days.',
    );
  });
});
