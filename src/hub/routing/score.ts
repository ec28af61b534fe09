// The routing score: pure functions, so the weights and their shift under queue pressure are unit-tested
// without a server. The router feeds it live presence, load and the feedback store's resolution rates.
import type { Intent } from '../../shared/domain';
import type { AssignmentReason } from '../../shared/hub-protocol';
import { INTENTS, type IntentCategory } from '../../shared/intents';

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

/** Each intent's category, looked up per agent skill on every ticket (a Map beats a keyed object read). */
const CATEGORY_OF: ReadonlyMap<Intent, IntentCategory> = new Map(
  (Object.keys(INTENTS) as Intent[]).map((id) => [id, INTENTS[id].category]),
);

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
 * ticket over every online agent (500 in the bench), so everything that is the same for all agents —
 * the weights, the points for each level of skill match, the prior's resolution points, the ticket's
 * intent category — is worked out once per ticket, an agent's score is plain arithmetic on numbers
 * (no per-agent objects or callbacks), the best `limit` are kept by insertion (no sort of everyone),
 * and only those are explained. The totals are rounded exactly as scoreAgent rounds them.
 */
export function rankAgents(
  agents: readonly CandidateAgent[],
  intent: Intent,
  pressure: number,
  limit = Infinity,
): AssignmentReason[] {
  const keep = Math.min(limit, agents.length);
  if (keep <= 0) return [];
  const w = weightsFor(pressure);
  const exactPoints = round(1 * w.skill);
  const categoryPoints = round(0.4 * w.skill);
  const nonePoints = round(0 * w.skill);
  const priorPoints = round(smoothedResolution(undefined) * w.resolution);
  const category = INTENTS[intent].category;
  const best: CandidateAgent[] = [];
  const totals: number[] = [];
  for (const a of agents) {
    if (a.load >= a.capacity) continue;
    const skill = skillPoints(a.skills, intent, category, exactPoints, categoryPoints, nonePoints);
    const load = a.capacity > 0 ? Math.max(0, 1 - a.load / a.capacity) : 0;
    const idle = Math.min(1, Math.max(0, a.idleMs) / IDLE_SATURATION_MS);
    const total = round(
      skill +
        round(load * w.load) +
        (a.resolution ? round(smoothedResolution(a.resolution) * w.resolution) : priorPoints) +
        round(idle * w.idle),
    );
    if (best.length === keep && !ranksBefore(total, a, totals[keep - 1]!, best[keep - 1]!)) continue;
    let i = best.length === keep ? keep - 1 : best.length;
    while (i > 0 && ranksBefore(total, a, totals[i - 1]!, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      totals[i] = totals[i - 1]!;
      i--;
    }
    best[i] = a;
    totals[i] = total;
  }
  return best.map((a) => scoreAgent(a, intent, pressure));
}

/** Higher total first, then lower load, then id. */
function ranksBefore(total: number, a: CandidateAgent, thanTotal: number, than: CandidateAgent): boolean {
  return (
    total > thanTotal ||
    (total === thanTotal && (a.load < than.load || (a.load === than.load && a.id < than.id)))
  );
}

/** skillMatch(skills, intent) × the skill weight, from the per-ticket points (same values, no lookups per level). */
function skillPoints(
  skills: readonly Intent[],
  intent: Intent,
  category: IntentCategory,
  exact: number,
  sameCategory: number,
  none: number,
): number {
  let points = none;
  for (let i = 0; i < skills.length; i++) {
    const s = skills[i]!;
    if (s === intent) return exact;
    if (points === none && CATEGORY_OF.get(s) === category) points = sameCategory;
  }
  return points;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
