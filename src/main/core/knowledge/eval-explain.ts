// Error analysis for the knowledge-retrieval evaluation (`npm run kb -- eval kb --explain`): for every
// question whose answering document is not ranked first, what ranked above it and why — each
// document's best passage and best sentence (cosine, text), its keyword rank and bonus, the terms the
// query was segmented into. Cosines here are exact over every chunk (search itself fuses the 100
// nearest), so a figure may differ from the ranking by the floor fusion.ts uses for a missing kind.
import type { Db } from '../db/database';
import { isSentenceOrd } from './chunker';
import { KEYWORD_WEIGHT, PASSAGE_WEIGHT } from './fusion';
import type { KnowledgeService } from './index';
import { searchText } from './query-text';
import { keywordSearch, queryTerms } from './search';
import type { KbQuestion } from './eval-kb';

interface ChunkInfo {
  id: number;
  docId: string;
  sentence: boolean;
  text: string;
  vector: Float32Array;
}

function loadChunks(db: Db): ChunkInfo[] {
  const rows = db
    .prepare(
      'SELECT c.id, c.doc_id, c.ord, c.text, v.vector FROM kb_chunks c JOIN kb_vectors v ON v.chunk_id = c.id',
    )
    .all() as { id: number; doc_id: string; ord: number; text: string; vector: Buffer }[];
  return rows.map((r) => ({
    id: r.id,
    docId: r.doc_id,
    sentence: isSentenceOrd(r.ord),
    text: r.text.replace(/\s+/g, ' '),
    // Copied: a Buffer's offset need not be 4-byte aligned.
    vector: new Float32Array(new Uint8Array(r.vector).buffer),
  }));
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

export interface DocExplanation {
  docId: string;
  score: number;
  passage: { similarity: number; text: string } | null;
  sentence: { similarity: number; text: string } | null;
  keywordRank: number | null;
}

/** Every document's score components for one query (exact cosines, keyword rank as search has it). */
export async function explainQuery(
  svc: KnowledgeService,
  query: string,
): Promise<{
  terms: string[];
  docs: DocExplanation[];
}> {
  const embedQueries = svc.readyEmbedQueries();
  if (!embedQueries) throw new Error('explain needs a loaded model');
  const text = searchText(query);
  const [q] = await embedQueries([text]);
  const chunks = loadChunks(svc.db);
  const { terms, expanded } = queryTerms(text);
  const keyword = keywordSearch(svc.db, expanded, {});
  const docOfChunk = new Map(chunks.map((c) => [c.id, c.docId]));
  const kwRank = new Map<string, number>();
  for (const id of keyword) {
    const d = docOfChunk.get(id);
    if (d && !kwRank.has(d)) kwRank.set(d, kwRank.size);
  }
  const byDoc = new Map<string, DocExplanation>();
  for (const c of chunks) {
    const sim = dot(q!, c.vector);
    const d = byDoc.get(c.docId) ?? {
      docId: c.docId,
      score: 0,
      passage: null,
      sentence: null,
      keywordRank: kwRank.get(c.docId) ?? null,
    };
    const kind = c.sentence ? 'sentence' : 'passage';
    if (!d[kind] || sim > d[kind].similarity) d[kind] = { similarity: sim, text: c.text };
    byDoc.set(c.docId, d);
  }
  for (const d of byDoc.values()) {
    const p = d.passage?.similarity ?? 0;
    const s = d.sentence?.similarity ?? p;
    d.score =
      PASSAGE_WEIGHT * p +
      (1 - PASSAGE_WEIGHT) * s +
      (d.keywordRank === null ? 0 : KEYWORD_WEIGHT / (d.keywordRank + 1));
  }
  return { terms: expanded.length ? terms : [], docs: [...byDoc.values()].sort((a, b) => b.score - a.score) };
}

const cut = (t: string, n = 46) => (t.length > n ? `${t.slice(0, n)}…` : t);

function docLines(d: DocExplanation, mark: string): string[] {
  const kw =
    d.keywordRank === null
      ? 'kw -'
      : `kw #${d.keywordRank + 1} +${(KEYWORD_WEIGHT / (d.keywordRank + 1)).toFixed(3)}`;
  return [
    `    ${mark} ${d.score.toFixed(3)} ${d.docId.padEnd(32)} ${kw}`,
    `        P ${d.passage?.similarity.toFixed(3) ?? '-'} ${cut(d.passage?.text ?? '')}`,
    `        S ${d.sentence?.similarity.toFixed(3) ?? '-'} ${cut(d.sentence?.text ?? '')}`,
  ];
}

/** Prints, for each question not answered first by search, the documents above the answer and the answer. */
export async function explainMisses(
  svc: KnowledgeService,
  questions: readonly KbQuestion[],
  print: (line: string) => void,
): Promise<void> {
  for (const question of questions) {
    const res = await svc.search(question.q, { limit: 10 });
    const ranked = res.hits.map((h) => h.docId);
    const at = ranked.findIndex((d) => question.docs.includes(d));
    if (at === 0) continue;
    const { terms, docs } = await explainQuery(svc, question.q);
    print(
      `  [${at < 0 ? '-' : at + 1}] ${question.q}   want ${question.docs.join('|')}   terms: ${terms.join(' ')}`,
    );
    const wantAt = docs.findIndex((d) => question.docs.includes(d.docId));
    docs.slice(0, Math.max(wantAt + 1, 2)).forEach((d) => {
      if (docs.indexOf(d) < 4 || question.docs.includes(d.docId))
        docLines(d, question.docs.includes(d.docId) ? '✓' : ' ').forEach((l) => print(l));
    });
  }
}
