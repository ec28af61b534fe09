// Feedback metrics from outcomes, in plain TypeScript so every HubStore implementation reports the
// same numbers.
import type { Outcome } from '../../shared/domain';
import type { Metrics } from './types';

interface SourceTally {
  shown: Set<string>;
  adopted: Set<string>;
  /** suggestion id → the largest edit distance reported for it (the agent's final edit). */
  edits: Map<string, number>;
}

/** Feedback aggregates over a set of outcomes (pure; shared by every store implementation). */
export function aggregate(outcomes: readonly Outcome[]): Metrics {
  const sources = new Map<string, SourceTally>();
  let mSent = 0;
  let mConverted = 0;
  let handle = 0;
  let firstResponse = { sum: 0, n: 0 };
  let csat = { sum: 0, n: 0 };
  const byIntent = new Map<string, { resolved: number; total: number; handle: number }>();
  for (const o of outcomes) {
    handle += o.handleTimeMs;
    if (o.firstResponseMs !== null)
      firstResponse = { sum: firstResponse.sum + o.firstResponseMs, n: firstResponse.n + 1 };
    if (o.csat !== null) csat = { sum: csat.sum + o.csat, n: csat.n + 1 };
    for (const e of o.suggestionEvents) {
      const id = `${o.ticketId}:${e.suggestionId}`;
      let s = sources.get(e.source);
      if (!s) sources.set(e.source, (s = { shown: new Set(), adopted: new Set(), edits: new Map() }));
      s.shown.add(id);
      if (e.event === 'sent' || e.event === 'inserted') s.adopted.add(id);
      // The engine reports the distance on 'edited' and, against the text finally sent, on 'sent'.
      if (e.editDistance !== undefined && e.editDistance > 0)
        s.edits.set(id, Math.max(s.edits.get(id) ?? 0, e.editDistance));
    }
    const sent = new Set<string>();
    const converted = new Set<string>();
    for (const e of o.marketingEvents) {
      if (e.event === 'sent') sent.add(e.recommendationId);
      if (e.event === 'converted') converted.add(e.recommendationId);
    }
    mSent += sent.size;
    mConverted += [...converted].filter((id) => sent.has(id)).length;
    const s = byIntent.get(o.intent) ?? { resolved: 0, total: 0, handle: 0 };
    s.total++;
    s.handle += o.handleTimeMs;
    if (o.resolution === 'resolved') s.resolved++;
    byIntent.set(o.intent, s);
  }
  const adoptionBySource: Record<string, number> = {};
  const suggestionsBySource: Metrics['suggestionsBySource'] = {};
  for (const [src, s] of sources) {
    adoptionBySource[src] = ratio(s.adopted.size, s.shown.size);
    const edited = [...s.edits.keys()].filter((id) => s.adopted.has(id));
    suggestionsBySource[src] = {
      shown: s.shown.size,
      adopted: s.adopted.size,
      edited: edited.length,
      avgEditDistance: edited.length
        ? Math.round((edited.reduce((n, id) => n + s.edits.get(id)!, 0) / edited.length) * 10) / 10
        : null,
    };
  }
  const resolutionRateByIntent: Record<string, number> = {};
  const outcomesByIntent: Metrics['outcomesByIntent'] = {};
  for (const [intent, s] of byIntent) {
    resolutionRateByIntent[intent] = ratio(s.resolved, s.total);
    outcomesByIntent[intent] = {
      outcomes: s.total,
      resolved: s.resolved,
      avgHandleTimeMs: Math.round(s.handle / s.total),
    };
  }
  return {
    outcomes: outcomes.length,
    adoptionBySource,
    marketingConversion: ratio(mConverted, mSent),
    avgHandleTimeMs: outcomes.length ? Math.round(handle / outcomes.length) : 0,
    resolutionRateByIntent,
    avgFirstResponseMs: firstResponse.n ? Math.round(firstResponse.sum / firstResponse.n) : null,
    csatAvg: csat.n ? Math.round((csat.sum / csat.n) * 100) / 100 : null,
    marketing: { sent: mSent, converted: mConverted },
    suggestionsBySource,
    outcomesByIntent,
  };
}

function ratio(a: number, b: number): number {
  return b ? Math.round((a / b) * 10_000) / 10_000 : 0;
}
