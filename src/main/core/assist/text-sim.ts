// Cheap Chinese text similarity for the history source: Dice coefficient over character bigrams.
// Bigrams need no word segmentation, tolerate typos and word order, and cost microseconds, which
// matters because history is scored against up to a hundred past conversations per keystroke-free
// recompute. Punctuation and whitespace are dropped so "怎么还没发货？" ≈ "怎么还没发货".

const NOISE = /[\s\p{P}\p{S}]+/gu;

export function normalize(text: string): string {
  return text.toLowerCase().replace(NOISE, '');
}

export function bigrams(text: string): Map<string, number> {
  const chars = Array.from(normalize(text));
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** 0 … 1: shared bigrams over total bigrams (multiset Dice). */
export function dice(a: Map<string, number>, b: Map<string, number>): number {
  let total = 0;
  let shared = 0;
  for (const n of a.values()) total += n;
  for (const n of b.values()) total += n;
  if (total === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [g, n] of small) shared += Math.min(n, large.get(g) ?? 0);
  return (2 * shared) / total;
}

export function similarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}
