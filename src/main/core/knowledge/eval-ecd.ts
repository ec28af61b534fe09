// Reply-ranking evaluation on the E-commerce Dialogue Corpus format:
//   label \t utterance_1 \t … \t utterance_n \t candidate    (words separated by spaces)
// Consecutive lines with the same context form one conversation. Metrics R10@1/2/5 = share of
// conversations whose true reply ranks within the top k (ties count against the true reply).
// A plain TF-IDF baseline (cosine over the corpus' own space-separated words, IDF over the file)
// is computed in the same run, as in the corpus paper.
import {
  collectionIdf,
  rankReplies,
  replyWords,
  type ConversationTurn,
  type RankOptions,
} from '../assist/rank-replies';

export interface EcdConversation {
  context: string[];
  candidates: { text: string; label: number }[];
}

export function parseEcd(text: string): EcdConversation[] {
  const out: EcdConversation[] = [];
  let lastKey = '';
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cols = line.split('\t');
    if (cols.length < 3) continue;
    const label = Number(cols[0]);
    const context = cols.slice(1, -1);
    const key = context.join('\t');
    if (key !== lastKey || !out.length) {
      out.push({ context, candidates: [] });
      lastKey = key;
    }
    out.at(-1)!.candidates.push({ text: cols.at(-1)!, label: label === 1 ? 1 : 0 });
  }
  return out.filter((c) => c.candidates.some((x) => x.label === 1));
}

/**
 * Pads every conversation to `size` candidates with replies drawn (seeded) from OTHER conversations,
 * the way the corpus' 10-candidate test sets add negatives, so R10@k can be read off a 2-candidate
 * sample. Random replies are easier negatives than the corpus' retrieved ones: compare systems only.
 */
export function padCandidates(convs: EcdConversation[], size: number, seed = 1): EcdConversation[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
  const pool = convs.flatMap((c, ci) => c.candidates.map((x) => ({ ci, text: x.text })));
  return convs.map((c, ci) => {
    const cands = [...c.candidates];
    const others = pool.filter((x) => x.ci !== ci && !cands.some((y) => y.text === x.text));
    while (cands.length < size && others.length) {
      const [x] = others.splice(Math.floor(rand() * others.length), 1);
      if (!cands.some((y) => y.text === x!.text)) cands.push({ text: x!.text, label: 0 });
    }
    return { context: c.context, candidates: cands };
  });
}

/** 1-based rank of the true candidate; pessimistic on ties. */
function rankOfTrue(scores: number[], labels: number[]): number {
  const t = labels.indexOf(1);
  const s = scores[t]!;
  return 1 + scores.filter((x, i) => i !== t && x >= s).length;
}

export interface EcdMetrics {
  conversations: number;
  candidatesPerConversation: number;
  r1: number;
  r2: number;
  r5: number;
}

function metrics(ranks: number[], sizes: number[]): EcdMetrics {
  const at = (k: number) => ranks.filter((r) => r <= k).length / Math.max(ranks.length, 1);
  return {
    conversations: ranks.length,
    candidatesPerConversation: sizes.length
      ? Math.round((sizes.reduce((a, b) => a + b, 0) / sizes.length) * 10) / 10
      : 0,
    r1: at(1),
    r2: at(2),
    r5: at(5),
  };
}

/** The mean of several runs (e.g. one per padding seed). */
export function averageMetrics(runs: readonly EcdMetrics[]): EcdMetrics {
  const mean = (f: (m: EcdMetrics) => number) => runs.reduce((a, m) => a + f(m), 0) / runs.length;
  return {
    conversations: runs[0]!.conversations,
    candidatesPerConversation: runs[0]!.candidatesPerConversation,
    r1: mean((m) => m.r1),
    r2: mean((m) => m.r2),
    r5: mean((m) => m.r5),
  };
}

/** Rn@k for n candidates; only the k below n say anything (R2@2 is always 1). */
export function formatMetrics(m: EcdMetrics): string {
  const n = Math.round(m.candidatesPerConversation);
  const at: [number, number][] = [
    [1, m.r1],
    [2, m.r2],
    [5, m.r5],
  ];
  return at
    .filter(([k]) => k < n)
    .map(([k, v]) => `R${n}@${k}=${v.toFixed(3)}`)
    .join(' ');
}

export function tfidfBaseline(convs: EcdConversation[]): EcdMetrics {
  const docs = convs
    .flatMap((c) => [...c.context, ...c.candidates.map((x) => x.text)])
    .map((s) => s.split(' ').filter(Boolean));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log(docs.length / (df.get(w) ?? 1));
  const vec = (words: string[]) => {
    const v = new Map<string, number>();
    for (const w of words) v.set(w, (v.get(w) ?? 0) + idf(w));
    return v;
  };
  const cos = (a: Map<string, number>, b: Map<string, number>) => {
    let d = 0;
    for (const [k, x] of a) d += x * (b.get(k) ?? 0);
    const n = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, x) => s + x * x, 0));
    return n(a) && n(b) ? d / (n(a) * n(b)) : 0;
  };
  const ranks = convs.map((c) => {
    const ctx = vec(c.context.join(' ').split(' ').filter(Boolean));
    return rankOfTrue(
      c.candidates.map((x) => cos(vec(x.text.split(' ').filter(Boolean)), ctx)),
      c.candidates.map((x) => x.label),
    );
  });
  return metrics(
    ranks,
    convs.map((c) => c.candidates.length),
  );
}

/**
 * The product's ranker on the corpus. The text goes in as the corpus has it (space-separated words,
 * which the ranker keeps instead of re-segmenting). IDF comes from every utterance and candidate in
 * the file, without labels, as for the baseline: the product's equivalent is its reply collection.
 */
export async function evaluateRanker(
  convs: EcdConversation[],
  embed?: (texts: string[]) => Promise<Float32Array[]>,
  options: Pick<RankOptions, 'embedQueries' | 'fusion' | 'weights'> = {},
): Promise<EcdMetrics> {
  const idf = collectionIdf(
    convs
      .flatMap((c) => [...c.context, ...c.candidates.map((x) => x.text)])
      .map((s) => replyWords(s, { keepStopwords: true })),
  );
  const ranks: number[] = [];
  for (const c of convs) {
    // Utterances alternate customer / agent starting with the customer (README of the corpus sample).
    const turns: ConversationTurn[] = c.context.map((u, i) => ({
      from: i % 2 === 0 ? 'customer' : 'agent',
      text: u,
    }));
    const cands = c.candidates.map((x, i) => ({ id: String(i), text: x.text, source: 'history' as const }));
    const ranked = await rankReplies(turns, cands, { idf, ...options, ...(embed ? { embed } : {}) });
    const scoreById = new Map(ranked.map((s) => [s.id, s.score]));
    // Pessimistic on ties: an equal score ranks the true reply below its competitor.
    ranks.push(
      rankOfTrue(
        cands.map((x) => scoreById.get(x.id) ?? 0),
        c.candidates.map((x) => x.label),
      ),
    );
  }
  return metrics(
    ranks,
    convs.map((c) => c.candidates.length),
  );
}
