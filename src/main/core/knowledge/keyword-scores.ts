// In-memory BM25 postings for common terms, so a query containing them is ranked exactly without
// letting FTS5 compute bm25() over tens of thousands of rows per query.
//
// FTS5's bm25() is a sum of independent per-phrase contributions (idf · saturated tf, normalised by
// the row's length), so the score of an OR query is the sum of each term's single-term score. A very
// common term's single-term scores are read once (one full bm25 scan of its doclist) and kept as
// (rowid, score) arrays; a query then adds them up in a dense accumulator. The expensive part of
// bm25() — a %_docsize lookup per matching row — is paid once per term per statistics refresh
// instead of on every query.

/** One term's single-term BM25 scores (positive: higher is better), rowids ascending. */
export interface TermPostings {
  ids: Int32Array;
  scores: Float32Array;
  lastUsed: number;
}

/** Upper bound on cached postings (8 bytes each): ~32 MB. Least recently used terms are evicted. */
export const MAX_CACHED_POSTINGS = 4_000_000;

export class PostingsCache {
  readonly terms = new Map<string, TermPostings>();
  private size = 0;
  private clock = 0;

  /**
   * @param watermark highest chunk rowid covered: postings are read for rowid ≤ watermark only, rows
   *   written later are scored live by the caller.
   */
  constructor(readonly watermark: number) {}

  get(term: string): TermPostings | undefined {
    const p = this.terms.get(term);
    if (p) p.lastUsed = ++this.clock;
    return p;
  }

  put(term: string, ids: Int32Array, scores: Float32Array): TermPostings {
    const p: TermPostings = { ids, scores, lastUsed: ++this.clock };
    this.terms.set(term, p);
    this.size += ids.length;
    while (this.size > MAX_CACHED_POSTINGS && this.terms.size > 1) {
      let oldest: string | undefined;
      let at = Infinity;
      for (const [t, q] of this.terms)
        if (q.lastUsed < at && t !== term) {
          at = q.lastUsed;
          oldest = t;
        }
      if (oldest === undefined) break;
      this.size -= this.terms.get(oldest)!.ids.length;
      this.terms.delete(oldest);
    }
    return p;
  }

  get postings(): number {
    return this.size;
  }
}

/**
 * Sparse score accumulator over rowids: dense Float64Array indexed by rowid plus the list of
 * touched rowids, so adding a term's postings is one typed-array pass and resetting is O(touched).
 */
export class ScoreAccumulator {
  private acc = new Float64Array(0);
  private mark = new Uint8Array(0);
  private touched = new Int32Array(0);
  private n = 0;

  private ensure(maxId: number): void {
    if (maxId < this.acc.length) return;
    const size = Math.max(1024, Math.ceil((maxId + 1) * 1.25));
    const acc = new Float64Array(size);
    acc.set(this.acc);
    const mark = new Uint8Array(size);
    mark.set(this.mark);
    this.acc = acc;
    this.mark = mark;
  }

  private touch(id: number): void {
    if (this.n >= this.touched.length) {
      const t = new Int32Array(Math.max(1024, this.touched.length * 2));
      t.set(this.touched);
      this.touched = t;
    }
    this.touched[this.n++] = id;
    this.mark[id] = 1;
  }

  addPostings(ids: Int32Array, scores: Float32Array): void {
    if (!ids.length) return;
    this.ensure(ids[ids.length - 1]!);
    const { acc, mark } = this;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!mark[id]) this.touch(id);
      acc[id]! += scores[i]!;
    }
  }

  add(id: number, score: number): void {
    this.ensure(id);
    if (!this.mark[id]) this.touch(id);
    this.acc[id]! += score;
  }

  get size(): number {
    return this.n;
  }

  /** The `k` best rowids (score descending, rowid ascending among ties). */
  top(k: number): { id: number; score: number }[] {
    const { acc, touched, n } = this;
    if (k <= 0 || n === 0) return [];
    // Bounded selection: keep a sorted buffer of the k best; most rows fail the threshold test.
    const best: { id: number; score: number }[] = [];
    let threshold = -Infinity;
    for (let i = 0; i < n; i++) {
      const id = touched[i]!;
      const s = acc[id]!;
      if (best.length >= k && (s < threshold || (s === threshold && id > best[k - 1]!.id))) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1]!.score < s || (best[at - 1]!.score === s && best[at - 1]!.id > id)))
        at--;
      best.splice(at, 0, { id, score: s });
      if (best.length > k) best.pop();
      if (best.length >= k) threshold = best[k - 1]!.score;
    }
    return best;
  }

  reset(): void {
    const { acc, mark, touched } = this;
    for (let i = 0; i < this.n; i++) {
      const id = touched[i]!;
      acc[id] = 0;
      mark[id] = 0;
    }
    this.n = 0;
  }
}
