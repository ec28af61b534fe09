// Feedback metrics from outcomes, in plain TypeScript so every HubStore implementation reports the
// same numbers.
import type { Outcome } from '../../shared/domain';
import type { Metrics } from './types';

/** Feedback aggregates over a set of outcomes (pure; shared by every store implementation). */
export function aggregate(outcomes: readonly Outcome[]): Metrics {
  const shown = new Map<string, Set<string>>();
  const adopted = new Map<string, Set<string>>();
  let mSent = 0;
  let mConverted = 0;
  let handle = 0;
  const byIntent = new Map<string, { resolved: number; total: number }>();
  for (const o of outcomes) {
    handle += o.handleTimeMs;
    for (const e of o.suggestionEvents) {
      const id = `${o.ticketId}:${e.suggestionId}`;
      if (!shown.has(e.source)) shown.set(e.source, new Set());
      if (!adopted.has(e.source)) adopted.set(e.source, new Set());
      shown.get(e.source)!.add(id);
      if (e.event === 'sent' || e.event === 'inserted') adopted.get(e.source)!.add(id);
    }
    const sent = new Set<string>();
    const converted = new Set<string>();
    for (const e of o.marketingEvents) {
      if (e.event === 'sent') sent.add(e.recommendationId);
      if (e.event === 'converted') converted.add(e.recommendationId);
    }
    mSent += sent.size;
    mConverted += [...converted].filter((id) => sent.has(id)).length;
    const s = byIntent.get(o.intent) ?? { resolved: 0, total: 0 };
    s.total++;
    if (o.resolution === 'resolved') s.resolved++;
    byIntent.set(o.intent, s);
  }
  const adoptionBySource: Record<string, number> = {};
  for (const [src, ids] of shown) adoptionBySource[src] = ratio(adopted.get(src)?.size ?? 0, ids.size);
  const resolutionRateByIntent: Record<string, number> = {};
  for (const [intent, s] of byIntent) resolutionRateByIntent[intent] = ratio(s.resolved, s.total);
  return {
    outcomes: outcomes.length,
    adoptionBySource,
    marketingConversion: ratio(mConverted, mSent),
    avgHandleTimeMs: outcomes.length ? Math.round(handle / outcomes.length) : 0,
    resolutionRateByIntent,
  };
}

function ratio(a: number, b: number): number {
  return b ? Math.round((a / b) * 10_000) / 10_000 : 0;
}
