// Levenshtein distance over characters (Unicode code points, so a CJK character or an emoji counts as
// one edit, not two UTF-16 units). It measures how much an agent rewrote a suggestion before sending,
// which is the strongest signal of its quality short of the outcome itself.

/** Minimum number of single-character insertions, deletions and substitutions turning `a` into `b`. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let s = Array.from(a);
  let t = Array.from(b);
  if (s.length < t.length) [s, t] = [t, s]; // keep the row (t) short: O(min(n, m)) memory
  if (t.length === 0) return s.length;
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const sub = prev[j - 1]! + (si === t[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length]!;
}

/** Distance relative to the longer text: 0 = sent as suggested, 1 = completely rewritten. */
export function editRatio(original: string, final: string): number {
  const longest = Math.max(Array.from(original).length, Array.from(final).length);
  return longest === 0 ? 0 : editDistance(original, final) / longest;
}
