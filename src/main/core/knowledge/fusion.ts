// Fusion and presentation of hybrid results: the model's cosine similarity plus a small keyword-rank
// bonus (see KEYWORD_WEIGHT for why not Reciprocal Rank Fusion), keyword order when there is no
// model, then one hit per document with a highlighted snippet. Split from search.ts, which finds
// the candidates.
import type { KbTier } from '../../../shared/domain';
import type { Db } from '../db/database';
import { normalizeText } from './segmenter';
import type { SearchHit, VectorHit } from './search';

const RRF_K = 60;
const SNIPPET_CHARS = 120;

/**
 * A hit found ONLY by the vector side needs this cosine similarity. Static word vectors give a query
 * of unknown words (all single-character fallbacks) a spurious 0.2–0.3 with any text sharing a
 * character; real paraphrase matches of the default model measure 0.35–0.7 (fixture KB).
 */
export const VECTOR_ONLY_MIN_SIMILARITY = 0.35;

/**
 * Weight of a keyword match next to cosine similarity: a chunk ranked r-th (0-based) by BM25 gains
 * KEYWORD_WEIGHT / (r + 1). Small on purpose. Measured on colloquial buyer questions
 * (resources/eval/kb-questions.json, npm run kb -- eval): a pretrained encoder alone beats every RRF
 * mix of it with BM25 (RRF gives the keyword list, noisy on chatty questions full of 了/吗/能不能,
 * as much say as the model); a rank bonus of this size only breaks near-ties between close documents.
 */
export const KEYWORD_WEIGHT = 0.02;

/**
 * Hybrid ranking: the chunk's cosine similarity to the query plus a keyword-rank bonus. The score
 * stays on the model's similarity scale, so it is comparable across queries (unlike RRF ranks).
 */
export function similarityFusion(
  keyword: readonly number[],
  vector: readonly VectorHit[],
): [number, number][] {
  const scores = new Map<number, number>();
  for (const h of vector) scores.set(h.id, h.similarity);
  keyword.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + KEYWORD_WEIGHT / (rank + 1)));
  return [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** Keyword-only ranking (no model): BM25 order, scored 1/(1+rank/10) so the first hit reads 1. */
function keywordOrder(keyword: readonly number[]): [number, number][] {
  return keyword.map((id, rank) => [id, 1 / (1 + rank / 10)]);
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
  const vector = vectorHits.filter((h) => kwAll.has(h.id) || h.similarity >= VECTOR_ONLY_MIN_SIMILARITY);
  const ranked = hybrid ? similarityFusion(keyword, vector) : keywordOrder(keyword);
  const kwSet = kwAll;
  const vecSet = new Set(vector.map((h) => h.id));
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
      score: Math.max(0, Math.min(1, score)),
      matchedBy: [
        ...(kwSet.has(id) ? (['keyword'] as const) : []),
        ...(vecSet.has(id) ? (['vector'] as const) : []),
      ],
    });
  }
  return hits;
}
