// The machinery core-words.ts and guard-words.ts word texts with: i18next templates whose quoted
// params (what people or the shop's data wrote) survive the translation as marked segments, and the
// number and money formats of the reader's locale.
import type { TFunction } from 'i18next';
import type { Localized } from '../../shared/core-texts';
import type { Language } from '../settings/store';
import { formatMoney } from './format';

/** Part of a worded text: the product's own words, or something a person or the shop's data wrote. */
export type Segment = string | { authored: string };
export type Value = string | number | Segment[];

export const MARK = '\u0001';
const asKey = (t: TFunction) => t as unknown as (key: string, params?: Record<string, unknown>) => string;

/** Words and number formats of one language. */
export class Wording {
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

export function splitMarks(text: string, parts: Segment[][]): Segment[] {
  const out: Segment[] = [];
  text.split(new RegExp(`${MARK}(\\d+)${MARK}`)).forEach((piece, i) => {
    if (i % 2 === 1) out.push(...(parts[Number(piece)] ?? []));
    else if (piece) out.push(piece);
  });
  return out;
}

export const authored = (s: string): Segment[] => (s ? [{ authored: s }] : []);
