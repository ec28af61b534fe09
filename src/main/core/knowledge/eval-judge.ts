// An automatic judge for the suggestion evaluation: does a suggestion speak to the kind of question
// this ticket's customer asks? Each intent's customers are known from the simulator's own lines (what
// they open with, push back with and answer with — not the upstream AI's replies, which would favour
// that source), embedded with the real model as retrieval queries; a suggestion, embedded as a passage,
// is on topic when the ticket's intent is among the K intents whose customers it answers best (mean of
// its cosines to that intent's lines, highest first). K = 3 because neighbouring intents share
// answers (a return, a refund and an exchange; a tracking and a delivery exception). It does not see
// facts or tone: it is checked against hand grading in the README, not a replacement for it.
import type { Intent } from '../../../shared/domain';
import { INTENT_IDS } from '../../../shared/intents';
import { CLOSERS } from '../../../simulator/scripts/closers';
import { SCRIPTS } from '../../../simulator/scripts';

export const JUDGE_TOP_K = 3;

type Embed = (texts: string[]) => Promise<Float32Array[]>;

const neutral = (line: string) =>
  line
    .replaceAll('{product}', '这款')
    .replaceAll('{order}', '这个订单')
    .replaceAll('{carrier}', '快递')
    .replaceAll('{tracking}', '单号')
    .replaceAll('{city}', '本地')
    .replaceAll('{size}', 'M')
    .replaceAll('{amount}', '20')
    .replaceAll('{total}', '100');

/** The customer lines of each intent (defaults and every product variant), closers left out. */
export function customerLines(intent: Intent): string[] {
  const s = SCRIPTS[intent];
  const variants = Object.values(s.byCategory ?? {});
  const lines = [
    s.openers,
    s.pushback,
    s.answers,
    ...variants.flatMap((v) => [v.openers ?? [], v.answers ?? []]),
  ]
    .flat()
    .filter((l) => !CLOSERS.includes(l));
  return [...new Set(lines.map(neutral))];
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

export interface TopicJudge {
  /** The intents a reply answers best, best first. */
  ranking(text: string): Promise<Intent[]>;
  onTopic(text: string, intent: Intent): Promise<boolean>;
}

export async function topicJudge(embedQueries: Embed, embedPassages: Embed): Promise<TopicJudge> {
  const lines = INTENT_IDS.map((i) => ({ intent: i, lines: customerLines(i) }));
  const flat = lines.flatMap((l) => l.lines);
  const vecs = await embedQueries(flat);
  let at = 0;
  const byIntent = lines.map((l) => {
    const v = vecs.slice(at, at + l.lines.length);
    at += l.lines.length;
    return { intent: l.intent, vecs: v };
  });
  const ranking = async (text: string) => {
    const [p] = await embedPassages([text]);
    return byIntent
      .map((x) => ({ intent: x.intent, score: x.vecs.reduce((s, v) => s + dot(v, p!), 0) / x.vecs.length }))
      .sort((a, b) => b.score - a.score)
      .map((x) => x.intent);
  };
  return {
    ranking,
    onTopic: async (text, intent) => (await ranking(text)).slice(0, JUDGE_TOP_K).includes(intent),
  };
}
