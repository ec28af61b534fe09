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
    load: freeShareOf(agent.load, agent.capacity),
    resolution: smoothedResolution(agent.resolution),
    idle: Math.min(1, Math.max(0, agent.idleMs) / IDLE_SATURATION_MS),
  };
}

export function scoreAgent(agent: CandidateAgent, intent: Intent, pressure: number): AssignmentReason {
  return explain(agent, intent, pressure, weightsFor(pressure));
}

/** scoreAgent with the ticket's weights already worked out (the ranking explains its top few with them). */
export function explain(
  agent: CandidateAgent,
  intent: Intent,
  pressure: number,
  weights: Weights,
): AssignmentReason {
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

/** How well an agent's skills fit an intent: 2 = has it (skillMatch 1), 1 = same category (0.4), 0 = none. */
export type SkillLevel = 0 | 1 | 2;

/** skillMatch as a level, without throwing on a skill that is no known intent (it matches nothing). */
export function skillLevel(skills: readonly Intent[], intent: Intent): SkillLevel {
  const category = INTENTS[intent].category;
  let level: SkillLevel = 0;
  for (let i = 0; i < skills.length; i++) {
    const s = skills[i]!;
    if (s === intent) return 2;
    if (level === 0 && CATEGORY_OF.get(s) === category) level = 1;
  }
  return level;
}

/**
 * One ticket's scoring: everything that is the same for all agents — the weights, the points for each
 * skill level, the prior's resolution points — worked out once, so an agent's score is arithmetic on
 * numbers. The score is in ten-thousandths, an integer: scoreAgent rounds each factor's points to four
 * decimals (round = Math.round(x × 10 000) / 10 000) and then their sum, so its total is exactly the
 * sum of the factors' Math.round(x × 10 000) over 10 000, and ordering by that integer sum is ordering
 * by scoreAgent's total, ties included — without four divisions and a rounding per agent.
 */
export class TicketScore {
  readonly weights: Weights;
  private readonly skillUnits: readonly [number, number, number];
  private readonly priorUnits: number;

  constructor(readonly pressure: number) {
    const w = (this.weights = weightsFor(pressure));
    this.skillUnits = [units(0 * w.skill), units(0.4 * w.skill), units(1 * w.skill)];
    this.priorUnits = units(smoothedResolution(undefined) * w.resolution);
  }

  /** scoreAgent's total × 10 000; `freeShare` = freeShareOf(load, capacity). */
  units(
    level: SkillLevel,
    freeShare: number,
    idleMs: number,
    history: { resolved: number; total: number } | undefined,
  ): number {
    const w = this.weights;
    return (
      this.skillUnits[level] +
      units(freeShare * w.load) +
      (history ? units(smoothedResolution(history) * w.resolution) : this.priorUnits) +
      units(Math.min(1, Math.max(0, idleMs) / IDLE_SATURATION_MS) * w.idle)
    );
  }

  /**
   * The most units any agent of `level` can score: a free share and idle time of 1, and a resolution
   * rate of 1 (a rate: resolved ≤ total) or, with no history for the intent, the prior. Each factor's
   * units only grow with the factor, so no agent of the level scores more.
   */
  ceiling(level: SkillLevel, withHistory: boolean): number {
    const w = this.weights;
    return (
      this.skillUnits[level] +
      units(w.load) +
      (withHistory ? units(w.resolution) : this.priorUnits) +
      units(w.idle)
    );
  }
}

/** The load factor: the share of the agent's seats still free. */
export function freeShareOf(load: number, capacity: number): number {
  return capacity > 0 ? Math.max(0, 1 - load / capacity) : 0;
}

/**
 * The best `limit` of a stream of scored agents, kept by insertion (no sort of everyone). Higher total
 * first, then lower load, then id, so the result is deterministic. `index` is the caller's handle on
 * the agent (a position in its list).
 */
export class TopK {
  readonly indices: number[] = [];
  private readonly totals: number[] = [];
  private readonly loads: number[] = [];
  private readonly ids: string[] = [];

  constructor(private readonly limit: number) {}

  /** What an agent must beat to enter (only beat: a tie goes to lower load, then id); -∞ while not full. */
  bar(): number {
    const n = this.indices.length;
    return n === this.limit && n > 0 ? this.totals[n - 1]! : -Infinity;
  }

  offer(total: number, load: number, id: string, index: number): void {
    const n = this.indices.length;
    const full = n === this.limit;
    if (full && (n === 0 || !this.before(total, load, id, n - 1))) return;
    let i = full ? n - 1 : n;
    while (i > 0 && this.before(total, load, id, i - 1)) {
      this.move(i - 1, i);
      i--;
    }
    this.indices[i] = index;
    this.totals[i] = total;
    this.loads[i] = load;
    this.ids[i] = id;
  }

  private before(total: number, load: number, id: string, than: number): boolean {
    const t = this.totals[than]!;
    const l = this.loads[than]!;
    return total > t || (total === t && (load < l || (load === l && id < this.ids[than]!)));
  }

  private move(from: number, to: number): void {
    this.indices[to] = this.indices[from]!;
    this.totals[to] = this.totals[from]!;
    this.loads[to] = this.loads[from]!;
    this.ids[to] = this.ids[from]!;
  }
}

/**
 * Ranks agents with a free seat for one ticket, best first; returns the top `limit` with their full
 * explanation. Ties break on lower load, then id. This is the reference the hub's own scan over its
 * roster (candidates.ts) is checked against; it scores with the same TicketScore and TopK.
 */
export function rankAgents(
  agents: readonly CandidateAgent[],
  intent: Intent,
  pressure: number,
  limit = Infinity,
): AssignmentReason[] {
  const keep = Math.min(limit, agents.length);
  if (keep <= 0) return [];
  const score = new TicketScore(pressure);
  const top = new TopK(keep);
  for (let i = 0; i < agents.length; i++) {
    const a = agents[i]!;
    if (a.load >= a.capacity) continue;
    const level = skillLevel(a.skills, intent);
    top.offer(score.units(level, freeShareOf(a.load, a.capacity), a.idleMs, a.resolution), a.load, a.id, i);
  }
  return top.indices.map((i) => explain(agents[i]!, intent, pressure, score.weights));
}

function round(n: number): number {
  return units(n) / 10_000;
}

/** n in ten-thousandths, rounded: round(n) × 10 000 exactly. */
function units(n: number): number {
  return Math.round(n * 10_000);
}
