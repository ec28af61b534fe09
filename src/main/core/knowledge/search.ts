// Hybrid retrieval: FTS5 BM25 over segmented terms (with synonym expansion) + vector KNN, fused per
// document in fusion.ts (cosine of its best passage and sentence plus a keyword-rank bonus). Results
// are one per document (its best chunk).
import type { KbTier } from '../../../shared/domain';
import type { Db } from '../db/database';
import { PostingsCache, ScoreAccumulator, type TermPostings } from './keyword-scores';
import { synonymsOf } from './lexicon';
import { segment } from './segmenter';
import { vectorKnn } from './vector-index';

export interface SearchFilters {
  tiers?: readonly KbTier[];
  tags?: readonly string[];
}

export interface SearchHit {
  docId: string;
  chunkId: number;
  title: string;
  snippet: string;
  /** [start, end) offsets into `snippet` of matched query terms, for <mark>-style highlighting. */
  highlights: { start: number; end: number }[];
  tier: KbTier;
  tags: string[];
  source: 'hub' | 'import';
  /** 0…1 ranking score: the document score on the model's similarity scale (fusion.ts), or keyword order. */
  score: number;
  /** Calibrated P(answers the query) from the model's manifest; null without one (KnowledgeService). */
  relevance: number | null;
  matchedBy: ('keyword' | 'vector')[];
}

/** Candidates taken from each retriever before fusion. */
const DEPTH = 50;
export interface VectorHit {
  id: number;
  similarity: number;
}

/** Cosine distance 0.92 = similarity 0.08: below that the default model's neighbours are unrelated. */
export const MAX_COSINE_DISTANCE = 0.92;

export interface QueryTerms {
  terms: string[];
  /** terms + synonyms, used for FTS matching and highlighting. */
  expanded: string[];
}

export function queryTerms(query: string): QueryTerms {
  const terms = [...new Set(segment(query))];
  const expanded = new Set(terms);
  for (const t of terms) for (const s of synonymsOf(t).slice(0, 4)) expanded.add(s); // more terms = slower OR queries, little gain
  return { terms, expanded: [...expanded] };
}

/** Each term as an FTS5 string literal (quotes doubled), OR-ed: BM25 rewards documents matching more. */
export function ftsExpression(terms: readonly string[]): string | null {
  const parts = terms
    .map((t) => t.replace(/"/g, '').trim())
    .filter(Boolean)
    .flatMap((t) => segment(t)) // synonyms are raw words: segment them as documents were
    .filter((t, i, all) => all.indexOf(t) === i)
    .map((t) => `"${t}"`);
  return parts.length ? parts.join(' OR ') : null;
}

function filterSql(filters: SearchFilters, alias: string): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filters.tiers?.length) {
    clauses.push(`${alias}.tier IN (${filters.tiers.map(() => '?').join(',')})`);
    params.push(...filters.tiers);
  }
  if (filters.tags?.length) {
    clauses.push(
      `EXISTS (SELECT 1 FROM kb_doc_tags t WHERE t.doc_id = ${alias}.doc_id AND t.tag IN (${filters.tags.map(() => '?').join(',')}))`,
    );
    params.push(...filters.tags);
  }
  return { sql: clauses.length ? ` AND ${clauses.join(' AND ')}` : '', params };
}

/**
 * Chunk ids ranked by BM25 (title weighted 3×) over every match of `expr`. Exact, but its cost grows
 * with the match set: an OR of common words at 100k chunks ranks tens of thousands of rows. The
 * search path uses {@link keywordSearch}; this stays as the exact reference (bench, tests).
 */
export function keywordCandidates(db: Db, expr: string, filters: SearchFilters, depth = DEPTH): number[] {
  const f = filterSql(filters, 'c');
  const rows = db
    .prepare(
      `SELECT c.id FROM kb_fts JOIN kb_chunks c ON c.id = kb_fts.rowid
       WHERE kb_fts MATCH ?${f.sql} ORDER BY bm25(kb_fts, 3.0, 1.0) LIMIT ?`,
    )
    .all(expr, ...f.params, depth) as { id: number }[];
  return rows.map((r) => r.id);
}

// ---- Bounded keyword search -----------------------------------------------------------------------
// BM25 cost is linear in the number of matching rows: FTS5's bm25() reads each matching row's length
// from %_docsize and walks every phrase's positions, ~1.5 µs a row. Profiled at 100k chunks, the
// bench's queries (an OR of 8–25 segmented terms and synonyms) match 50k–100k rows, and even the
// rarest few terms of a query match ~3,500 rows: bm25() over those alone took 5.5 of the 8.4 ms a
// query cost, reading the same rows without bm25() 1.2 ms. So:
//  1. A query whose terms match few rows in all (summed DF ≤ DIRECT_BUDGET, e.g. any small KB) is
//     ranked by FTS5 itself over every match: exact and cheap.
//  2. Otherwise every term is scored from in-memory postings (keyword-scores.ts): each term's
//     single-term BM25 scores, read once per statistics refresh. BM25 is a sum of per-term
//     contributions, so their sum is exactly the score FTS5 would give the whole OR query — over
//     every matching row, not a capped subset — and a query costs typed-array additions only.
//     Rows written since the postings were read are scored live (at most DF_STALE_WRITES of them).
// The exact all-rows FTS5 query ({@link keywordCandidates}) remains the reference and the fallback.

/** Summed document frequency up to which FTS5 ranks a query directly (step 1 above). */
export const DIRECT_BUDGET = 1000;
/** DF estimates and cached postings are refreshed after this many chunk writes. */
const DF_STALE_WRITES = 2000;

interface TermStatsCache {
  writes: number;
  builtAt: number;
  chunks: number;
  df: Map<string, number>;
  postings: PostingsCache;
  acc: ScoreAccumulator;
}
const termStats = new WeakMap<Db, TermStatsCache>();

/** The store calls this on every FTS write so cached document frequencies age out. */
export function noteKeywordWrites(db: Db, count = 1): void {
  const c = termStats.get(db);
  if (c) c.writes += count;
}

export function resetKeywordStats(db: Db): void {
  termStats.delete(db);
}

function statsFor(db: Db): TermStatsCache {
  let c = termStats.get(db);
  if (!c || c.writes - c.builtAt > DF_STALE_WRITES) {
    // fts5vocab reads the index itself; a temp table keeps it out of the schema and migrations.
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.kb_fts_vocab USING fts5vocab(main, 'kb_fts', 'row')");
    const { n, maxId } = db
      .prepare('SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS maxId FROM kb_chunks')
      .get() as { n: number; maxId: number };
    const writes = c?.writes ?? 0;
    c = {
      writes,
      builtAt: writes,
      chunks: n,
      df: new Map(),
      postings: new PostingsCache(maxId),
      acc: c?.acc ?? new ScoreAccumulator(),
    };
    termStats.set(db, c);
  }
  return c;
}

/** Documents containing `term` (title or body), from the FTS index; cached. */
export function documentFrequency(db: Db, term: string): number {
  const c = statsFor(db);
  let df = c.df.get(term);
  if (df === undefined) {
    df =
      (
        db.prepare('SELECT doc FROM temp.kb_fts_vocab WHERE term = ?').get(term) as
          { doc: number } | undefined
      )?.doc ?? 0;
    if (c.df.size > 50_000) c.df.clear();
    c.df.set(term, df);
  }
  return df;
}

/** FTS terms of a query: raw terms/synonyms segmented the way documents were, deduplicated. */
export function ftsTerms(terms: readonly string[]): string[] {
  return [
    ...new Set(
      terms
        .map((t) => t.replace(/"/g, '').trim())
        .filter(Boolean)
        .flatMap((t) => segment(t)),
    ),
  ];
}

export interface KeywordPlan {
  /** Terms that occur in the index, rarest first. */
  terms: string[];
  /** Their summed document frequency (an upper bound of the rows matching their OR). */
  matches: number;
  /** true: few enough matches for FTS5 to rank directly; false: scored from cached postings. */
  direct: boolean;
}

export function planKeywordQuery(db: Db, terms: readonly string[]): KeywordPlan {
  const withDf = terms.map((t) => ({ t, df: documentFrequency(db, t) })).filter((x) => x.df > 0);
  withDf.sort((a, b) => a.df - b.df || a.t.localeCompare(b.t));
  const matches = withDf.reduce((sum, x) => sum + x.df, 0);
  return { terms: withDf.map((x) => x.t), matches, direct: matches <= DIRECT_BUDGET };
}

const quote = (t: string) => `"${t}"`;

/** A term's single-term BM25 scores over rows up to the cache watermark, read once and cached. */
function postingsFor(db: Db, stats: TermStatsCache, term: string): TermPostings {
  const hit = stats.postings.get(term);
  if (hit) return hit;
  const rows = db
    .prepare(
      'SELECT rowid, bm25(kb_fts, 3.0, 1.0) FROM kb_fts WHERE kb_fts MATCH ? AND rowid <= ? ORDER BY rowid',
    )
    .raw()
    .all(quote(term), stats.postings.watermark) as [number, number][];
  const ids = new Int32Array(rows.length);
  const scores = new Float32Array(rows.length);
  rows.forEach(([id, s], i) => {
    ids[i] = id;
    scores[i] = -s;
  });
  return stats.postings.put(term, ids, scores);
}

/** Which of `ids` exist and pass the filters (cached postings may name since-deleted rows). */
function admitted(db: Db, ids: readonly number[], filters: SearchFilters): Set<number> {
  if (!ids.length) return new Set();
  const f = filterSql(filters, 'c');
  const rows = db
    .prepare(`SELECT c.id FROM kb_chunks c WHERE c.id IN (SELECT value FROM json_each(?))${f.sql}`)
    .all(JSON.stringify(ids), ...f.params) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

/** Above this many candidates checked against the filters, a selective filter goes to the exact query. */
const MAX_FILTER_PROBE = 4096;

/**
 * Chunk ids ranked by BM25 over the OR of `terms` (title weighted 3×), like
 * {@link keywordCandidates}, with a bounded amount of FTS5 work (see above); `depth` ids at most.
 */
export function keywordSearch(
  db: Db,
  terms: readonly string[],
  filters: SearchFilters,
  depth = DEPTH,
): number[] {
  const plan = planKeywordQuery(db, ftsTerms(terms));
  if (!plan.terms.length) return [];
  if (plan.direct) return keywordCandidates(db, plan.terms.map(quote).join(' OR '), filters, depth);
  const stats = statsFor(db);
  const acc = stats.acc;
  acc.reset();
  try {
    for (const t of plan.terms) {
      const p = postingsFor(db, stats, t);
      acc.addPostings(p.ids, p.scores);
    }
    // Rows written after the postings were read: their scores, live.
    if (stats.writes > stats.builtAt)
      for (const [id, s] of db
        .prepare('SELECT rowid, bm25(kb_fts, 3.0, 1.0) FROM kb_fts WHERE kb_fts MATCH ? AND rowid > ?')
        .raw()
        .all(plan.terms.map(quote).join(' OR '), stats.postings.watermark) as [number, number][])
        acc.add(id, -s);

    const filtered = Boolean(filters.tiers?.length || filters.tags?.length);
    for (let k = filtered ? depth * 4 : depth + 8; ; k *= 4) {
      const top = acc.top(k);
      const ok = admitted(
        db,
        top.map((t) => t.id),
        filters,
      );
      const out = top.filter((t) => ok.has(t.id)).map((t) => t.id);
      if (out.length >= depth || top.length < k) return out.slice(0, depth);
      if (k * 4 > MAX_FILTER_PROBE)
        return keywordCandidates(db, plan.terms.map(quote).join(' OR '), filters, depth);
    }
  } finally {
    acc.reset();
  }
}

/** Chunk ids ranked by cosine distance; tiers filtered inside the vector scan, tags after it. */
export function vectorCandidates(
  db: Db,
  vector: Float32Array,
  filters: SearchFilters,
  depth = DEPTH,
  maxDistance = MAX_COSINE_DISTANCE,
): VectorHit[] {
  // Tag filters are applied after the scan, so over-fetch to keep `depth` results likely.
  const k = filters.tags?.length ? depth * 4 : depth;
  const rows = vectorKnn(db, vector, k, filters.tiers); // bit-code scan + exact rescoring (vector-index.ts)
  // KNN always returns k rows; far ones are noise that RRF would still reward, so cut them.
  let hits = rows
    .filter((r) => r.distance <= maxDistance)
    .map((r) => ({ id: Number(r.id), similarity: 1 - r.distance }));
  const ids = hits.map((h) => h.id);
  if (filters.tags?.length && ids.length) {
    const allowed = new Set(
      (
        db
          .prepare(
            `SELECT c.id FROM kb_chunks c WHERE c.id IN (${ids.map(() => '?').join(',')})
             AND EXISTS (SELECT 1 FROM kb_doc_tags t WHERE t.doc_id = c.doc_id AND t.tag IN (${filters.tags.map(() => '?').join(',')}))`,
          )
          .all(...ids, ...filters.tags) as { id: number }[]
      ).map((r) => r.id),
    );
    hits = hits.filter((h) => allowed.has(h.id));
  }
  return hits.slice(0, depth);
}

export { fuseAndHydrate, highlight, rrf, VECTOR_ONLY_MIN_SIMILARITY } from './fusion';
