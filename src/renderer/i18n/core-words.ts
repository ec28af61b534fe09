// Texts the workstation core produces, in the reader's language: a code with params (shared/core-texts.ts)
// is worded here from the per-feature modules (guard-texts.ts, assist-texts.ts), numbers and amounts
// formatted for the locale; a row stored before codes existed has only the core's Chinese `reason`,
// which is shown as it is. What people or the shop's data wrote (a customer's words, a product title,
// a macro's name) stays as written and comes back marked `authored`, so the screen can say so.
import type { TFunction } from 'i18next';
import type { CoreText, Evidence, FactText, Localized } from '../../shared/core-texts';
import type { SuggestionSource } from '../../shared/domain';
import { ESCALATION_REASONS, escalationCodeFor, type EscalationReasonCode } from '../../shared/system-texts';
import { conflictWordsEn } from '../lead/conflict-words';
import type { Language } from '../settings/store';
import { categoryLabel, intentLabel } from './index';
import { formatMoney } from './format';

/** Part of a worded text: the product's own words, or something a person or the shop's data wrote. */
export type Segment = string | { authored: string };
type Value = string | number | Segment[];

const MARK = '\u0001';
const asKey = (t: TFunction) => t as unknown as (key: string, params?: Record<string, unknown>) => string;

/** Words and number formats of one language. */
class Wording {
  private readonly tt: (key: string, params?: Record<string, unknown>) => string;
  constructor(
    t: TFunction,
    readonly lang: Language,
  ) {
    this.tt = asKey(t);
  }

  /** The template `key` with its params; segment params keep their marks through the translation. */
  fill(key: string, params: Record<string, Value> = {}): Segment[] {
    const parts: Segment[][] = [];
    const plain: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) {
        plain[k] = `${MARK}${parts.length}${MARK}`;
        parts.push(v);
      } else plain[k] = v;
    }
    return splitMarks(this.tt(key, plain), parts);
  }
  word(key: string, params?: Record<string, unknown>): string {
    return this.tt(key, params);
  }
  num(n: number): string {
    return new Intl.NumberFormat(this.lang, { maximumFractionDigits: 2 }).format(n);
  }
  /** Chinese templates say 元 after the number; English shows the amount as money. */
  money(n: number): string {
    return this.lang === 'en' ? formatMoney(n, 'en') : this.num(n);
  }
  pct(x: number): string {
    return new Intl.NumberFormat(this.lang, { style: 'percent', maximumFractionDigits: 0 }).format(x);
  }
  local(l: Localized): Segment[] {
    return [this.lang === 'en' ? l.en : l.zh];
  }
  list(items: readonly string[], authored: boolean, sep = this.word('guardText.listSeparator')): Segment[] {
    return items.flatMap((x, i) => [...(i ? [sep] : []), authored ? { authored: x } : x]);
  }
}

function splitMarks(text: string, parts: Segment[][]): Segment[] {
  const out: Segment[] = [];
  text.split(new RegExp(`${MARK}(\\d+)${MARK}`)).forEach((piece, i) => {
    if (i % 2 === 1) out.push(...(parts[Number(piece)] ?? []));
    else if (piece) out.push(piece);
  });
  return out;
}

const authored = (s: string): Segment[] => (s ? [{ authored: s }] : []);

function evidenceWords(w: Wording, e: Evidence): Segment[] {
  const key = `guardText.evidence.${e.kind}`;
  switch (e.kind) {
    case 'escalation': {
      const code = (e.reasonCode ?? escalationCodeFor(e.reason)) as EscalationReasonCode | undefined;
      const known = code && code in ESCALATION_REASONS ? ESCALATION_REASONS[code] : undefined;
      // In Chinese the platform's own words, as the core always quoted them.
      const reason = w.lang === 'en' && known ? [known.en] : authored(e.reason);
      return w.fill(key, { reason });
    }
    case 'customer_said':
      return w.fill(key, { quote: authored(e.quote) });
    case 'ordered_days_ago':
    case 'no_delivery_date':
      return w.fill(key, { days: w.num(e.days) });
    case 'no_order':
      return w.fill(key);
  }
}

function factWords(w: Wording, f: FactText): Segment[] {
  const k = (name: string) => `guardText.facts.${name}`;
  const status = (s: string) => w.word(`guardText.status.${s}`);
  switch (f.code) {
    case 'fact.return_window_within':
    case 'fact.return_window_past': {
      const p = f.params;
      const name = `${f.code.slice('fact.'.length)}_${p.state}`;
      return w.fill(k(name), { policy: w.num(p.policy), evidence: evidenceWords(w, p.evidence) });
    }
    case 'fact.return_after_window':
      return w.fill(k('return_after_window'), {
        policy: w.num(f.params.policy),
        evidence: evidenceWords(w, f.params.evidence),
      });
    case 'fact.price_protect_within':
      return w.fill(k('price_protect_within'), {
        days: w.num(f.params.days),
        policy: w.num(f.params.policy),
      });
    case 'fact.photos_already_sent': {
      const photo = w.word(k('photo'));
      const captions = f.params.captions.map((c) => c || photo);
      const segs = f.params.captions.flatMap((c, i): Segment[] => [
        ...(i ? [w.word('guardText.listSeparator')] : []),
        c ? { authored: c } : captions[i]!,
      ]);
      return w.fill(k('photos_already_sent'), { captions: segs });
    }
    case 'fact.address_not_changed':
    case 'fact.refund_not_done':
      return w.fill(k(f.code.slice('fact.'.length)));
    case 'fact.not_shipped':
    case 'fact.already_shipped':
      return w.fill(k(f.code.slice('fact.'.length)), { status: status(f.params.status) });
    case 'fact.ship_disputed':
      return w.fill(k('ship_disputed'), {
        status: status(f.params.status),
        evidence: evidenceWords(w, f.params.evidence),
      });
    case 'fact.reshipment_denied':
      return w.fill(k('reshipment_denied'), { quote: authored(f.params.quote) });
  }
}

type Conflict = Extract<CoreText, { code: 'guard.conflict' }>['params'];

function conflictWords(w: Wording, p: Conflict): Segment[] {
  if (w.lang === 'en') {
    const actor = (a: Conflict['a']): string => {
      if (a.self) return w.word(`guardText.subject.${p.subject ?? 'draft'}`);
      if (a.id === 'policy') return w.word('system.policyActor');
      if (a.id === 'service-guard') return w.word('system.guardActor');
      return `${MARK}${a === p.a ? 0 : 1}${MARK}`;
    };
    const en = conflictWordsEn(p.ruleId, {
      a: actor(p.a),
      b: actor(p.b),
      value: p.value ?? '',
      limit: p.limit ?? '',
    });
    if (en)
      return w.fill('guardText.conflict', {
        title: [en.title],
        explanation: splitMarks(en.explanation, [authored(p.a.name), authored(p.b.name)]),
      });
  }
  // Chinese, or a rule this version has no English for: the rule file's own sentences.
  return w.fill('guardText.conflict', { title: [p.title], explanation: [p.explanation] });
}

function words(w: Wording, text: CoreText): Segment[] {
  const g = (name: string, params?: Record<string, Value>) => w.fill(`guardText.${name}`, params);
  const s = (name: string, params?: Record<string, Value>) => w.fill(`assistText.suggest.${name}`, params);
  const m = (name: string, params?: Record<string, Value>) => w.fill(`assistText.marketing.${name}`, params);
  const who = (subject: 'draft' | 'ai') => w.word(`guardText.subject.${subject}`);
  const role = (r: string) => w.word(`guardText.role.${r}`);
  const source = (src: SuggestionSource) => w.word(`assistText.source.${src}`);
  switch (text.code) {
    case 'guard.return_days':
    case 'guard.exchange_days':
    case 'guard.price_protect_days': {
      const p = text.params;
      return g(text.code.slice('guard.'.length), {
        who: who(p.subject),
        days: w.num(p.days),
        policy: w.num(p.policy),
      });
    }
    case 'guard.refund_hours':
    case 'guard.ship_hours': {
      const p = text.params;
      return g(text.code.slice('guard.'.length), {
        who: who(p.subject),
        hours: w.num(p.hours),
        policy: w.num(p.policy),
      });
    }
    case 'guard.free_shipping_threshold': {
      const p = text.params;
      return g('free_shipping_threshold', {
        who: who(p.subject),
        amount: w.money(p.amount),
        policy: w.money(p.policy),
      });
    }
    case 'guard.carrier': {
      const p = text.params;
      return g('carrier', {
        who: who(p.subject),
        carriers: w.list(p.carriers, true),
        named: authored(p.named),
      });
    }
    case 'guard.refund_amount':
      return g('refund_amount', { amount: w.money(text.params.amount), cap: w.money(text.params.cap) });
    case 'guard.compensation':
    case 'guard.coupon': {
      const p = text.params;
      return g(text.code.slice('guard.'.length), {
        amount: w.money(p.amount),
        role: role(p.role),
        max: w.money(p.max),
      });
    }
    case 'guard.discount_fold': {
      const p = text.params;
      // 8 折 is 80 % of the price, i.e. 20 % off: English readers know the discount, not the fold.
      const off = (fold: number) => (w.lang === 'en' ? w.pct((10 - fold) / 10) : w.num(fold));
      return g('discount_fold', { fold: off(p.fold), role: role(p.role), min: off(p.min) });
    }
    case 'guard.promise': {
      const p = text.params;
      const src = p.source
        ? g('promiseSource', { title: w.local(p.source.title), quote: w.local(p.source.quote) })
        : [];
      return g('promise', { title: w.local(p.title), reason: w.local(p.reason), source: src });
    }
    case 'guard.fact':
      return g('fact', { who: who(text.params.subject), fact: factWords(w, text.params.fact) });
    case 'guard.conflict':
      return conflictWords(w, text.params);

    case 'suggest.upstream': {
      const note = text.params.note ? s('upstreamNote', { note: authored(text.params.note) }) : [];
      return s('upstream', { score: w.pct(text.params.score), note });
    }
    case 'suggest.macro': {
      const p = text.params;
      return s('macro', {
        title: authored(p.title),
        fits: p.fitsIntent ? w.word('assistText.suggest.macroFits') : '',
        keywords: p.keywords.length ? s('macroKeywords', { keywords: w.list(p.keywords, true) }) : [],
      });
    }
    case 'suggest.history':
      return s('history', { similarity: w.pct(text.params.similarity), uses: w.num(text.params.uses) });
    case 'suggest.knowledge': {
      const p = text.params;
      const how =
        p.by === 'chunk'
          ? s('knowledgeChunk')
          : s(p.by === 'embedding' ? 'knowledgeEmbedding' : 'knowledgeOverlap', {
              relevance: w.pct(p.relevance),
            });
      return s('knowledge', { title: authored(p.title), how });
    }
    case 'suggest.also_from':
      return s('also_from', { source: source(text.params.source) });
    case 'suggest.adoption':
      return s('adoption', { rate: w.pct(text.params.rate) });
    case 'suggest.closing':
      return s('closing', { quote: authored(text.params.quote) });
    case 'suggest.shared_words':
      return s('shared_words', { words: w.list(text.params.words, true) });
    case 'suggest.semantic':
    case 'suggest.prior':
      return s(text.code.slice('suggest.'.length), { value: text.params.value.toFixed(2) });
    case 'suggest.unrelated':
    case 'suggest.llm_ungrounded':
      return s(text.code.slice('suggest.'.length));
    case 'suggest.llm_grounded':
      return s('llm_grounded', {
        docs: w.list(text.params.docs, true, w.word('assistText.suggest.docSeparator')),
      });
    case 'suggest.llm_redacted':
      return s('llm_redacted', { count: w.num(text.params.count) });
    case 'suggest.llm_caution':
      return s('llm_caution', { warning: words(w, text.params.warning) });

    case 'marketing.complaint':
    case 'marketing.intent':
      return m(text.code.slice('marketing.'.length), { intent: intentLabel(text.params.intent, w.lang) });
    case 'marketing.category':
      return m('category', {
        category: categoryLabel(text.params.category, w.lang),
        intent: intentLabel(text.params.intent, w.lang),
      });
    case 'marketing.negative':
      return m('negative', { score: text.params.score.toFixed(2) });
    case 'marketing.wait':
      return m('wait', { question: authored(text.params.question) });
    case 'marketing.answers':
      return m('answers', {
        question: authored(text.params.question),
        keyword: authored(text.params.keyword),
      });
    case 'marketing.rule_coupon': {
      const p = text.params;
      return m('rule_coupon', { rule: ruleTitle(w, p.rule), vip: w.num(p.vip), orders: w.num(p.orders) });
    }
    case 'marketing.rule_focus': {
      const p = text.params;
      return m('rule_focus', {
        rule: ruleTitle(w, p.rule),
        focus: authored(p.focus),
        focusStock: w.num(p.focusStock),
        product: authored(p.product),
        stock: w.num(p.stock),
      });
    }
    case 'marketing.rule_history': {
      const p = text.params;
      return m('rule_history', {
        rule: ruleTitle(w, p.rule),
        category: authored(p.category),
        product: authored(p.product),
        stock: w.num(p.stock),
      });
    }
    case 'marketing.upstream':
      return m('upstream', { text: authored(text.params.text) });
    case 'marketing.also_local':
      return m('also_local');
    case 'marketing.out_of_stock':
      return m('out_of_stock', { product: authored(text.params.product) });
    case 'marketing.coupon_expired':
      return m('coupon_expired', { coupon: authored(text.params.coupon) });
    case 'import.missing_title':
      return w.fill('importText.missing_title', { columns: authored('title/question/标题/问题') });
    case 'import.missing_body':
      return w.fill('importText.missing_body', { columns: authored('body/content/answer/内容/答案') });
    case 'import.not_object':
    case 'import.not_a_list':
    case 'import.no_heading':
      return w.fill(`importText.${text.code.slice('import.'.length)}`);
    case 'import.invalid_field':
      return w.fill('importText.invalid_field', {
        field: authored(text.params.field),
        detail: authored(text.params.detail),
      });
    case 'import.invalid_json':
    case 'import.bad_row':
    case 'import.bad_file':
      return w.fill(`importText.${text.code.slice('import.'.length)}`, {
        detail: authored(text.params.detail),
      });
    case 'import.too_many_rows':
      return w.fill('importText.too_many_rows', {
        rows: w.num(text.params.rows),
        max: w.num(text.params.max),
      });
    case 'import.header_missing': {
      const found = text.params.found.filter((f) => f);
      return w.fill('importText.header_missing', {
        missing: w.word(`importText.column.${text.params.missing}`),
        found: found.length ? w.list(found, true, ', ') : w.word('importText.nothing'),
        // Column names, as the file must spell them (either language works).
        titles: authored(w.lang === 'en' ? 'title (or 标题/问题)' : '标题/问题（或 title）'),
        bodies: authored(w.lang === 'en' ? 'body (or 内容/答案)' : '内容/答案（或 body）'),
      });
    }
    case 'import.id_collision':
      return w.fill('importText.id_collision', { id: authored(text.params.id) });
    case 'marketing.unrelated': {
      const p = text.params;
      return m('unrelated', {
        product: authored(p.product),
        category: authored(p.category),
        focus: authored(p.focus),
        focusCategory: authored(p.focusCategory),
      });
    }
  }
}

/** A marketing rule's title: the file's English where it has one, else its own words as written. */
function ruleTitle(w: Wording, rule: Localized): Segment[] {
  return w.lang === 'en' && rule.en ? [rule.en] : authored(rule.zh);
}

/** One text in the reader's language. */
export function coreWords(text: CoreText, t: TFunction, lang: Language): Segment[] {
  return words(new Wording(t, lang), text);
}

/** A text made of parts, joined as the core joins them ("；" in Chinese). */
export function coreTextsWords(texts: readonly CoreText[], t: TFunction, lang: Language): Segment[] {
  const w = new Wording(t, lang);
  return texts.flatMap((x, i) => {
    const sep =
      i === 0
        ? []
        : [
            w.word(
              texts[i - 1]!.code === 'suggest.closing'
                ? 'assistText.closingSeparator'
                : 'assistText.partSeparator',
            ),
          ];
    return [...sep, ...words(w, x)];
  });
}

/** A suggestion's reason: "source：why" from its codes, or the Chinese it was stored with. */
export function suggestionReason(
  s: { source: SuggestionSource; reason: string; texts?: readonly CoreText[] | undefined },
  t: TFunction,
  lang: Language,
): Segment[] {
  if (!s.texts?.length) return s.reason ? [s.reason] : [];
  const w = new Wording(t, lang);
  return w.fill('assistText.sourced', {
    source: w.word(`assistText.source.${s.source}`),
    why: coreTextsWords(s.texts, t, lang),
  });
}

/**
 * A text with a code when it has one, else the Chinese it was stored with (a row from before codes):
 * shown as it is, and not marked authored, since it is the product's own words.
 */
export function wordsOr(
  text: CoreText | undefined,
  fallback: string,
  t: TFunction,
  lang: Language,
): Segment[] {
  return text ? coreWords(text, t, lang) : [fallback];
}

export function textsOr(
  texts: readonly CoreText[] | undefined,
  fallback: string,
  t: TFunction,
  lang: Language,
): Segment[] {
  return texts?.length ? coreTextsWords(texts, t, lang) : [fallback];
}

/** The segments as one plain string (tooltips, tests). */
export function plain(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === 'string' ? s : s.authored)).join('');
}
