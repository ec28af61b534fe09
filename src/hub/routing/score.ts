// The routing score: pure functions, so the weights and their shift under queue pressure are unit-tested
// without a server. The router feeds it live presence, load and the feedback store's resolution rates.
import type { Intent } from '../../shared/domain';
import type { AssignmentReason } from '../../shared/hub-protocol';
import { INTENTS } from '../../shared/intents';

export interface CandidateAgent {
  id: string;
  skills: readonly Intent[];
  load: number;
  capacity: number;
  /** ms since this agent last received a ticket (or came online). */
  idleMs: number;
  /** resolved / total outcomes for this intent, or undefined with no history. */
  resolution?: { resolved: number; total: number };
}

export type FactorName = 'skill' | 'load' | 'resolution' | 'idle';
export type Weights = Record<FactorName, number>;

export const BASE_WEIGHTS: Weights = { skill: 0.45, load: 0.25, resolution: 0.2, idle: 0.1 };
/** Under full pressure the hub cares more about spreading load and less about the perfect match. */
export const PRESSURE_WEIGHTS: Weights = { skill: 0.25, load: 0.4, resolution: 0.1, idle: 0.25 };

/** Prior for an agent with little history: behaves like 5 outcomes at 70% resolved. */
const PRIOR_RATE = 0.7;
const PRIOR_N = 5;
const IDLE_SATURATION_MS = 5 * 60_000;

/** queued tickets per free seat, squashed into 0…1 by the caller's `weightsFor`. */
export function queuePressure(queued: number, freeSeats: number): number {
  return queued / Math.max(1, freeSeats);
}

export function weightsFor(pressure: number): Weights {
  const t = Math.min(1, Math.max(0, pressure));
  const w = {} as Weights;
  for (const k of Object.keys(BASE_WEIGHTS) as FactorName[]) {
    w[k] = round(BASE_WEIGHTS[k] * (1 - t) + PRESSURE_WEIGHTS[k] * t);
  }
  return w;
}

export function skillMatch(skills: readonly Intent[], intent: Intent): number {
  if (skills.includes(intent)) return 1;
  const category = INTENTS[intent].category;
  return skills.some((s) => INTENTS[s].category === category) ? 0.4 : 0;
}

export function smoothedResolution(r: { resolved: number; total: number } | undefined): number {
  const resolved = r?.resolved ?? 0;
  const total = r?.total ?? 0;
  return (resolved + PRIOR_RATE * PRIOR_N) / (total + PRIOR_N);
}

export function factorsFor(agent: CandidateAgent, intent: Intent): Record<FactorName, number> {
  return {
    skill: skillMatch(agent.skills, intent),
    load: agent.capacity > 0 ? Math.max(0, 1 - agent.load / agent.capacity) : 0,
    resolution: smoothedResolution(agent.resolution),
    idle: Math.min(1, Math.max(0, agent.idleMs) / IDLE_SATURATION_MS),
  };
}

export function scoreAgent(agent: CandidateAgent, intent: Intent, pressure: number): AssignmentReason {
  const weights = weightsFor(pressure);
  const raw = factorsFor(agent, intent);
  const factors: Record<string, number> = {};
  let total = 0;
  for (const k of Object.keys(weights) as FactorName[]) {
    const contribution = round(raw[k] * weights[k]);
    factors[k] = contribution;
    total += contribution;
  }
  return {
    agentId: agent.id,
    total: round(total),
    factors,
    weights: { ...weights },
    queuePressure: round(pressure),
  };
}

/**
 * Ranks agents with a free seat for one ticket, best first; returns the top `limit` with their full
 * explanation. Ties break on lower load, then id, so the result is deterministic. This runs for every
 * ticket over every online agent, so scores are plain numbers (no per-agent objects), the best `limit`
 * are kept by insertion (no sort of everyone), and only those are explained.
 */
export function rankAgents(
  agents: readonly CandidateAgent[],
  intent: Intent,
  pressure: number,
  limit = Infinity,
): AssignmentReason[] {
  const w = weightsFor(pressure);
  const keep = Math.min(limit, agents.length);
  if (keep <= 0) return [];
  const best: { a: CandidateAgent; total: number }[] = [];
  const before = (total: number, a: CandidateAgent, than: { a: CandidateAgent; total: number }) =>
    total > than.total ||
    (total === than.total && (a.load < than.a.load || (a.load === than.a.load && a.id < than.a.id)));
  for (const a of agents) {
    if (a.load >= a.capacity) continue;
    const load = a.capacity > 0 ? Math.max(0, 1 - a.load / a.capacity) : 0;
    const idle = Math.min(1, Math.max(0, a.idleMs) / IDLE_SATURATION_MS);
    const total = round(
      round(skillMatch(a.skills, intent) * w.skill) +
        round(load * w.load) +
        round(smoothedResolution(a.resolution) * w.resolution) +
        round(idle * w.idle),
    );
    if (best.length === keep && !before(total, a, best[keep - 1]!)) continue;
    let i = best.length === keep ? keep - 1 : best.length;
    while (i > 0 && before(total, a, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = { a, total };
  }
  return best.map(({ a }) => scoreAgent(a, intent, pressure));
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
