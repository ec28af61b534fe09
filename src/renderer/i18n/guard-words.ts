// The pre-send guard's warnings and the verdicts on the AI's promises in words (codes guard.* and
// fact.* of src/shared/core-texts.ts, templates in guard-texts.ts).
import type { Evidence, FactText, GuardText } from '../../shared/core-texts';
import { ESCALATION_REASONS, escalationCodeFor, type EscalationReasonCode } from '../../shared/system-texts';
import { conflictWordsEn } from '../lead/conflict-words';
import { authored, MARK, splitMarks, type Segment, type Value, type Wording } from './wording';

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
      const segs = f.params.captions.flatMap((c, i): Segment[] => [
        ...(i ? [w.word('guardText.listSeparator')] : []),
        ...(typeof c === 'object'
          ? w.fill(k('photo_said'), { quote: authored(c.said) })
          : c
            ? [{ authored: c }]
            : [photo]),
      ]);
      return w.fill(k('photos_already_sent'), { captions: segs });
    }
    case 'fact.address_not_changed':
    case 'fact.photos_not_sent':
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

type Conflict = Extract<GuardText, { code: 'guard.conflict' }>['params'];

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

/** A guard warning, or a verdict on what the AI promised. */
export function guardWords(w: Wording, text: GuardText): Segment[] {
  const g = (name: string, params?: Record<string, Value>) => w.fill(`guardText.${name}`, params);
  const who = (subject: 'draft' | 'ai') => w.word(`guardText.subject.${subject}`);
  const role = (r: string) => w.word(`guardText.role.${r}`);
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
  }
}
