// Splits a document body into retrieval chunks, at two granularities:
//  - passages: runs of whole paragraphs (or sentences of an over-long paragraph) up to ~320 chars
//    within one section (a heading starts a new passage), small enough that a snippet shows the
//    answer and a vector is about one topic;
//  - sentences: each line of the body that says something (a list item, a table row read as text,
//    a paragraph line), so a document with several answers has a vector for each of them.
// A question is usually answered by one line of an article ("签收次日起 7 天内"), whose vector is
// diluted in the passage's; a line alone loses the article's context. Search scores a document by
// both (fusion.ts: the mean of its best passage and best sentence similarity), which measured better
// than either alone on the development questions and was confirmed on the held-out ones (README).
// Both kinds are ordinary rows of kb_chunks (FTS and vectors alike); sentences are told apart by
// their ord, from SENTENCE_ORD up, so neither the schema nor the store needs to know.
import { createHash } from 'node:crypto';

export const MAX_CHUNK_CHARS = 320;
/**
 * Bumped whenever chunkDocument would cut a stored document differently, so a knowledge base chunked
 * by an older version is re-chunked in the background (KnowledgeStore.rechunkStale): 1 = passages
 * and sentences, 2 = passages stop at headings.
 */
export const CHUNKER_VERSION = 2;
/** Sentence chunks have ord ≥ this; passages count from 0. */
export const SENTENCE_ORD = 1_000_000;
/** Lines shorter than this (a lone heading word) are not worth a vector of their own. */
const MIN_SENTENCE_CHARS = 4;

export const isSentenceOrd = (ord: number): boolean => ord >= SENTENCE_ORD;

export interface Chunk {
  /** 0… for passages, {@link SENTENCE_ORD}… for sentences. */
  ord: number;
  text: string;
  /** sha256(title ␟ text): what the embedding sees, so a title change re-embeds too. */
  hash: string;
}

function splitLong(paragraph: string): string[] {
  if (paragraph.length <= MAX_CHUNK_CHARS) return [paragraph];
  // Keep the sentence-ending punctuation with its sentence.
  const sentences = paragraph.match(/[^。！？!?；;\n]+[。！？!?；;]*/g) ?? [paragraph];
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    if (cur && cur.length + s.length > MAX_CHUNK_CHARS) {
      out.push(cur);
      cur = '';
    }
    // A single sentence longer than the limit is cut hard rather than dropped.
    for (let i = 0; i < s.length; i += MAX_CHUNK_CHARS) {
      const piece = s.slice(i, i + MAX_CHUNK_CHARS);
      if (cur && cur.length + piece.length > MAX_CHUNK_CHARS) {
        out.push(cur);
        cur = '';
      }
      cur += piece;
    }
  }
  if (cur) out.push(cur);
  return out;
}

export function chunkHash(title: string, text: string): string {
  return createHash('sha256').update(`${title}\u241f${text}`).digest('hex');
}

/** Cells of a Markdown table row ("| a | b |" → ["a", "b"]). */
export function tableCells(line: string): string[] {
  return line
    .split('|')
    .map((c) => c.trim())
    .filter(Boolean);
}

/** A row above a `| --- |` line names the columns. */
export function isTableSeparator(line: string | undefined): boolean {
  return !!line?.startsWith('|') && tableCells(line).every((c) => /^:?-{2,}:?$/.test(c));
}

/**
 * A table row as text, each cell with its column's name: "支付方式 信用卡：商家同意后到账时间 1–7 个工作日".
 * The first cell is what the row is about; the rest say what holds for it.
 */
export function tableRowText(cells: readonly string[], header: readonly string[]): string {
  const named = cells.map((c, k) => (header[k] && header[k] !== c ? `${header[k]} ${c}` : c));
  return named.length > 1 ? `${named[0]}：${named.slice(1).join('，')}` : (named[0] ?? '');
}

/**
 * The body's lines as plain sentences: Markdown markers dropped, a table row read as its cells
 * ("信用卡，1–7 个工作日，以发卡行入账为准"), separators and header-only rows skipped, an over-long line
 * split at sentence ends.
 */
export function sentenceUnits(body: string): string[] {
  const cellsOf = tableCells;
  const isSeparatorRow = isTableSeparator;
  const lines = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim());
  const out: string[] = [];
  let header: string[] = [];
  lines.forEach((raw, i) => {
    let line = raw;
    if (!line || /^[-=*_\s]{3,}$/.test(line) || line.startsWith('```') || isSeparatorRow(line)) return;
    if (line.startsWith('|')) {
      // The row above the separator names the columns: each later row is read with them.
      if (isSeparatorRow(lines[i + 1])) {
        header = cellsOf(line);
        return;
      }
      line = tableRowText(cellsOf(line), header);
    } else header = [];
    line = line
      .replace(/^#{1,6}\s+/, '')
      .replace(/^(?:[-*+]|\d+[.)、])\s+/, '')
      .replace(/\*\*|__|`/g, '')
      .trim();
    if (line.length >= MIN_SENTENCE_CHARS) out.push(...splitLong(line));
  });
  return out;
}

export function chunkDocument(title: string, body: string): Chunk[] {
  const passages = passageTexts(title, body);
  const chunks = passages.map((text, ord) => ({ ord, text, hash: chunkHash(title, text) }));
  // A one-line document's sentence is its passage: no second vector for the same text.
  const sentences = sentenceUnits(body).filter((s) => !passages.includes(s));
  if (sentences.length > 1 || (sentences.length === 1 && passages.length > 1))
    sentences.forEach((text, i) =>
      chunks.push({ ord: SENTENCE_ORD + i, text, hash: chunkHash(title, text) }),
    );
  return chunks;
}

const HEADING = /^#{1,6}\s/;

/**
 * Passages: paragraphs joined up to MAX_CHUNK_CHARS, never across a heading. A section is one topic
 * ("## 适用条件", "## 运费"); a passage spanning two is a vector between them, close to neither
 * (measured on the dev questions: 0.848 → 0.864 hit@1 when passages stopped at headings).
 */
function passageTexts(title: string, body: string): string[] {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n|\n(?=#{1,6}\s)/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap(splitLong);
  const texts: string[] = [];
  let cur = '';
  for (const p of paragraphs) {
    if (cur && (cur.length + p.length + 1 > MAX_CHUNK_CHARS || HEADING.test(p))) {
      texts.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n${p}` : p;
  }
  if (cur) texts.push(cur);
  if (texts.length === 0) texts.push(title);
  return texts;
}

export function contentHash(doc: {
  tier: string;
  title: string;
  body: string;
  tags: readonly string[];
}): string {
  return createHash('sha256')
    .update(JSON.stringify([doc.tier, doc.title, doc.body, [...doc.tags].sort()]))
    .digest('hex');
}
