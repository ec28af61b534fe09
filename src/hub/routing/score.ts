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
 * explanation. Ties break on lower load, then id, so the result is deterministic. Scores are computed
 * as plain numbers for everyone and explained only for the top few (this runs for every ticket).
 */
export function rankAgents(
  agents: readonly CandidateAgent[],
  intent: Intent,
  pressure: number,
  limit = Infinity,
): AssignmentReason[] {
  const w = weightsFor(pressure);
  const scored: { a: CandidateAgent; total: number }[] = [];
  for (const a of agents) {
    if (a.load >= a.capacity) continue;
    const f = factorsFor(a, intent);
    const total = round(
      round(f.skill * w.skill) +
        round(f.load * w.load) +
        round(f.resolution * w.resolution) +
        round(f.idle * w.idle),
    );
    scored.push({ a, total });
  }
  scored.sort((x, y) => y.total - x.total || x.a.load - y.a.load || (x.a.id < y.a.id ? -1 : 1));
  return scored.slice(0, limit).map(({ a }) => scoreAgent(a, intent, pressure));
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
