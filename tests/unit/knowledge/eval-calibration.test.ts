import { describe, expect, it } from 'vitest';
import {
  checkCalibration,
  fitLogistic,
  loadOffTopic,
  type ScoredHit,
} from '../../../src/main/core/knowledge/eval-calibration';
import {
  DEFAULT_QUESTIONS_FILE,
  HELDOUT_QUESTIONS_FILE,
  loadQuestions,
} from '../../../src/main/core/knowledge/eval-kb';

/** Hits whose answer rate at each score is exactly the logistic with these parameters. */
function synthetic(slope: number, intercept: number): ScoredHit[] {
  const out: ScoredHit[] = [];
  for (let s = 0.3; s <= 0.9; s += 0.02) {
    const p = 1 / (1 + Math.exp(-(slope * s + intercept)));
    const yes = Math.round(p * 200);
    for (let i = 0; i < 200; i++) out.push({ score: s, answers: i < yes });
  }
  return out;
}

describe('relevance calibration check', () => {
  it('recovers the logistic that generated the answers', () => {
    const fit = fitLogistic(synthetic(18.8, -11.44));
    expect(fit.slope).toBeCloseTo(18.8, 0);
    expect(fit.intercept).toBeCloseTo(-11.44, 0);
  });

  it('bins predictions in fifths against the actual rate, and beats a constant when calibrated', () => {
    const hits = synthetic(18.8, -11.44);
    const good = checkCalibration(hits, { slope: 18.8, intercept: -11.44 });
    for (const b of good.bins) expect(Math.abs(b.predicted - b.actual), `${b.from}`).toBeLessThan(0.05);
    expect(good.bins.reduce((n, b) => n + b.hits, 0)).toBe(hits.length);
    expect(good.brier).toBeLessThan(good.brierConstant);
    // Too confident: every hit said to answer. The check shows it.
    const bad = checkCalibration(hits, { slope: 1, intercept: 10 });
    expect(bad.brier).toBeGreaterThan(good.brier);
    expect(bad.bins.at(-1)!.predicted - bad.bins.at(-1)!.actual).toBeGreaterThan(0.3);
  });

  it('has off-topic questions that share none of the labelled ones', () => {
    const off = loadOffTopic();
    expect(off.length).toBeGreaterThanOrEqual(16);
    const labelled = new Set(
      [...loadQuestions(DEFAULT_QUESTIONS_FILE()), ...loadQuestions(HELDOUT_QUESTIONS_FILE())].map(
        (q) => q.q,
      ),
    );
    for (const q of off) expect(labelled.has(q), q).toBe(false);
  });
});
