// Who routing may pick right now: online agents (status online) with a free seat. This runs for every
// ticket over every agent, so it works from a roster built once per users map (ctx.users is replaced,
// never changed in place, when accounts change): agents only, each with its candidate record reused
// from one ticket to the next. An agent without a seat is skipped before anything else is looked up.
import type { Intent } from '../../shared/domain';
import type { HubContext } from '../context';
import type { UserRecord } from '../store/types';
import type { CandidateAgent } from './score';

interface RosterEntry {
  readonly id: string;
  readonly capacity: number;
  /** Filled in for each routing decision; never held past it (candidates' callers rank at once). */
  readonly cand: CandidateAgent;
}

const rosters = new WeakMap<ReadonlyMap<string, UserRecord>, RosterEntry[]>();

/** Enabled agents, in the users map's order. */
function roster(users: ReadonlyMap<string, UserRecord>): RosterEntry[] {
  let r = rosters.get(users);
  if (!r) {
    r = [];
    for (const u of users.values()) {
      if (u.role !== 'agent' || u.disabled) continue;
      const cand: CandidateAgent = { id: u.id, skills: u.skills, capacity: u.capacity, load: 0, idleMs: 0 };
      r.push({ id: u.id, capacity: u.capacity, cand });
    }
    rosters.set(users, r);
  }
  return r;
}

/**
 * Online agents other than `exclude` with a free seat (load, idle time and, given the intent, their
 * resolution record for it), and the free seats of them all (queue pressure). Agents without a seat
 * are left out: they cannot be ranked and add no free seat. The records are reused by the next call:
 * rank them before anything else can route (no await in between).
 */
export function candidates(
  ctx: HubContext,
  exclude?: string,
  intent?: Intent,
): { cands: CandidateAgent[]; free: number } {
  const now = Date.now();
  const cands: CandidateAgent[] = [];
  let free = 0;
  const resolution = intent ? ctx.resolution.get(intent) : undefined;
  for (const a of roster(ctx.users)) {
    if (a.id === exclude) continue;
    const load = ctx.load.get(a.id) ?? 0;
    if (load >= a.capacity) continue;
    // connected here or (several nodes) on another node; the store's commit re-checks the seat
    const p = ctx.presence.get(a.id);
    const status = p && p.sinks.size > 0 ? p.status : ctx.cluster?.remote(a.id)?.status;
    if (status !== 'online') continue;
    free += a.capacity - load;
    const c = a.cand;
    c.load = load;
    c.idleMs = p ? now - p.lastAssignedAt : 0;
    c.resolution = resolution?.get(a.id);
    cands.push(c);
  }
  return { cands, free };
}
