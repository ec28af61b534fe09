// Routing's working copy of the agents, so that the scan over every agent on every ticket (500 in the
// bench) reads arrays by slot instead of looking each agent up in three maps (users, load, presence).
//
// What keeps it right, per source:
// - accounts (role, disabled, skills, capacity): ctx.users is replaced, never changed in place, when
//   accounts change, so a roster belongs to one users map and is rebuilt when ctx.users is another;
// - load: every change goes through addLoad (tickets/move.ts), which calls loadChanged; a rebuild of the
//   caches replaces ctx.load, and a roster mirroring another map copies the new one when next used;
// - presence: a user's Presence record is created on their first connect and never removed (attach,
//   detach and setStatus change it in place), so a slot keeps the record once it has one; a record
//   added since is looked up when ctx.presence has grown;
// - skill levels per intent: from the roster's own users, so they live and die with it.
import type { Intent } from '../../shared/domain';
import type { HubContext, Presence } from '../context';
import type { UserRecord } from '../store/types';
import { freeShareOf, skillLevel, type CandidateAgent, type SkillLevel } from './score';

export interface Roster {
  readonly users: ReadonlyMap<string, UserRecord>;
  /** Enabled agents, in the users map's order; everything below is indexed by this slot. */
  readonly ids: readonly string[];
  readonly skills: readonly (readonly Intent[])[];
  readonly capacity: Float64Array;
  readonly slotOf: ReadonlyMap<string, number>;
  /** ctx.load by slot, as of `loadFrom` (the map it mirrors), and each slot's freeShareOf it. */
  readonly load: Float64Array;
  readonly freeShare: Float64Array;
  loadFrom: ReadonlyMap<string, number>;
  readonly presence: (Presence | undefined)[];
  /** ctx.presence.size when the slots without a record were last looked up. */
  presenceSeen: number;
  /** Per intent, the slots by skill level, worked out the first time that intent is routed. */
  readonly byLevel: Map<Intent, LevelOrder>;
  /** One scan's result (candidates.ts): 1 for each slot with a free seat, how many, and when. */
  readonly isOpen: Uint8Array;
  openCount: number;
  scannedAt: number;
  /** Candidate records handed out by slot, reused from one decision to the next. */
  readonly records: (CandidateAgent | undefined)[];
}

const rosters = new WeakMap<HubContext, Roster>();

/** The roster for the context's current users, load and presence. */
export function rosterOf(ctx: HubContext): Roster {
  let r = rosters.get(ctx);
  if (!r || r.users !== ctx.users) rosters.set(ctx, (r = build(ctx)));
  if (r.loadFrom !== ctx.load) mirrorLoad(r, ctx.load);
  if (r.presenceSeen !== ctx.presence.size) findPresence(r, ctx.presence);
  return r;
}

/** addLoad's hook: ctx.load changed for one agent. */
export function loadChanged(ctx: HubContext, agentId: string): void {
  const r = rosters.get(ctx);
  // a roster mirroring an older map copies the current one when next used
  if (!r || r.loadFrom !== ctx.load) return;
  const slot = r.slotOf.get(agentId);
  if (slot !== undefined) setLoad(r, slot, ctx.load.get(agentId) ?? 0);
}

/**
 * Every slot ordered by its SkillLevel for one intent, best first (in slot order within a level):
 * `order[ends[2]…ends[1])` hold the slots of level 1, for instance, with `ends[2]` = 0 … `ends[0]` = n.
 */
export interface LevelOrder {
  readonly order: Int32Array;
  /** Where each level's slots end in `order`, by level. */
  readonly ends: readonly [number, number, number];
}

export function levelOrder(r: Roster, intent: Intent): LevelOrder {
  let lo = r.byLevel.get(intent);
  if (!lo) {
    const slots: [number[], number[], number[]] = [[], [], []];
    for (let i = 0; i < r.ids.length; i++) slots[skillLevel(r.skills[i]!, intent)].push(i);
    const order = Int32Array.from([...slots[2], ...slots[1], ...slots[0]]);
    const end2 = slots[2].length;
    const end1 = end2 + slots[1].length;
    lo = { order, ends: [order.length, end1, end2] };
    r.byLevel.set(intent, lo);
  }
  return lo;
}

/** The levels from best to worst, in the order levelOrder lists their slots. */
export const LEVELS_BEST_FIRST: readonly SkillLevel[] = [2, 1, 0];

function build(ctx: HubContext): Roster {
  const agents = [...ctx.users.values()].filter((u) => u.role === 'agent' && !u.disabled);
  const n = agents.length;
  const r: Roster = {
    users: ctx.users,
    ids: agents.map((u) => u.id),
    skills: agents.map((u) => u.skills),
    capacity: Float64Array.from(agents, (u) => u.capacity),
    slotOf: new Map(agents.map((u, i) => [u.id, i])),
    load: new Float64Array(n),
    freeShare: new Float64Array(n),
    loadFrom: ctx.load,
    presence: new Array<Presence | undefined>(n).fill(undefined),
    presenceSeen: -1,
    byLevel: new Map(),
    isOpen: new Uint8Array(n),
    openCount: 0,
    scannedAt: 0,
    records: new Array<CandidateAgent | undefined>(n).fill(undefined),
  };
  mirrorLoad(r, ctx.load);
  return r;
}

function mirrorLoad(r: Roster, load: ReadonlyMap<string, number>): void {
  for (let i = 0; i < r.ids.length; i++) setLoad(r, i, load.get(r.ids[i]!) ?? 0);
  r.loadFrom = load;
}

function setLoad(r: Roster, slot: number, load: number): void {
  r.load[slot] = load;
  r.freeShare[slot] = freeShareOf(load, r.capacity[slot]!);
}

function findPresence(r: Roster, presence: ReadonlyMap<string, Presence>): void {
  for (let i = 0; i < r.ids.length; i++) r.presence[i] ??= presence.get(r.ids[i]!);
  r.presenceSeen = presence.size;
}
