// The relevance a knowledge hit shows ("解答可能性 N%"): a logistic function of the document score,
// with the slope and intercept from the model's manifest (xiaoer-model.json), checked on every
// `npm run kb -- eval kb` run (eval-calibration.ts).

/** P(answers) from a document score and the model's logistic calibration (model.ts), 2 decimals. */
export function calibratedRelevance(score: number, c: { slope: number; intercept: number }): number {
  return Math.round(100 / (1 + Math.exp(-(c.slope * score + c.intercept)))) / 100;
}
