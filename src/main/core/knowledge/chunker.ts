// Splits a document body into retrieval chunks. Knowledge articles are short policy/FAQ texts:
// a chunk is a run of whole paragraphs (or sentences of an over-long paragraph) up to ~320 chars,
// small enough that a snippet shows the answer and a vector is about one topic.
import { createHash } from 'node:crypto';

export const MAX_CHUNK_CHARS = 320;

export interface Chunk {
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

export function chunkDocument(title: string, body: string): Chunk[] {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap(splitLong);
  const texts: string[] = [];
  let cur = '';
  for (const p of paragraphs) {
    if (cur && cur.length + p.length + 1 > MAX_CHUNK_CHARS) {
      texts.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n${p}` : p;
  }
  if (cur) texts.push(cur);
  if (texts.length === 0) texts.push(title);
  return texts.map((text, ord) => ({ ord, text, hash: chunkHash(title, text) }));
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
