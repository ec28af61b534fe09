// Hybrid retrieval: FTS5 BM25 over segmented terms (with synonym expansion) + sqlite-vec KNN,
// fused with Reciprocal Rank Fusion (Cormack et al. 2009). RRF needs no score calibration between
// BM25 and cosine, which are on unrelated scales. Results are one per document (its best chunk).
import type { KbTier } from '../../../shared/domain';
import type { Db } from '../db/database';
import { synonymsOf } from './lexicon';
import { normalizeText, segment } from './segmenter';

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
  /** 0…1, fused rank score normalised by the best possible fused score. */
  score: number;
  matchedBy: ('keyword' | 'vector')[];
}

const RRF_K = 60;
/** Candidates taken from each retriever before fusion. */
const DEPTH = 50;
const SNIPPET_CHARS = 120;
export interface VectorHit {
  id: number;
  similarity: number;
}

/**
 * A hit found ONLY by the vector side needs this cosine similarity. Static word vectors give a query
 * of unknown words (all single-character fallbacks) a spurious 0.2–0.3 with any text sharing a
 * character; real paraphrase matches of the default model measure 0.35–0.7 (fixture KB).
 */
export const VECTOR_ONLY_MIN_SIMILARITY = 0.35;

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
// BM25 cost is linear in the number of matching rows. Two bounds keep it small whatever the query:
//  1. Term selection by document frequency: terms are taken rarest first while their summed DF stays
//     within MATCH_BUDGET. A dropped common word (退款 in half the KB) has a BM25 IDF near 0, so it
//     would barely move the ranking anyway; the rarest term is always kept, so a query of only common
//     words still searches.
//  2. When even the rarest term matches more than MATCH_BUDGET rows, every selected common word
//     must match (AND), and BM25 ranks only the first SCAN_CAP matches (newest first) instead of all.

/** Summed document frequency of the OR-ed terms ranked exactly. */
export const MATCH_BUDGET = 4000;
/** Rows BM25-ranked when a query has nothing but common terms. */
export const SCAN_CAP = 2000;
/** DF estimates are refreshed after this many chunk writes (they only steer the plan, never results). */
const DF_STALE_WRITES = 2000;

interface TermStatsCache {
  writes: number;
  builtAt: number;
  chunks: number;
  df: Map<string, number>;
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
    const chunks = (db.prepare('SELECT COUNT(*) AS n FROM kb_chunks').get() as { n: number }).n;
    const writes = c?.writes ?? 0;
    c = { writes, builtAt: writes, chunks, df: new Map() };
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
  /** Terms OR-ed and ranked exactly. */
  ranked: string[];
  /** Common terms that were dropped (or, in capped mode, required). */
  common: string[];
  /** true: the rarest term alone exceeds the budget; common terms are AND-ed and BM25 sees SCAN_CAP rows. */
  capped: boolean;
}

export function planKeywordQuery(db: Db, terms: readonly string[]): KeywordPlan {
  const withDf = terms.map((t) => ({ t, df: documentFrequency(db, t) })).filter((x) => x.df > 0);
  withDf.sort((a, b) => a.df - b.df || a.t.localeCompare(b.t));
  const ranked: string[] = [];
  const common: string[] = [];
  let total = 0;
  for (const { t, df } of withDf) {
    if (!ranked.length || total + df <= MATCH_BUDGET) {
      ranked.push(t);
      total += df;
    } else common.push(t);
  }
  return { ranked, common, capped: total > MATCH_BUDGET };
}

const quote = (t: string) => `"${t}"`;

/** Chunk ids ranked by BM25 with a bounded amount of work (see above); `depth` ids at most. */
export function keywordSearch(
  db: Db,
  terms: readonly string[],
  filters: SearchFilters,
  depth = DEPTH,
): number[] {
  const plan = planKeywordQuery(db, ftsTerms(terms));
  if (!plan.ranked.length) return [];
  if (!plan.capped) return keywordCandidates(db, plan.ranked.map(quote).join(' OR '), filters, depth);
  const f = filterSql(filters, 'c');
  const capped = (expr: string) =>
    (
      db
        .prepare(
          `SELECT c.id, bm25(kb_fts, 3.0, 1.0) AS score FROM kb_fts JOIN kb_chunks c ON c.id = kb_fts.rowid
           WHERE kb_fts MATCH ?${f.sql} ORDER BY kb_fts.rowid DESC LIMIT ?`,
        )
        .all(expr, ...f.params, SCAN_CAP) as { id: number; score: number }[]
    )
      .sort((a, b) => a.score - b.score || b.id - a.id)
      .map((r) => r.id);
  // All terms common: the AND of them is what the query is about; fill up from the rarest term alone.
  const all = [...plan.ranked, ...plan.common];
  const out = all.length > 1 ? capped(all.map(quote).join(' AND ')).slice(0, depth) : [];
  if (out.length < depth) {
    const seen = new Set(out);
    for (const id of capped(quote(plan.ranked[0]!))) {
      if (out.length >= depth) break;
      if (!seen.has(id)) out.push(id);
    }
  }
  return out;
}

/** Chunk ids ranked by cosine distance; tiers filtered inside the vec0 scan, tags after it. */
export function vectorCandidates(
  db: Db,
  vector: Float32Array,
  filters: SearchFilters,
  depth = DEPTH,
  maxDistance = MAX_COSINE_DISTANCE,
): VectorHit[] {
  const tierSql = filters.tiers?.length ? ` AND tier IN (${filters.tiers.map(() => '?').join(',')})` : '';
  // Tag filters are applied after the scan, so over-fetch to keep `depth` results likely.
  const k = filters.tags?.length ? depth * 4 : depth;
  const rows = db
    .prepare(
      `SELECT rowid AS id, distance FROM kb_vec WHERE embedding MATCH ? AND k = ?${tierSql} ORDER BY distance`,
    )
    .all(vector, k, ...(filters.tiers ?? [])) as { id: number; distance: number }[];
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

/** Reciprocal Rank Fusion over any number of ranked id lists. */
export function rrf(lists: readonly (readonly number[])[]): Map<number, number> {
  const scores = new Map<number, number>();
  for (const list of lists)
    list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1)));
  return scores;
}

/** A window of the chunk around the first matched term, with every matched term's offsets. */
export function highlight(
  text: string,
  terms: readonly string[],
): { snippet: string; highlights: { start: number; end: number }[] } {
  const norm = normalizeText(text);
  // NFKC can change lengths (rare in Chinese text); fall back to the normalised text to keep offsets true.
  const base = norm.length === text.length ? text : norm;
  const words = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const spans: { start: number; end: number }[] = [];
  for (const w of words) {
    for (let at = norm.indexOf(w); at >= 0; at = norm.indexOf(w, at + w.length)) {
      if (!spans.some((s) => at < s.end && at + w.length > s.start))
        spans.push({ start: at, end: at + w.length });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const first = spans[0]?.start ?? 0;
  const start =
    base.length <= SNIPPET_CHARS ? 0 : Math.max(0, Math.min(first - 20, base.length - SNIPPET_CHARS));
  const end = Math.min(base.length, start + SNIPPET_CHARS);
  const prefix = start > 0 ? '…' : '';
  const snippet = `${prefix}${base.slice(start, end).replace(/\n+/g, ' ')}${end < base.length ? '…' : ''}`;
  const highlights = spans
    .filter((s) => s.start >= start && s.end <= end)
    .map((s) => ({ start: s.start - start + prefix.length, end: s.end - start + prefix.length }));
  return { snippet, highlights };
}

interface HydrateRow {
  id: number;
  doc_id: string;
  text: string;
  title: string;
  tier: KbTier;
  tags: string;
  source: 'hub' | 'import';
}

/** Fuses, keeps each document's best chunk, and loads titles/snippets for the top `limit`. */
export function fuseAndHydrate(
  db: Db,
  keyword: number[],
  vectorHits: VectorHit[],
  terms: readonly string[],
  limit: number,
  hybrid: boolean,
): SearchHit[] {
  const kwAll = new Set(keyword);
  const vector = vectorHits
    .filter((h) => kwAll.has(h.id) || h.similarity >= VECTOR_ONLY_MIN_SIMILARITY)
    .map((h) => h.id);
  const fused = rrf([keyword, vector]);
  // In hybrid mode a perfect hit is first in both lists; a keyword-only hit can then reach 0.5 at most.
  const maxScore = (hybrid ? 2 : 1) / (RRF_K + 1);
  const kwSet = new Set(keyword);
  const vecSet = new Set(vector);
  const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const get = db.prepare(
    `SELECT c.id, c.doc_id, c.text, d.title, d.tier, d.tags, d.source FROM kb_chunks c JOIN kb_docs d ON d.id = c.doc_id WHERE c.id = ?`,
  );
  const hits: SearchHit[] = [];
  const seenDocs = new Set<string>();
  for (const [id, score] of ranked) {
    if (hits.length >= limit) break;
    const row = get.get(id) as HydrateRow | undefined;
    if (!row || seenDocs.has(row.doc_id)) continue;
    seenDocs.add(row.doc_id);
    const { snippet, highlights } = highlight(row.text, terms);
    hits.push({
      docId: row.doc_id,
      chunkId: row.id,
      title: row.title,
      snippet,
      highlights,
      tier: row.tier,
      tags: JSON.parse(row.tags) as string[],
      source: row.source,
      score: Math.min(1, score / maxScore),
      matchedBy: [
        ...(kwSet.has(id) ? (['keyword'] as const) : []),
        ...(vecSet.has(id) ? (['vector'] as const) : []),
      ],
    });
  }
  return hits;
}
