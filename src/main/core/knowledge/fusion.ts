// Fusion and presentation of hybrid results: each document scored from its chunks' cosine
// similarities (best passage and best sentence, see PASSAGE_WEIGHT) plus a small keyword-rank bonus
// (see KEYWORD_WEIGHT for why not Reciprocal Rank Fusion), keyword order when there is no model,
// then one hit per document with a highlighted snippet. Split from search.ts, which finds the
// candidates.
import type { KbTier } from '../../../shared/domain';
import type { Db } from '../db/database';
import { SENTENCE_ORD, isSentenceOrd } from './chunker';
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
 * Weight of a keyword match next to cosine similarity: a document ranked r-th (0-based) by BM25 gains
 * KEYWORD_WEIGHT / (r + 1). Small on purpose. Measured on colloquial buyer questions
 * (resources/eval/kb-questions.json, npm run kb -- eval): a pretrained encoder alone beats every RRF
 * mix of it with BM25 (RRF gives the keyword list, noisy on chatty questions full of 了/吗/能不能,
 * as much say as the model); a rank bonus of this size only breaks near-ties between close documents.
 */
export const KEYWORD_WEIGHT = 0.02;

/**
 * Which chunk of a document to show: its chunk ranked r-th by BM25 gains this / (r + 1). Sentences
 * of one article sit within a few hundredths of each other in cosine ("运费险理赔": 0.586 for the
 * sentence about having no insurance, 0.565 for the one about the claim), so the words asked decide.
 */
export const SHOWN_KEYWORD_WEIGHT = 0.05;

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

interface ChunkRow {
  id: number;
  doc_id: string;
  ord: number;
  /** 1: not embedded yet. */
  pending: number;
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

/**
 * Weight of a document's best passage similarity against its best sentence similarity (chunker.ts).
 * Measured on the development questions (vector side alone, hit@1/hit@3): passage only 0.800/0.904,
 * sentence only 0.752/0.936, weights 0.4–0.7 all 0.816–0.832 / 0.920–0.952; an even mix is kept,
 * and the held-out questions confirmed it (0.754/0.926 → 0.828/0.967).
 */
export const PASSAGE_WEIGHT = 0.5;

export interface DocScore {
  docId: string;
  score: number;
  /** The chunk shown for the document: its most similar one, keyword matches breaking near-ties (hybrid), or its best keyword match. */
  chunkId: number;
  keyword: boolean;
  vector: boolean;
}

interface UnitHit {
  id: number;
  docId: string;
  sentence: boolean;
  similarity: number;
}

/**
 * Documents scored from their chunks: PASSAGE_WEIGHT · best passage + (1 − PASSAGE_WEIGHT) · best
 * sentence similarity, plus KEYWORD_WEIGHT / (r + 1) for the document ranked r-th by BM25. A kind
 * of chunk not among the vector hits is at most as similar as the last hit (`floor`), which is used
 * for it; a document without sentence chunks is scored by its passages alone. A keyword match in a
 * chunk with no vector yet (imported moments ago, still being embedded) has no similarity to bound:
 * it is scored as if as similar as the best vector hit, so the words asked for find it meanwhile. Pure.
 */
export function documentScores(
  units: readonly UnitHit[],
  keywordDocs: readonly { docId: string; chunkId: number }[],
  hasSentences: (docId: string) => boolean,
  floor: number,
  notEmbedded: (chunkId: number) => boolean = () => false,
): DocScore[] {
  // The chunk shown for a document: the most similar, keyword matches deciding near-ties (so the
  // snippet names what was asked when two sentences of the article are about equally close).
  const chunkKwRank = new Map<number, number>();
  keywordDocs.forEach((k, r) => chunkKwRank.set(k.chunkId, r));
  const shown = (u: UnitHit) => {
    const r = chunkKwRank.get(u.id);
    return u.similarity + (r === undefined ? 0 : SHOWN_KEYWORD_WEIGHT / (r + 1));
  };
  const byDoc = new Map<string, { passage: number; sentence: number; best: UnitHit }>();
  for (const u of units) {
    const d = byDoc.get(u.docId) ?? { passage: -Infinity, sentence: -Infinity, best: u };
    if (u.sentence) d.sentence = Math.max(d.sentence, u.similarity);
    else d.passage = Math.max(d.passage, u.similarity);
    if (shown(u) > shown(d.best)) d.best = u;
    byDoc.set(u.docId, d);
  }
  const kwRank = new Map<string, number>();
  for (const k of keywordDocs) if (!kwRank.has(k.docId)) kwRank.set(k.docId, kwRank.size);
  const out: DocScore[] = [];
  for (const [docId, d] of byDoc) {
    const passage = d.passage === -Infinity ? floor : d.passage;
    const sentence = !hasSentences(docId) ? passage : d.sentence === -Infinity ? floor : d.sentence;
    const r = kwRank.get(docId);
    out.push({
      docId,
      score:
        PASSAGE_WEIGHT * passage +
        (1 - PASSAGE_WEIGHT) * sentence +
        (r === undefined ? 0 : KEYWORD_WEIGHT / (r + 1)),
      chunkId: d.best.id,
      keyword: r !== undefined,
      vector: true,
    });
  }
  const keywordOnly = new Set<string>();
  const best = out.reduce(
    (m, d) => Math.max(m, d.score - (d.keyword ? KEYWORD_WEIGHT / (kwRank.get(d.docId)! + 1) : 0)),
    floor,
  );
  for (const k of keywordDocs) {
    if (byDoc.has(k.docId) || keywordOnly.has(k.docId)) continue;
    keywordOnly.add(k.docId);
    out.push({
      docId: k.docId,
      score: (notEmbedded(k.chunkId) ? best : floor) + KEYWORD_WEIGHT / (kwRank.get(k.docId)! + 1),
      chunkId: k.chunkId,
      keyword: true,
      vector: false,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.docId.localeCompare(b.docId));
}

/** Scores documents from chunk candidates, and loads titles/snippets for the top `limit`. */
export function fuseAndHydrate(
  db: Db,
  keyword: number[],
  vectorHits: VectorHit[],
  terms: readonly string[],
  limit: number,
  hybrid: boolean,
): SearchHit[] {
  const kwAll = new Set(keyword);
  const vector = hybrid
    ? vectorHits.filter((h) => kwAll.has(h.id) || h.similarity >= VECTOR_ONLY_MIN_SIMILARITY)
    : [];
  const meta = new Map(
    (
      db
        .prepare(
          'SELECT id, doc_id, ord, embedded_by IS NULL AS pending FROM kb_chunks WHERE id IN (SELECT value FROM json_each(?))',
        )
        .all(JSON.stringify([...new Set([...keyword, ...vector.map((h) => h.id)])])) as ChunkRow[]
    ).map((r) => [r.id, r]),
  );
  const keywordDocs = keyword.flatMap((id) => {
    const m = meta.get(id);
    return m ? [{ docId: m.doc_id, chunkId: id }] : [];
  });
  let ranked: DocScore[];
  if (hybrid) {
    const units = vector.flatMap((h) => {
      const m = meta.get(h.id);
      return m
        ? [{ id: h.id, docId: m.doc_id, sentence: isSentenceOrd(m.ord), similarity: h.similarity }]
        : [];
    });
    const docs = [...new Set(units.map((u) => u.docId))];
    const withSentences = new Set(
      (
        db
          .prepare(
            'SELECT DISTINCT doc_id FROM kb_chunks WHERE doc_id IN (SELECT value FROM json_each(?)) AND ord >= ?',
          )
          .all(JSON.stringify(docs), SENTENCE_ORD) as { doc_id: string }[]
      ).map((r) => r.doc_id),
    );
    const floor = vectorHits.length ? Math.min(...vectorHits.map((h) => h.similarity)) : 0;
    ranked = documentScores(
      units,
      keywordDocs,
      (d) => withSentences.has(d),
      floor,
      (id) => meta.get(id)?.pending === 1,
    );
  } else {
    const seen = new Set<string>();
    ranked = [];
    for (const k of keywordDocs) {
      if (seen.has(k.docId)) continue;
      seen.add(k.docId);
      // BM25 order, scored 1/(1 + rank/10) so the first hit reads 1 (no model: nothing to calibrate).
      ranked.push({ ...k, score: 1 / (1 + ranked.length / 10), keyword: true, vector: false });
    }
  }
  const get = db.prepare(
    `SELECT c.id, c.doc_id, c.text, d.title, d.tier, d.tags, d.source FROM kb_chunks c JOIN kb_docs d ON d.id = c.doc_id WHERE c.id = ?`,
  );
  const hits: SearchHit[] = [];
  for (const doc of ranked) {
    if (hits.length >= limit) break;
    const row = get.get(doc.chunkId) as HydrateRow | undefined;
    if (!row) continue;
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
      score: Math.max(0, Math.min(1, doc.score)),
      relevance: null, // set by KnowledgeService from the model's calibration
      matchedBy: [
        ...(doc.keyword ? (['keyword'] as const) : []),
        ...(doc.vector ? (['vector'] as const) : []),
      ],
    });
  }
  return hits;
}
