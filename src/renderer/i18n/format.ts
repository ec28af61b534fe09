// Locale-aware formatting of money, times and durations, so components never format by hand.
import type { Language } from '../settings/store';

const moneyFormats = new Map<Language, Intl.NumberFormat>();

export function formatMoney(amount: number, lang: Language): string {
  let f = moneyFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, {
      style: 'currency',
      currency: 'CNY',
      // "¥" rather than "CN¥" in English: every amount in this product is in yuan.
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
    });
    moneyFormats.set(lang, f);
  }
  return f.format(amount);
}

// Intl formatters are costly to build (toLocaleString with options builds one per call): a queue
// of 50 rows with live clocks formats hundreds of times a second, so each is built once per language.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Language, kind: 'dateTime' | 'time' | 'date'): Intl.DateTimeFormat {
  const key = `${lang}|${kind}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      lang,
      kind === 'dateTime'
        ? { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', hour12: false }
          : { year: 'numeric', month: '2-digit', day: '2-digit' },
    );
    dateFormats.set(key, f);
  }
  return f;
}

export function formatDateTime(ms: number, lang: Language): string {
  return dateFormat(lang, 'dateTime').format(ms);
}

export function formatTime(ms: number, lang: Language): string {
  return dateFormat(lang, 'time').format(ms);
}

export function formatDate(ms: number, lang: Language): string {
  return dateFormat(lang, 'date').format(ms);
}

/** 75 000 ms → "1:15", 3 725 000 ms → "1:02:05"; always positive, the caller says early/late. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
