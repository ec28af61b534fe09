// Does the knowledge panel's "解答可能性 N%" still mean what it says? A hit's relevance is a logistic
// function of its document score with the slope and intercept in the model's manifest
// (xiaoer-model.json), fitted once; any change to chunking, query text or fusion moves the scores, so
// `npm run kb -- eval kb` checks it on every run: the top-3 hits of each labelled question (an answer
// or not) and of off-topic questions (never an answer), predicted against actual per bin, the Brier
// score beside a constant predictor's, the highest relevance any off-topic hit gets, and the fit
// the dev questions and off-topic ones would give now (to copy into the manifest when it drifted).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resourcePath } from '../resources';
import type { KbQuestion } from './eval-kb';
import type { KnowledgeService } from './index';
import { calibratedRelevance } from './relevance';

export const OFF_TOPIC_FILE = () => resourcePath('eval', 'kb-offtopic.json');

export function loadOffTopic(file = OFF_TOPIC_FILE()): string[] {
  const parsed = z
    .object({ questions: z.array(z.string().min(1)).min(1) })
    .safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not an off-topic question file`);
  return parsed.data.questions;
}

export interface ScoredHit {
  score: number;
  answers: boolean;
}

/** Top-`k` hits of each question with whether each answers it; off-topic questions answer nothing. */
export async function scoredHits(
  svc: KnowledgeService,
  questions: readonly KbQuestion[],
  offTopic: readonly string[] = [],
  k = 3,
): Promise<{ labelled: ScoredHit[]; offTopic: ScoredHit[] }> {
  const run = async (q: string, docs: readonly string[]) =>
    (await svc.search(q, { limit: k })).hits.map((h) => ({
      score: h.score,
      answers: docs.includes(h.docId),
    }));
  const labelled: ScoredHit[] = [];
  for (const q of questions) labelled.push(...(await run(q.q, q.docs)));
  const off: ScoredHit[] = [];
  for (const q of offTopic) off.push(...(await run(q, [])));
  return { labelled, offTopic: off };
}

export interface Logistic {
  slope: number;
  intercept: number;
}

/** Maximum-likelihood logistic fit of P(answers) on the score (Newton's method, two parameters). */
export function fitLogistic(points: readonly ScoredHit[]): Logistic {
  let a = 0; // intercept
  let b = 0; // slope
  for (let iter = 0; iter < 50; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (const p of points) {
      const pr = 1 / (1 + Math.exp(-(a + b * p.score)));
      const y = p.answers ? 1 : 0;
      const w = pr * (1 - pr);
      ga += y - pr;
      gb += (y - pr) * p.score;
      haa += w;
      hab += w * p.score;
      hbb += w * p.score * p.score;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { slope: b, intercept: a };
}

export interface CalibrationBin {
  from: number;
  to: number;
  hits: number;
  predicted: number;
  actual: number;
}

export interface CalibrationCheck {
  hits: number;
  bins: CalibrationBin[];
  brier: number;
  /** Brier score of always predicting the base rate: what a figure that knows nothing scores. */
  brierConstant: number;
}

/** Predicted vs actual in fifths of the probability scale, and the Brier score. Pure. */
export function checkCalibration(points: readonly ScoredHit[], fit: Logistic): CalibrationCheck {
  const p = points.map((x) => calibratedRelevance(x.score, fit));
  const y: number[] = points.map((x) => (x.answers ? 1 : 0));
  const n = points.length || 1;
  const base = y.reduce((s, v) => s + v, 0) / n;
  const bins: CalibrationBin[] = [];
  for (let i = 0; i < 5; i++) {
    const from = i / 5;
    const to = (i + 1) / 5;
    const idx = p.flatMap((v, j) => (v >= from && (v < to || (i === 4 && v <= 1)) ? [j] : []));
    if (!idx.length) continue;
    bins.push({
      from,
      to,
      hits: idx.length,
      predicted: idx.reduce((s, j) => s + p[j]!, 0) / idx.length,
      actual: idx.reduce((s, j) => s + y[j]!, 0) / idx.length,
    });
  }
  return {
    hits: points.length,
    bins,
    brier: p.reduce((s, v, j) => s + (v - y[j]!) ** 2, 0) / n,
    brierConstant: y.reduce((s, v) => s + (base - v) ** 2, 0) / n,
  };
}

export function formatCalibration(name: string, c: CalibrationCheck): string {
  const bins = c.bins.map((b) => `${b.predicted.toFixed(2)}→${b.actual.toFixed(2)} (${b.hits})`).join('  ');
  return `  ${name.padEnd(22)} predicted→actual per fifth: ${bins}   Brier ${c.brier.toFixed(3)} (constant ${c.brierConstant.toFixed(3)}, ${c.hits} hits)`;
}
