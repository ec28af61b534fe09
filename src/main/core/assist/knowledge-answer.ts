// A knowledge hit as a reply: the sentence(s) of the document that answer the customer's question,
// not the search snippet (a window cut at a fixed length, often mid-table or mid-list). The document
// is cut into sentences (table rows, headings and separators dropped; list items kept as sentences;
// lines written for the agent — "坐席不得承诺…", "需耐心解释" — never offered to the customer), each
// sentence is scored against the question with the sentence embedder when it is loaded (cosine of the
// real model) or word overlap otherwise, and the best one, with its neighbour when that continues the
// same answer, becomes the reply. The score is the measured similarity, so it can be shown and trusted.
import { stripMarkdown } from '../../../shared/plain-text';
import { isTableSeparator, tableCells, tableRowText } from '../knowledge/chunker';
import { bigrams, dice } from './text-sim';

export interface AnswerSentence {
  text: string;
  /** Index of the paragraph (line block) it came from: neighbours in one paragraph may join. */
  paragraph: number;
}

/** Text that speaks to the agent about the customer, not to the customer. */
const AGENT_FACING =
  /坐席|话术|(?:指责|质问|怀疑|给|向|告知|告诉|帮)(?:客户|买家)|提醒(?:客户|买家)(?![：:])|(?:客户|买家)[^，。]{0,12}时[，,]|客服需|客服应|需耐心|应耐心|耐心解释|不得承诺|不要承诺|不可承诺|禁止|严禁|切勿|引导(?:客户|买家)|安抚(?:客户|买家)|(?:客户|买家)(?:要求|情绪|问)[^，。]{0,12}时|人工判断|升级(?:给|到)组长|需(?:客户|买家)自行/;
/** A case heading in a support table ("未发货订单，买家申请取消。"): says what happens, answers nothing. */
const CASE_LINE = /^[^。]{0,12}[，,]?(?:买家|客户)(?:申请|要求|反馈|提出)[^，。]{0,6}[。]?$/;
/** A gap left between Chinese words where markup was ("积分 **双倍**累计" → "积分 双倍累计"). */
const MARKUP_GAP = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;
const MIN_CHARS = 8;
/** Bonus for a sentence holding every code/number of the question (see chooseAnswers). */
const CODE_WEIGHT = 0.1;
const MAX_CHARS = 160;
/** A reply joins the next sentence of its paragraph while short and that sentence still fits the question. */
const JOIN_UNDER_CHARS = 60;
const JOIN_RATIO = 0.6;

/** The document's sentences that could be said to a customer, in order. */
export function answerSentences(body: string): AnswerSentence[] {
  const text = body.replace(/^---\n[\s\S]*?\n---\n/, ''); // front matter, when a body still has it
  const out: AnswerSentence[] = [];
  let paragraph = 0;
  let header: string[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (!line) {
      paragraph++;
      continue;
    }
    // Headings, separators and a table's header row are structure, not sentences; a table's other
    // rows are read with their column names (chunker.ts), one sentence each: "信用卡：… 1–7 个工作日".
    if (
      /^#{1,6}\s/.test(line) ||
      /^[-=*_\s]{3,}$/.test(line) ||
      line.startsWith('```') ||
      isTableSeparator(line)
    )
      continue;
    let source = line;
    if (line.startsWith('|')) {
      if (isTableSeparator(lines[i + 1])) {
        header = tableCells(line);
        continue;
      }
      source = tableRowText(tableCells(line), header);
      paragraph++;
    } else if (line.includes('|')) continue;
    const isItem = /^(?:[-*+]|\d+[.)、])\s+/.test(line);
    if (isItem) paragraph++;
    // Table rows keep the space between a column's name and its value on purpose.
    const stripped = stripMarkdown(source).trim();
    const plain = line.startsWith('|') ? stripped : stripped.replace(MARKUP_GAP, '$1');
    for (const m of plain.matchAll(/[^。！？!?；;]+[。！？!?；;]?/g)) {
      let s = m[0].trim();
      // A pointer to another article ("见《修改收货地址》") answers nothing by itself.
      // A line ending in a colon introduces the list below it ("以下商品默认不适用…："): no answer alone.
      if (/[：:]$/.test(s) && !isItem) continue;
      if (
        s.length < MIN_CHARS ||
        s.length > MAX_CHARS ||
        AGENT_FACING.test(s) ||
        CASE_LINE.test(s) ||
        /见《/.test(s)
      )
        continue;
      s = s
        .replace(/[；;，,、：:]$/, '')
        .replace(/^提醒(?:客户|买家)[：:]/, '')
        .replace(/请(?:客户|买家)/g, '请您')
        .replace(/(?:买家|客户)(?=[需可请应])/g, '您')
        .replace(/建议(?:买家|客户)/g, '建议您');
      if (!/[。！？!?]$/.test(s)) s += '。';
      out.push({ text: s, paragraph });
    }
  }
  return out;
}

export interface ChosenAnswer {
  text: string;
  /**
   * 0…1. With the model: how far the sentence's cosine with the question stands above the question's
   * cosine with replies that answer nothing (BASELINE), so 0 means "no closer than small talk" on any
   * model, whatever its cosine scale. Without the model: word overlap.
   */
  relevance: number;
  by: 'embedding' | 'overlap';
}

/**
 * Replies that answer no question: the question's mean cosine with them is what "unrelated" looks like
 * for this model and this question. Models differ widely (bge puts unrelated Chinese sentences at
 * ~0.4, a static lookup near 0.1), so a fixed cosine threshold cannot mean the same on both.
 */
const BASELINE = [
  '好的，收到。',
  '您好，很高兴为您服务。',
  '感谢您的耐心等待。',
  '祝您生活愉快！',
  '今天天气不错。',
  '请问还有其他可以帮您的吗？',
];

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
};

/**
 * The best answer in each document to `question`: one entry per document, in the order given (null
 * where a document has no sentence for the customer). One embedder call for all of them.
 */
export async function chooseAnswers(
  question: string,
  docs: readonly { body: string }[],
  embed?: (texts: string[]) => Promise<Float32Array[]>,
  maxSentencesPerDoc = 12,
): Promise<(ChosenAnswer | null)[]> {
  const perDoc = docs.map((d) => answerSentences(d.body).slice(0, maxSentencesPerDoc));
  const flat = perDoc.flat();
  if (!flat.length) return docs.map(() => null);
  let scores: number[];
  let by: ChosenAnswer['by'] = 'overlap';
  const q = bigrams(question);
  const overlap = flat.map((s) => dice(q, bigrams(s.text)));
  if (embed) {
    try {
      const vecs = await embed([question, ...BASELINE, ...flat.map((s) => s.text)]);
      const qv = vecs[0]!;
      const base = BASELINE.reduce((sum, _, i) => sum + cosine(qv, vecs[i + 1]!), 0) / BASELINE.length;
      const at0 = BASELINE.length + 1;
      // Mostly the model; word overlap breaks its near-ties toward the sentence naming the thing asked.
      scores = flat.map((_, i) => {
        const lift = (cosine(qv, vecs[at0 + i]!) - base) / Math.max(1e-6, 1 - base);
        return 0.85 * Math.max(0, lift) + 0.15 * overlap[i]!;
      });
      by = 'embedding';
    } catch {
      scores = overlap;
    }
  } else scores = overlap;
  // A code or number the customer typed (JT, SF, 245, 175) names the row that answers: the model
  // reads JT and YT, 240 and 245 as near the same.
  const codes = [...new Set((question.toLowerCase().match(/[a-z0-9]{2,}/g) ?? []) as string[])];
  if (codes.length)
    scores = scores.map((sc, i) => {
      const text = flat[i]!.text.toLowerCase();
      return sc + (CODE_WEIGHT * codes.filter((c) => text.includes(c)).length) / codes.length;
    });

  let at = 0;
  return perDoc.map((sentences) => {
    const base = at;
    at += sentences.length;
    if (!sentences.length) return null;
    let best = 0;
    for (let i = 1; i < sentences.length; i++) if (scores[base + i]! > scores[base + best]!) best = i;
    const top = scores[base + best]!;
    let text = sentences[best]!.text;
    const next = sentences[best + 1];
    if (
      next &&
      next.paragraph === sentences[best]!.paragraph &&
      text.length < JOIN_UNDER_CHARS &&
      scores[base + best + 1]! >= top * JOIN_RATIO
    )
      text += next.text;
    return { text, relevance: Math.max(0, Math.min(1, top)), by };
  });
}
