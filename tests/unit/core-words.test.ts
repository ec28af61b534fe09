// Issue 13 item 7: texts the workstation core produces reach the screen as codes with params, worded
// per language by the renderer. Every code has Chinese and English words with its params filled; the
// English has no Chinese outside what people or the shop's data wrote. That the Chinese is, word for
// word, what the core has always written is checked on the core's own output (core-words-guard and
// core-words-parity), so nothing regresses.
import { beforeAll, describe, expect, it } from 'vitest';
import { coreWords, plain, suggestionReason } from '../../src/renderer/i18n/core-words';
import {
  CORE_TEXT_CODES,
  CoreTextSchema,
  FACT_TEXT_CODES,
  type CoreText,
  type CoreTextCode,
  type Evidence,
  type FactText,
} from '../../src/shared/core-texts';
import { CJK, en, loadWordings, ownWords, zh } from '../support/wording';

beforeAll(loadWordings);

const EVIDENCE: Evidence[] = [
  { kind: 'escalation', reason: '超出7天无理由期限，需人工判断', reasonCode: 'outside_return_window' },
  { kind: 'escalation', reason: '订单已出库，需要拦截' },
  { kind: 'customer_said', quote: '已经第8天了' },
  { kind: 'ordered_days_ago', days: 3 },
  { kind: 'no_delivery_date', days: 12 },
  { kind: 'no_order' },
];
const FACTS: { [C in FactText['code']]: Extract<FactText, { code: C }>['params'][] } = {
  'fact.return_window_within': EVIDENCE.flatMap((evidence) =>
    (['past', 'unknown'] as const).map((state) => ({ state, policy: 7, evidence })),
  ),
  'fact.return_window_past': EVIDENCE.flatMap((evidence) =>
    (['within', 'unknown'] as const).map((state) => ({ state, policy: 7, evidence })),
  ),
  'fact.return_after_window': EVIDENCE.map((evidence) => ({ policy: 7, evidence })),
  'fact.price_protect_within': [{ days: 20, policy: 15 }],
  'fact.photos_already_sent': [{ captions: ['破损处', ''] }, { captions: [{ said: '照片发你了' }] }],
  'fact.photos_not_sent': [{}],
  'fact.address_not_changed': [{}],
  'fact.not_shipped': [{ status: 'paid' }],
  'fact.already_shipped': [{ status: 'shipped' }],
  'fact.ship_disputed': [{ status: 'paid', evidence: EVIDENCE[1]! }],
  'fact.refund_not_done': [{}],
  'fact.reshipment_denied': [{ quote: '我们会为您补发一件' }],
};
const facts = (Object.entries(FACTS) as [FactText['code'], FactText['params'][]][]).flatMap(([code, ps]) =>
  ps.map((params) => ({ code, params }) as FactText),
);
const conflict = {
  ruleId: 'promise-return-days',
  title: '承诺超出退货政策',
  explanation: '售后Agent 承诺 15 天退货，平台政策为 7 天无理由退货。',
  value: '15',
  limit: '7',
  a: { id: 'ai-aftersale', name: '售后Agent' },
  b: { id: 'policy', name: '平台政策' },
};
const localized = (zh: string, en: string) => ({ zh, en });
/** At least one example of every code, with every variant of its params that words differently. */
const SAMPLES: { [C in CoreTextCode]: Extract<CoreText, { code: C }>['params'][] } = {
  'guard.return_days': [
    { subject: 'draft', days: 30, policy: 7 },
    { subject: 'ai', days: 15, policy: 7 },
  ],
  'guard.exchange_days': [{ subject: 'draft', days: 30, policy: 15 }],
  'guard.price_protect_days': [{ subject: 'ai', days: 30, policy: 15 }],
  'guard.carrier': [{ subject: 'draft', carriers: ['中通快递', '韵达快递'], named: '顺丰' }],
  'guard.refund_amount': [{ amount: 300, cap: 259 }],
  'guard.compensation': [{ amount: 80, role: 'agent', max: 50 }],
  'guard.coupon': [{ amount: 50, role: 'lead', max: 30 }],
  'guard.discount_fold': [{ fold: 7.5, role: 'agent', min: 9 }],
  'guard.refund_hours': [{ subject: 'draft', hours: 24, policy: 72 }],
  'guard.ship_hours': [{ subject: 'ai', hours: 2, policy: 48 }],
  'guard.free_shipping_threshold': [{ subject: 'draft', amount: 50, policy: 99 }],
  'guard.promise': [
    {
      ruleId: 'x',
      title: localized('承诺倍数赔付', 'Promises a multiple as compensation'),
      reason: localized('不得承诺', 'Do not promise it'),
      source: { title: localized('正品保障', 'Authenticity'), quote: localized('禁止', 'Forbidden') },
    },
    {
      ruleId: 'y',
      title: localized('保证性用语', 'Guarantee language'),
      reason: localized('不要说', 'Do not say it'),
    },
  ],
  'guard.fact': facts.flatMap((fact) => [
    { subject: 'draft' as const, fact },
    { subject: 'ai' as const, fact },
  ]),
  'guard.conflict': [
    conflict,
    { ...conflict, subject: 'draft', a: { self: true, id: 'a1', name: '小美' } },
    { ...conflict, ruleId: 'refund-approve-vs-deny', b: { id: 'ai-risk', name: '风控Agent' } },
  ],
  'suggest.upstream': [{ score: 0.92, note: '意图匹配' }, { score: 0.5 }],
  'suggest.macro': [
    { title: '退货流程', fitsIntent: true, keywords: ['退货', '运费'] },
    { title: '感谢', fitsIntent: false, keywords: ['谢谢'] },
  ],
  'suggest.history': [{ similarity: 0.81, uses: 3 }],
  'suggest.knowledge': [
    { title: '七天无理由退货', by: 'embedding', relevance: 0.73 },
    { title: '七天无理由退货', by: 'overlap', relevance: 0.2 },
    { title: '七天无理由退货', by: 'chunk', relevance: 0 },
  ],
  'suggest.also_from': [{ source: 'macro' }],
  'suggest.adoption': [{ rate: 0.4 }],
  'suggest.closing': [{ quote: '好的，谢谢' }],
  'suggest.holding': [{ title: '稍等查询' }],
  'suggest.shared_words': [{ words: ['退货', '运费险'] }],
  'suggest.semantic': [{ value: 0.612 }],
  'suggest.prior': [{ value: 0.9 }],
  'suggest.unrelated': [{}],
  'suggest.llm_grounded': [{ docs: ['七天无理由退货', '运费险'] }],
  'suggest.llm_ungrounded': [{}],
  'suggest.llm_redacted': [{ count: 2 }],
  'suggest.llm_caution': [
    { warning: { code: 'guard.return_days', params: { subject: 'draft', days: 30, policy: 7 } } },
  ],
  'marketing.complaint': [{ intent: 'quality_complaint' }],
  'marketing.category': [{ category: 'aftersale', intent: 'return_request' }],
  'marketing.intent': [{ intent: 'refund_progress' }],
  'marketing.negative': [{ score: -0.45 }],
  'marketing.wait': [{ question: '这款大衣是什么面料的？' }],
  'marketing.answers': [{ question: '有优惠券吗', keyword: '券' }],
  'marketing.rule_coupon': [
    { rule: localized('咨询未下单 → 发券促转化', 'Asked but not ordered → a coupon'), vip: 3, orders: 5 },
  ],
  'marketing.rule_focus': [
    {
      rule: localized('所问商品缺货 → 推荐同类有货', ''),
      focus: '法式碎花雪纺连衣裙',
      focusStock: 0,
      product: '真丝连衣裙',
      stock: 12,
    },
  ],
  'marketing.rule_history': [
    { rule: localized('老客常购品类', 'Often-bought category'), category: '女装', product: '风衣', stock: 8 },
  ],
  'marketing.upstream': [{ text: '客户浏览过同类商品' }],
  'marketing.also_local': [{}],
  'marketing.out_of_stock': [{ product: '男士缓震跑步鞋' }],
  'marketing.coupon_expired': [{ coupon: '店铺满199减20' }],
  'marketing.unrelated': [{ product: '男士衬衫', category: '男装', focus: '连衣裙', focusCategory: '女装' }],
  'import.missing_title': [{}],
  'import.missing_body': [{}],
  'import.invalid_field': [{ field: 'title', detail: 'Too big: expected string to have <=200 characters' }],
  'import.not_object': [{}],
  'import.invalid_json': [{ detail: 'Unexpected token } in JSON at position 7' }],
  'import.not_a_list': [{}],
  'import.no_heading': [{}],
  'import.too_many_rows': [{ rows: 60000, max: 50000 }],
  'import.header_missing': [
    { missing: 'title', found: ['编号', 'answer'] },
    { missing: 'body', found: [] },
  ],
  'import.bad_row': [{ detail: 'Quoted field unterminated' }],
  'import.bad_file': [{ detail: 'not a readable .xlsx workbook (no zip directory found)' }],
  'import.id_collision': [{ id: 'kb-return' }],
  'refusal.ticket_not_here': [{}],
  'refusal.ticket_closed': [{}],
  'refusal.sign_in_first': [{}],
  'refusal.lead_only': [{}],
  'refusal.offline': [{ needs: 'earlier_messages' }, { needs: 'team_tickets' }],
  'refusal.conflict_settled': [{}],
  'refusal.reassign_waiting': [{}],
  'refusal.upload_gone': [{}],
  'refusal.kb_unavailable': [{}],
  'session.unsynced': [
    { pending: 0, conflicts: 0, drafts: 1 },
    { pending: 3, conflicts: 1, drafts: 2 },
  ],
};
const samples = (Object.entries(SAMPLES) as [CoreTextCode, CoreText['params'][]][]).flatMap(([code, ps]) =>
  ps.map((params) => ({ code, params }) as CoreText),
);

describe('every code has words in both languages', () => {
  it('the samples cover every code and every fact, and are valid by the contract', () => {
    expect(new Set(samples.map((s) => s.code))).toEqual(new Set(CORE_TEXT_CODES));
    expect(new Set(facts.map((f) => f.code))).toEqual(new Set(FACT_TEXT_CODES));
    for (const s of samples) expect(CoreTextSchema.safeParse(s).success, JSON.stringify(s)).toBe(true);
  });

  it.each(samples.map((s) => [`${s.code} ${JSON.stringify(s.params).slice(0, 80)}`, s] as const))(
    '%s',
    (_, text) => {
      const inZh = plain(coreWords(text, zh, 'zh-CN'));
      const inEn = coreWords(text, en, 'en');
      for (const words of [inZh, plain(inEn)]) {
        expect(words.length).toBeGreaterThan(1);
        expect(words).not.toContain('\u0001');
        expect(words).not.toMatch(/\{\{|guardText\.|assistText\.|undefined|NaN/);
      }
      expect(inZh).toMatch(CJK);
      expect(ownWords(inEn), plain(inEn)).not.toMatch(CJK);
      // Only the upstream AI's own reason is all quote; everything else has words of its own.
      if (text.code !== 'marketing.upstream') expect(plain(inEn)).not.toBe(inZh);
    },
  );

  it('formats numbers and amounts for the reader', () => {
    const refund: CoreText = { code: 'guard.refund_amount', params: { amount: 1300, cap: 259 } };
    expect(plain(coreWords(refund, en, 'en'))).toBe(
      'A refund of ¥1,300.00 is more than the ¥259.00 paid for the order',
    );
    expect(plain(coreWords(refund, zh, 'zh-CN'))).toBe('退款 1,300 元超过订单实付金额 259 元');
    const fold: CoreText = { code: 'guard.discount_fold', params: { fold: 7.5, role: 'agent', min: 9 } };
    expect(plain(coreWords(fold, en, 'en'))).toBe('25% off is more than the agent limit of 10% off');
  });

  it('quotes what people and data wrote as authored, and words a known escalation reason', () => {
    const fact: CoreText = {
      code: 'guard.fact',
      params: {
        subject: 'ai',
        fact: {
          code: 'fact.return_window_within',
          params: { state: 'past', policy: 7, evidence: EVIDENCE[0]! },
        },
      },
    };
    expect(plain(coreWords(fact, en, 'en'))).toContain('Outside the 7-day no-reason return window');
    const said: CoreText = {
      ...fact,
      params: {
        ...fact.params,
        fact: {
          code: 'fact.return_window_within',
          params: { state: 'past', policy: 7, evidence: EVIDENCE[2]! },
        },
      },
    } as CoreText;
    expect(coreWords(said, en, 'en')).toContainEqual({ authored: '已经第8天了' });
  });

  it('an unknown conflict rule in English falls back to the rule file’s words; a stored row to its reason', () => {
    const unknown: CoreText = {
      code: 'guard.conflict',
      params: { ...conflict, ruleId: 'merchant-own-rule' },
    };
    expect(plain(coreWords(unknown, en, 'en'))).toBe(`${conflict.title}: ${conflict.explanation}`);
    expect(plain(suggestionReason({ source: 'knowledge', reason: '知识库：旧的理由' }, en, 'en'))).toBe(
      '知识库：旧的理由',
    );
  });
});
