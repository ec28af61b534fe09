// Derives the default model's vocabulary and word vectors from the project's own text:
// co-occurrence counts (sentence windows + synonym groups + "word contains character" links) →
// PPMI → truncated SVD → frequency weighting. Classic count-based distributional semantics
// (Levy, Goldberg & Dagan 2015); no pretrained weights involved.
import { cutWords } from '../../src/main/core/knowledge/segmenter';
import { STOPWORDS, SYNONYM_GROUPS, allDomainWords } from '../../src/main/core/knowledge/lexicon';
import { csrFromRows, truncatedSvd } from './linalg';
import { SPECIAL_TOKENS } from './tokenizer';

export interface TrainOptions {
  dim: number;
  window: number;
  /** Co-occurrence weight given to each pair of words in one synonym group. */
  synonymWeight: number;
  /** Link weight between a word and each of its characters (typo robustness: 退宽 still shares 退). */
  charWeight: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { dim: 128, window: 5, synonymWeight: 6, charWeight: 0.6, seed: 20240601 };

/** The 3,755 level-1 hanzi of GB2312 (most common characters), decoded from their code points. */
export function commonHanzi(): string[] {
  const decoder = new TextDecoder('gb18030');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      if (hi === 0xd7 && lo > 0xf9) break;
      out.push(decoder.decode(new Uint8Array([hi, lo])));
    }
  }
  return out;
}

const ASCII = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const isHan = (ch: string) => /\p{Script=Han}/u.test(ch);

export interface TrainedModel {
  /** Full tokenizer vocabulary: specials, units, then ##units. */
  vocab: string[];
  /** Row-major vocab.length × dim. */
  weights: Float32Array;
  dim: number;
  stats: { units: number; sentences: number; tokens: number; nonzeros: number };
}

export function train(texts: readonly string[], opts: TrainOptions = DEFAULT_TRAIN): TrainedModel {
  const tokenized = texts.map((t) => cutWords(t));
  const units = new Set<string>([...commonHanzi(), ...ASCII, ...allDomainWords()]);
  for (const sent of tokenized) for (const w of sent) if (w.length <= 12) units.add(w);
  // Every character of every unit must exist alone too, or WordPiece could hit [UNK] mid-word.
  for (const u of [...units]) for (const ch of u) units.add(ch);
  const unitList = [...units].sort();
  const index = new Map(unitList.map((u, i) => [u, i]));
  const V = unitList.length;
  const G = SYNONYM_GROUPS.length;

  const rows: Map<number, number>[] = Array.from({ length: V }, () => new Map());
  const freq = new Float64Array(V);
  const add = (r: number, c: number, w: number) => rows[r]!.set(c, (rows[r]!.get(c) ?? 0) + w);

  let tokens = 0;
  for (const sent of tokenized) {
    const ids = sent.map((w) => index.get(w)).filter((i): i is number => i !== undefined);
    tokens += ids.length;
    ids.forEach((a, i) => {
      freq[a]! += 1;
      for (let d = 1; d <= opts.window && i + d < ids.length; d++) {
        const b = ids[i + d]!;
        if (a === b) continue;
        add(a, b, 1 / d);
        add(b, a, 1 / d);
      }
    });
  }
  SYNONYM_GROUPS.forEach((group, g) => {
    const ids = [...new Set(group.map((w) => index.get(w.toLowerCase())).filter((i): i is number => i !== undefined))];
    for (const a of ids) {
      add(a, V + g, opts.synonymWeight * 2); // the group itself is a shared context
      for (const b of ids) if (a !== b) add(a, b, opts.synonymWeight);
    }
  });
  unitList.forEach((u, i) => {
    if (u.length < 2) return;
    for (const ch of new Set(u)) {
      const c = index.get(ch)!;
      add(i, c, opts.charWeight);
      add(c, i, opts.charWeight);
    }
  });

  // PPMI with context-distribution smoothing (α = 0.75).
  const colSum = new Float64Array(V + G);
  const rowSum = new Float64Array(V);
  let total = 0;
  rows.forEach((r, i) => {
    for (const [c, v] of r) {
      colSum[c]! += v;
      rowSum[i]! += v;
      total += v;
    }
  });
  let smoothTotal = 0;
  for (const s of colSum) smoothTotal += Math.pow(s, 0.75);
  let nonzeros = 0;
  const ppmi = rows.map((r, i) => {
    const out = new Map<number, number>();
    for (const [c, v] of r) {
      const pmi = Math.log((v / total) / ((rowSum[i]! / total) * (Math.pow(colSum[c]!, 0.75) / smoothTotal)));
      if (pmi > 0) out.set(c, pmi);
    }
    nonzeros += out.size;
    return out;
  });
  const vectors = truncatedSvd(csrFromRows(ppmi, V + G), opts.dim, opts.seed);

  // Remove the frequency-weighted common direction (SIF), then unit-normalise and scale each row by
  // a/(a+p(w)) so frequent, uninformative words weigh less in the pipeline's mean pooling.
  const mean = new Float64Array(opts.dim);
  let fsum = 0;
  vectors.forEach((v, i) => {
    const f = freq[i]! + 1;
    fsum += f;
    for (let j = 0; j < opts.dim; j++) mean[j]! += f * v[j]!;
  });
  for (let j = 0; j < opts.dim; j++) mean[j]! /= fsum;
  // a = 1e-2 rather than SIF's 1e-3: our corpus is small, so frequency estimates are coarse and a
  // smaller a would all but erase the domain words that recur most (退款, 快递).
  const a = 1e-2;
  const unitVec = vectors.map((v, i) => {
    const u = unitList[i]!;
    if (STOPWORDS.has(u) || ppmi[i]!.size === 0) return new Float64Array(opts.dim);
    const out = v.map((x, j) => x - 0.5 * mean[j]!);
    const norm = Math.hypot(...out);
    if (norm < 1e-9) return new Float64Array(opts.dim);
    const p = freq[i]! / Math.max(tokens, 1);
    // A single character reached by WordPiece's fallback (通/过 inside an unknown word) is a blur of
    // the words containing it: keep it faint unless the corpus uses it as a word on its own.
    // Letters and digits alone say even less.
    const single = u.length === 1 ? (isHan(u) ? (freq[i]! >= 2 ? 0.8 : 0.35) : 0.2) : 1;
    const weight = (a / (a + p)) * single;
    return out.map((x) => (x / norm) * weight);
  });

  const vocab = [...SPECIAL_TOKENS, ...unitList, ...unitList.map((u) => `##${u}`)];
  const weights = new Float32Array(vocab.length * opts.dim);
  const offset = SPECIAL_TOKENS.length;
  unitVec.forEach((v, i) => {
    weights.set(v, (offset + i) * opts.dim);
    weights.set(v, (offset + V + i) * opts.dim);
  });
  return { vocab, weights, dim: opts.dim, stats: { units: V, sentences: texts.length, tokens, nonzeros } };
}
