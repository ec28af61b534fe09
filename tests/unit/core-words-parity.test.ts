// Issue 13 item 7: the suggestion engine and the marketing service send codes beside their Chinese;
// the renderer's Chinese words for those codes equal the core's sentence (so the Chinese screen reads
// as before), and the English has no Chinese outside what people or the shop's data wrote.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssistStore } from '../../src/main/core/assist/assist-store';
import { AssistEngine, type KnowledgeSearch } from '../../src/main/core/assist/engine';
import { loadMacros } from '../../src/main/core/assist/macros';
import { openDatabase, type Db } from '../../src/main/core/db/database';
import { loadPolicy } from '../../src/main/core/guard/policy';
import { Catalog } from '../../src/main/core/marketing/catalog';
import { MarketingService } from '../../src/main/core/marketing/marketing-service';
import { MarketingStore } from '../../src/main/core/marketing/marketing-store';
import { MarketingRulesFileSchema } from '../../src/main/core/marketing/rules';
import { TicketStore } from '../../src/main/core/tickets/ticket-store';
import { plain, suggestionReason, textsOr } from '../../src/renderer/i18n/core-words';
import type { CoreText } from '../../src/shared/core-texts';
import type { Message, Recommendation, Ticket } from '../../src/shared/domain';
import { textMessage, ticket } from '../support/fixtures';
import { CJK, en, loadWordings, ownWords, zh } from '../support/wording';

beforeAll(loadWordings);
const seen = new Set<string>();

/** Chinese equal to the core's; English free of Chinese outside quotes. */
function same(texts: CoreText[] | undefined, reason: string) {
  expect(texts?.length, reason).toBeGreaterThan(0);
  for (const t of texts!) seen.add(t.code);
  expect(plain(textsOr(texts, '', zh, 'zh-CN'))).toBe(reason);
  const words = textsOr(texts, '', en, 'en');
  expect(ownWords(words), plain(words)).not.toMatch(CJK);
}

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('marketing: why nothing now, why this offer, why one was left out', () => {
  const rules = MarketingRulesFileSchema.parse(
    JSON.parse(readFileSync('resources/assist/marketing-rules.json', 'utf8')),
  );
  const catalog = Catalog.load();
  const NOW = Date.parse('2026-11-24T10:00:00+08:00');
  const upstream = (over: Partial<Recommendation>): Recommendation => ({
    id: 'up',
    kind: 'product',
    reason: '客户浏览过同类商品',
    copy: '看看这个',
    source: 'upstream_ai',
    score: 0.9,
    ...over,
  });
  const check = (t: Ticket, file = rules) => {
    const service = new MarketingService({
      store: new MarketingStore(db),
      tickets: { get: () => t },
      catalog,
      rules: file,
      now: () => NOW,
      reply: (_id, body) => ({ id: 'm', ticketId: t.id, from: 'agent', at: NOW, ...body }) as Message,
    });
    const res = service.evaluate(t);
    if (res.suppressed) same(res.suppressedTexts, res.suppressed);
    for (const d of res.dropped) same(d.texts, d.reason);
    for (const r of res.recommendations) same(r.texts, r.reason);
    return res;
  };
  const presale = (text: string, over: Partial<Ticket> = {}, agentAnswer?: string) => {
    const t = ticket({
      intent: 'size_advice',
      sentiment: { label: 'neutral', score: 0.1 },
      orders: [],
      ...over,
    });
    t.messages = [
      textMessage(t.id, text),
      ...(agentAnswer ? [textMessage(t.id, agentAnswer, { from: 'agent' })] : []),
    ];
    return t;
  };

  it('every reason the service gives reads the same in Chinese, and in English without Chinese', () => {
    const shirt = catalog
      .products()
      .find((p) => p.category !== catalog.product('p-1001')!.category && p.stock > 0)!;
    check(presale('质量太差了', { intent: 'quality_complaint' }));
    // A shop that also holds marketing back on after-sale questions.
    const aftersale: typeof rules = {
      ...rules,
      suppress: { ...rules.suppress, intentCategories: ['complaint', 'aftersale'] },
    };
    check(presale('退货怎么弄', { intent: 'return_request' }), aftersale);
    check(presale('退款到哪了', { intent: 'refund_progress' }));
    check(presale('怎么还没到', { intent: 'shipping_time', sentiment: { label: 'negative', score: -0.6 } }));
    check(presale('这款大衣是什么面料的？洗了会缩水吗？', { intent: 'product_inquiry' }));
    check(presale('现在买有优惠券吗？', { intent: 'coupon_inquiry' }));
    check(presale('这款羊毛大衣还有S码吗', { intent: 'product_inquiry' }, '亲，S码暂时没有了'));
    const res = check(
      presale(
        '这条法式碎花雪纺连衣裙M码有货吗？我身高165',
        {
          recommendations: [
            upstream({
              id: 'up-oos',
              product: { id: 'p-2002', title: '男士缓震跑步鞋', category: '鞋靴', price: 459, stock: 20 },
            }),
            upstream({
              id: 'up-shirt',
              product: {
                id: shirt.id,
                title: shirt.title,
                category: shirt.category,
                price: shirt.price,
                stock: 20,
              },
            }),
            upstream({
              id: 'up-old',
              kind: 'coupon',
              coupon: {
                id: 'c-old',
                title: '店铺满199减20',
                amount: 20,
                threshold: 199,
                expiresAt: NOW - 1000,
              },
            }),
          ],
        },
        '亲，M码有现货的，适合您',
      ),
    );
    expect(res.dropped.length).toBe(3);
    const regular = ticket({
      intent: 'product_inquiry',
      sentiment: { label: 'neutral', score: 0.1 },
      customer: { ...ticket().customer, vipLevel: 5, orderCount: 6 },
    });
    regular.messages = [
      textMessage(regular.id, '你们有什么新款？'),
      textMessage(regular.id, '亲，新款在首页哦', { from: 'agent' }),
    ];
    check(regular);
    for (const code of [
      'marketing.complaint',
      'marketing.category',
      'marketing.intent',
      'marketing.negative',
      'marketing.wait',
      'marketing.answers',
      'marketing.rule_coupon',
      'marketing.out_of_stock',
      'marketing.coupon_expired',
      'marketing.unrelated',
    ])
      expect(seen, code).toContain(code);
  });
});

describe('suggestions: why each is offered', () => {
  const knowledge: KnowledgeSearch = {
    search: async () => ({
      hits: [
        {
          docId: 'kb-return',
          title: '七天无理由退货',
          snippet: '签收后7天内可申请无理由退货，商品需保持完好。',
          score: 0.8,
        },
      ],
      mode: 'keyword',
    }),
    getDoc: () => ({
      id: 'kb-return',
      title: '七天无理由退货',
      body: '签收后7天内可申请无理由退货，商品需保持完好。运费由买家承担。',
      tier: 'general',
      tags: [],
      version: 1,
      updatedAt: 0,
    }),
  } as unknown as KnowledgeSearch;

  it('the engine’s reasons read the same in Chinese, and in English without Chinese', async () => {
    const tickets = new TicketStore(db);
    const engine = new AssistEngine({
      store: new AssistStore(db),
      tickets,
      macros: loadMacros(),
      policy: loadPolicy(),
      knowledge: () => knowledge,
      agentName: () => '小美',
    });
    const cases: Ticket[] = [
      ticket({
        id: 'T1',
        intent: 'return_request',
        messages: [textMessage('T1', '衣服不喜欢，可以退货吗？运费谁出')],
        suggestions: [
          {
            id: 'up',
            text: '亲，签收7天内可申请无理由退货哦',
            source: 'upstream_ai',
            score: 0.9,
            reason: '意图匹配',
          },
        ],
      }),
      ticket({
        id: 'T2',
        intent: 'return_request',
        messages: [textMessage('T2', '退货'), textMessage('T2', '好的，谢谢')],
      }),
    ];
    let n = 0;
    for (const t of cases) {
      tickets.upsertTicket(t);
      for (const s of (await engine.suggest(t.id, 10)).suggestions) {
        n++;
        for (const x of s.texts ?? []) seen.add(x.code);
        expect(plain(suggestionReason(s, zh, 'zh-CN'))).toBe(s.reason);
        const words = suggestionReason(s, en, 'en');
        expect(ownWords(words), plain(words)).not.toMatch(CJK);
      }
    }
    expect(n).toBeGreaterThan(2);
    for (const code of [
      'suggest.upstream',
      'suggest.macro',
      'suggest.knowledge',
      'suggest.adoption',
      'suggest.closing',
      'suggest.prior',
    ])
      expect(seen, code).toContain(code);
  });
});
