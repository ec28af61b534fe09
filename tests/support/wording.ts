// The Chinese and English i18next instances the core-words tests word texts with, and what they check
// the English for. `beforeAll(loadWordings)` in a test file fills `zh` and `en` (live bindings).
import i18n, { type TFunction } from 'i18next';
import { resources } from '../../src/renderer/i18n/index';
import type { Segment } from '../../src/renderer/i18n/core-words';

/** Chinese characters and full-width punctuation: none may be left in the product's own English. */
export const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

export let zh: TFunction;
export let en: TFunction;

export async function loadWordings(): Promise<void> {
  const base = { resources, fallbackLng: false as const, interpolation: { escapeValue: false } };
  zh = (await i18n.createInstance().init({ ...base, lng: 'zh-CN' })) as TFunction;
  en = (await i18n.createInstance().init({ ...base, lng: 'en' })) as TFunction;
}

/** The product's own words in a worded text (what is not quoted from people or data). */
export const ownWords = (segs: Segment[]) => segs.filter((s): s is string => typeof s === 'string').join('');
