// Where suggestion candidates come from: the upstream AI's own list, merchant macros filled from the
// ticket, replies that resolved similar tickets, and knowledge answers (within a latency budget).
// Each candidate carries its source's own confidence as the ranking prior and a "why" for the agent.
import type { CoreText } from '../../../shared/core-texts';
import { createHash } from 'node:crypto';
import type { Coupon, SuggestionSource, Ticket } from '../../../shared/domain';
import type { Policy } from '../guard/policy';
import { historyCandidates } from './history';
import { fillMacros, type Macro } from './macros';
import type { ReplyCandidate } from './rank-replies';
import type { AssistStore } from './assist-store';
import { bigrams, dice, normalize } from './text-sim';
import { replyFromSnippet } from '../../../shared/plain-text';
import { chooseAnswers, type ChosenAnswer } from './knowledge-answer';

/** What the engine needs from the knowledge base (KnowledgeService satisfies it structurally). */
export interface KnowledgeSearch {
  search(
    query: string,
    options: { tiers?: ('general' | 'industry' | 'merchant')[]; tags?: string[]; limit?: number },
  ): Promise<{ hits: KnowledgeHit[] }>;
  /** The whole document behind a hit, to answer with its best sentences instead of the snippet. */
  getDoc?(id: string): { body: string } | null;
}
export interface KnowledgeHit {
  docId: string;
  title: string;
  snippet: string;
  score: number;
  tier: string;
}

export interface CandidateDeps {
  store: AssistStore;
  macros: readonly Macro[];
  policy: Policy;
  knowledge?: () => KnowledgeSearch | null | undefined;
  agentName?: () => string | undefined;
  couponFor?: (ticket: Ticket) => Coupon | undefined;
  knowledgeBudgetMs?: number;
  /** The sentence embedder (the knowledge model), when loaded: picks the answering sentence. */
  embed?: () => ((texts: string[]) => Promise<Float32Array[]>) | undefined;
}

export interface Candidate extends ReplyCandidate {
  prior: number;
  refKey: string;
  why: string;
  /** `why` as codes the renderer words in the reader's language. */
  whyTexts: CoreText[];
  refId?: string;
}

export const SOURCE_ZH: Record<SuggestionSource, string> = {
  upstream_ai: '上游AI',
  knowledge: '知识库',
  macro: '快捷短语',
  history: '历史回复',
  llm: '大模型草稿',
};
const DUPLICATE_SIMILARITY = 0.9;

export const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
export const shortHash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);
export const pct = (x: number) => `${Math.round(x * 100)}%`;

export function upstreamCandidates(ticket: Ticket): Candidate[] {
  return ticket.suggestions.map((s) => ({
    id: s.id,
    text: s.text,
    source: s.source,
    prior: clamp01(s.score),
    refKey: upstreamKey(s.text),
    why: `上游AI置信度 ${pct(s.score)}${s.reason ? `（${s.reason.slice(0, 80)}）` : ''}`,
    whyTexts: [
      {
        code: 'suggest.upstream',
        params: { score: s.score, ...(s.reason ? { note: s.reason.slice(0, 80) } : {}) },
      },
    ],
    ...(s.refId ? { refId: s.refId } : {}),
  }));
}

export function macroCandidates(deps: CandidateDeps, ticket: Ticket, customerText: string): Candidate[] {
  const filled = fillMacros(deps.macros, {
    ticket,
    policy: deps.policy,
    agentName: deps.agentName?.(),
    coupon: deps.couponFor?.(ticket),
  });
  const byId = new Map(deps.macros.map((m) => [m.id, m]));
  const out: Candidate[] = [];
  for (const f of filled) {
    if (f.missing.length) continue; // a reply with 【订单号】 holes is not a suggestion, it is homework
    if (!f.fitsProduct) continue; // sizes for a bag of nuts, fabric care for a charger
    const macro = byId.get(f.id)!;
    const hits = macro.keywords.filter((k) => customerText.includes(k));
    const specific = macro.intents.includes(ticket.intent);
    // A macro written for another intent needs more than one shared word: "改派要多少钱" shares 钱 with
    // the refund macro and asks nothing about a refund.
    const needed = specific ? 0 : macro.intents.length ? 2 : 1;
    if (hits.length < needed) continue;
    const signal = (specific ? 0.55 : 0.25) + 0.45 * Math.min(1, hits.length / 2);
    out.push({
      id: `macro-${f.id}`,
      text: f.text,
      source: 'macro',
      prior: signal,
      refKey: `macro:${f.id}`,
      refId: f.id,
      why: `「${f.title}」${specific ? '适用于当前意图' : ''}${hits.length ? `，命中关键词 ${hits.slice(0, 3).join('、')}` : ''}`,
      whyTexts: [
        {
          code: 'suggest.macro',
          params: {
            title: f.title.slice(0, 100),
            fitsIntent: specific,
            keywords: hits.slice(0, 3).map((k) => k.slice(0, 32)),
          },
        },
      ],
    });
  }
  return out.sort((a, b) => b.prior - a.prior).slice(0, 4);
}

export function historyCandidatesOf(deps: CandidateDeps, ticket: Ticket, customerText: string): Candidate[] {
  return historyCandidates(deps.store, ticket, customerText).map((h) => ({
    id: `history-${shortHash(h.key)}`,
    text: h.text,
    source: 'history',
    prior: clamp01(h.similarity * 1.6 + 0.05 * Math.min(4, h.uses - 1)),
    refKey: h.key,
    why: `相似问题（相似度 ${pct(h.similarity)}）已解决 ${h.uses} 次时使用过此回复`,
    whyTexts: [{ code: 'suggest.history', params: { similarity: h.similarity, uses: h.uses } }],
  }));
}

/** Answers below this are not answers (the best sentence barely relates to the question). */
const MIN_RELEVANCE = { embedding: 0.4, overlap: 0.06 } as const;

function withBudget<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function knowledgeCandidates(
  deps: CandidateDeps,
  customerText: string,
  notes: string[],
): Promise<Candidate[]> {
  const kb = deps.knowledge?.();
  if (!kb) {
    notes.push('知识库未启用');
    return [];
  }
  if (!customerText.trim()) return [];
  const budget = deps.knowledgeBudgetMs ?? 100;
  try {
    const res = await withBudget(kb.search(customerText, { limit: 4 }), budget);
    if (res === 'timeout') {
      notes.push(`知识库检索超过 ${budget}ms，本次未纳入`);
      return [];
    }
    const docs = res.hits.map((h) => kb.getDoc?.(h.docId) ?? null);
    // The answering sentences, by the model when it is loaded (within the same budget, else by words).
    const embed = deps.embed?.();
    const pick = (e?: (texts: string[]) => Promise<Float32Array[]>) =>
      chooseAnswers(
        customerText,
        docs.map((d) => ({ body: d?.body ?? '' })),
        e,
      );
    let answers: (ChosenAnswer | null)[] = embed
      ? await withBudget(pick(embed), budget).then((a) => (a === 'timeout' ? [] : a))
      : [];
    if (!answers.length) answers = await pick();
    return res.hits.flatMap((h, i) => {
      const a = docs[i] ? answers[i] : null;
      // Without the document (an old core, a race with a delete) the snippet, made fit to send.
      const text = a ? a.text : docs[i] ? '' : replyFromSnippet(h.snippet);
      if (!text) return [];
      if (a && a.relevance < MIN_RELEVANCE[a.by]) return [];
      const relevance = a ? a.relevance : h.score * 0.5;
      const how = a
        ? `${a.by === 'embedding' ? '与问题的相关度' : '与问题的字词重合度'} ${pct(a.relevance)}`
        : '检索片段';
      return [
        {
          id: `knowledge-${shortHash(`${h.docId}|${text}`)}`,
          text: text.slice(0, 2000),
          source: 'knowledge' as const,
          prior: clamp01(relevance),
          refKey: `kb:${h.docId}`,
          refId: h.docId,
          why: `知识库《${h.title.slice(0, 40)}》${how}`,
          whyTexts: [
            {
              code: 'suggest.knowledge',
              params: { title: h.title.slice(0, 40), by: a ? a.by : 'chunk', relevance: a ? a.relevance : 0 },
            },
          ],
        },
      ];
    });
  } catch (err) {
    notes.push(`知识库检索失败：${(err as Error).message}`);
    return [];
  }
}

export function upstreamKey(text: string): string {
  return `up:${shortHash(normalize(text))}`;
}

/** Near-identical texts from two sources are one suggestion; the stronger keeps it and the why says both. */
export function dedupe(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.prior - a.prior);
  const kept: { c: Candidate; grams: Map<string, number> }[] = [];
  const seenIds = new Set<string>();
  for (const c of sorted) {
    if (seenIds.has(c.id)) continue;
    const grams = bigrams(c.text);
    const twin = kept.find((k) => dice(k.grams, grams) >= DUPLICATE_SIMILARITY);
    if (twin) {
      if (twin.c.source !== c.source && !twin.c.why.includes(`同时来自${SOURCE_ZH[c.source]}`)) {
        twin.c.why += `；同时来自${SOURCE_ZH[c.source]}`;
        twin.c.whyTexts.push({ code: 'suggest.also_from', params: { source: c.source } });
      }
      continue;
    }
    seenIds.add(c.id);
    kept.push({ c, grams });
  }
  return kept.map((k) => k.c);
}
