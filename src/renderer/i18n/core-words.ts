// Texts the workstation core produces, in the reader's language: a code with params (shared/core-texts.ts)
// is worded here from the per-feature modules (guard-texts.ts, assist-texts.ts), numbers and amounts
// formatted for the locale; a row stored before codes existed has only the core's Chinese `reason`,
// which is shown as it is. What people or the shop's data wrote (a customer's words, a product title,
// a macro's name) stays as written and comes back marked `authored`, so the screen can say so.
import type { TFunction } from 'i18next';
import type { CoreText, Localized } from '../../shared/core-texts';
import type { SuggestionSource } from '../../shared/domain';
import type { Language } from '../settings/store';
import { categoryLabel, intentLabel } from './index';
import { guardWords } from './guard-words';
import { authored, Wording, type Segment, type Value } from './wording';

export type { Segment } from './wording';

function words(w: Wording, text: CoreText): Segment[] {
  const s = (name: string, params?: Record<string, Value>) => w.fill(`assistText.suggest.${name}`, params);
  const m = (name: string, params?: Record<string, Value>) => w.fill(`assistText.marketing.${name}`, params);
  const source = (src: SuggestionSource) => w.word(`assistText.source.${src}`);
  switch (text.code) {
    case 'guard.return_days':
    case 'guard.exchange_days':
    case 'guard.price_protect_days':
    case 'guard.refund_hours':
    case 'guard.ship_hours':
    case 'guard.free_shipping_threshold':
    case 'guard.carrier':
    case 'guard.refund_amount':
    case 'guard.compensation':
    case 'guard.coupon':
    case 'guard.discount_fold':
    case 'guard.promise':
    case 'guard.fact':
    case 'guard.conflict':
      return guardWords(w, text);
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
    case 'suggest.holding':
      return s('holding', { title: authored(text.params.title) });
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
    case 'refusal.offline':
      return w.fill(`refusalText.offline.${text.params.needs}`);
    case 'refusal.ticket_not_here':
    case 'refusal.ticket_closed':
    case 'refusal.sign_in_first':
    case 'refusal.lead_only':
    case 'refusal.conflict_settled':
    case 'refusal.reassign_waiting':
    case 'refusal.upload_gone':
    case 'refusal.kb_unavailable':
      return w.fill(`refusalText.${text.code.slice('refusal.'.length)}`);
    case 'session.unsynced': {
      const kinds = (['pending', 'conflicts', 'drafts'] as const).filter((k) => text.params[k] > 0);
      const parts = kinds.map((k) => w.word(`session.unsynced.${k}`, { count: text.params[k] }));
      return w.fill('session.unsynced.text', {
        parts: w.list(parts, false, w.word('session.unsynced.separator')),
      });
    }
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
