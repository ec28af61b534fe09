// Chinese word segmentation for the keyword index, query parsing and reply ranking.
// jieba (jieba-wasm) plus the project's domain dictionary: ICU's Intl.Segmenter splits 客服/退货/brand
// names (performance.md §2), jieba keeps them whole once they are in its dictionary. Documents and
// queries go through the SAME function so a term indexed is a term that can be matched.
import { createRequire } from 'node:module';
import { KB_MAX_QUERY_CHARS, clampKbQuery } from '../../../shared/api';
import { STOPWORDS, allDomainWords } from './lexicon';

export const MAX_QUERY_CHARS = KB_MAX_QUERY_CHARS;

/** A query as searched: at most MAX_QUERY_CHARS code points (the API schema cuts the same way). */
export function clampQuery(query: string): string {
  return clampKbQuery(query);
}

interface JiebaModule {
  cut(text: string, hmm?: boolean | null): string[];
  cut_for_search(text: string, hmm?: boolean | null): string[];
  add_word(word: string, freq?: number | null, tag?: string | null): number;
}

const require = createRequire(import.meta.url);
let jieba: JiebaModule | undefined;
const extraWords = new Set<string>();

/** Loads jieba lazily (≈0.25 s, +67 MB) the first time any text is segmented. */
function engine(): JiebaModule {
  if (!jieba) {
    // The Node build of jieba-wasm is CommonJS and instantiates its wasm synchronously on require.
    const mod = require('jieba-wasm') as JiebaModule;
    // A high frequency makes jieba prefer the whole domain word over its pieces (运费险, not 运费/险).
    for (const w of allDomainWords()) mod.add_word(w, 200_000, 'n');
    for (const w of extraWords) mod.add_word(w, 200_000, 'n');
    jieba = mod;
  }
  return jieba;
}

/** Adds merchant words (brand, product line) to the dictionary; applies to text segmented afterwards. */
export function addWords(words: Iterable<string>): void {
  for (const raw of words) {
    const w = normalizeText(raw).trim();
    if (w.length < 2 || w.length > 20 || extraWords.has(w)) continue;
    extraWords.add(w);
    jieba?.add_word(w, 200_000, 'n');
  }
}

/** NFKC folds full-width letters/digits (ＡＢＣ１２３) and compatibility forms; lower-case for Latin. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

// A token worth indexing has at least one letter or digit (CJK ideographs count as letters).
const MEANINGFUL = /[\p{L}\p{N}]/u;

export interface SegmentOptions {
  /** Keep stopwords (the reply ranker's TF-IDF baseline wants raw words). */
  keepStopwords?: boolean;
}

/**
 * Segments text into index/query terms: jieba's search mode (a word plus its sub-words, e.g.
 * 七天无理由 → 七天 / 无理由 / 七天无理由) so partial phrasings still meet. HMM on, so unknown words
 * (new brands, typos) become short segments rather than vanishing.
 */
export function segment(text: string, options: SegmentOptions = {}): string[] {
  const norm = normalizeText(text);
  if (!norm.trim()) return [];
  const out: string[] = [];
  for (const raw of engine().cut_for_search(norm, true)) {
    const t = raw.trim();
    if (!t || !MEANINGFUL.test(t)) continue;
    if (!options.keepStopwords && STOPWORDS.has(t)) continue;
    out.push(t);
  }
  return out;
}

/** Plain (non-overlapping) segmentation, for reading order: reply ranking and the model's corpus. */
export function cutWords(text: string, options: SegmentOptions = {}): string[] {
  const norm = normalizeText(text);
  if (!norm.trim()) return [];
  const out: string[] = [];
  for (const raw of engine().cut(norm, true)) {
    const t = raw.trim();
    if (!t || !MEANINGFUL.test(t)) continue;
    if (!options.keepStopwords && STOPWORDS.has(t)) continue;
    out.push(t);
  }
  return out;
}

/** The FTS5 document text: terms joined by spaces (the unicode61 tokenizer splits on them). */
export function toIndexText(text: string): string {
  return segment(text).join(' ');
}
