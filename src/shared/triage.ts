// Offline triage: one score per ticket from SLA due time, sentiment, intent severity, customer value
// and priority, with each factor's share kept so the agent can see why a ticket ranks where it does.
// Pure, so the core computes it and the renderer can recompute it as the SLA clock runs.
import { INTENTS, type IntentId } from './intents';

export interface TriageInput {
  intent: IntentId;
  priority: number;
  slaDueAt: number;
  sentimentScore: number;
  vipLevel: number;
  totalSpent: number;
}

export type TriageFactor = 'sla' | 'severity' | 'sentiment' | 'value' | 'priority';

export interface Triage {
  /** 0 … 100; higher = handle first. */
  score: number;
  /** Each factor's contribution in points; they add up to `score`. */
  factors: Record<TriageFactor, number>;
}

export const TRIAGE_WEIGHTS: Record<TriageFactor, number> = {
  sla: 35,
  severity: 20,
  sentiment: 20,
  priority: 15,
  value: 10,
};

/** Half an hour out, SLA pressure starts to count; at or past the due time it counts fully. */
const SLA_HORIZON_MS = 30 * 60_000;

export function triage(input: TriageInput, now: number): Triage {
  const remaining = input.slaDueAt - now;
  const raw: Record<TriageFactor, number> = {
    sla: remaining <= 0 ? 1 : Math.max(0, 1 - remaining / SLA_HORIZON_MS),
    severity: (INTENTS[input.intent].severity - 1) / 4,
    sentiment: Math.max(0, -input.sentimentScore),
    priority: (4 - Math.min(4, Math.max(1, input.priority))) / 3,
    value: 0.5 * Math.min(1, input.vipLevel / 7) + 0.5 * Math.min(1, input.totalSpent / 20_000),
  };
  const factors = Object.fromEntries(
    (Object.keys(raw) as TriageFactor[]).map((k) => [k, Math.round(raw[k] * TRIAGE_WEIGHTS[k] * 10) / 10]),
  ) as Record<TriageFactor, number>;
  const score = Math.round(Object.values(factors).reduce((a, b) => a + b, 0) * 10) / 10;
  return { score, factors };
}
