// Pure helpers for the lead's insights view: the hub's feedback figures turned into chart rows.
import type { TeamMetrics } from '../../shared/api';

export interface SourceRow {
  source: string;
  /** Adopted and sent as the AI wrote it. */
  asIs: number;
  /** Adopted, then edited by the agent before sending. */
  edited: number;
  /** Shown and not used. */
  ignored: number;
  adoption: number;
  avgEditDistance: number | null;
}

/** Suggestion sources, most shown first. */
export function sourceRows(m: TeamMetrics): SourceRow[] {
  return Object.entries(m.suggestionsBySource)
    .map(([source, s]) => ({
      source,
      asIs: s.adopted - s.edited,
      edited: s.edited,
      ignored: s.shown - s.adopted,
      adoption: s.shown ? s.adopted / s.shown : 0,
      avgEditDistance: s.avgEditDistance,
    }))
    .sort((a, b) => b.asIs + b.edited + b.ignored - (a.asIs + a.edited + a.ignored));
}

export interface IntentRow {
  intent: string;
  outcomes: number;
  /** 0…100 */
  resolvedPct: number;
  avgHandleTimeMs: number;
}

/** Intents with outcomes, most handled first. */
export function intentRows(m: TeamMetrics): IntentRow[] {
  return Object.entries(m.outcomesByIntent)
    .map(([intent, s]) => ({
      intent,
      outcomes: s.outcomes,
      resolvedPct: s.outcomes ? Math.round((s.resolved / s.outcomes) * 1000) / 10 : 0,
      avgHandleTimeMs: s.avgHandleTimeMs,
    }))
    .sort((a, b) => b.outcomes - a.outcomes || a.intent.localeCompare(b.intent));
}

/** Share of closed tickets resolved by the human (vs. transferred, returned to the bot, pending). */
export function resolvedShare(m: TeamMetrics): number | null {
  const all = Object.values(m.outcomesByIntent);
  const total = all.reduce((n, s) => n + s.outcomes, 0);
  return total ? all.reduce((n, s) => n + s.resolved, 0) / total : null;
}
