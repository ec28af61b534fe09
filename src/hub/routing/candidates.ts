// Who routing may pick right now: online agents (status online) with a free seat. This runs for every
// ticket over every agent, so the agents are read from a roster built once per users map (ctx.users is
// replaced, never changed in place, when accounts change) instead of filtering every user record each
// time, and an agent without a seat is skipped before anything else is looked up.
import type { Intent } from '../../shared/domain';
import { statusOf, type HubContext } from '../context';
import type { UserRecord } from '../store/types';
import type { CandidateAgent } from './score';

interface RosterEntry {
  id: string;
  skills: readonly Intent[];
  capacity: number;
}

const rosters = new WeakMap<ReadonlyMap<string, UserRecord>, RosterEntry[]>();

/** Enabled agents, in the users map's order. */
function roster(users: ReadonlyMap<string, UserRecord>): RosterEntry[] {
  let r = rosters.get(users);
  if (!r) {
    r = [];
    for (const u of users.values())
      if (u.role === 'agent' && !u.disabled) r.push({ id: u.id, skills: u.skills, capacity: u.capacity });
    rosters.set(users, r);
  }
  return r;
}

/**
 * Online agents other than `exclude` with a free seat (load, idle time and, given the intent, their
 * resolution record for it), and the free seats of them all (queue pressure). Agents without a seat
 * are left out: they cannot be ranked and add no free seat.
 */
export function candidates(
  ctx: HubContext,
  exclude?: string,
  intent?: Intent,
): { cands: CandidateAgent[]; free: number } {
  const now = Date.now();
  const cands: CandidateAgent[] = [];
  let free = 0;
  for (const a of roster(ctx.users)) {
    if (a.id === exclude) continue;
    const load = ctx.load.get(a.id) ?? 0;
    if (load >= a.capacity) continue;
    // connected here or (several nodes) on another node; the store's commit re-checks the seat
    if (statusOf(ctx, a.id) !== 'online') continue;
    const p = ctx.presence.get(a.id);
    free += a.capacity - load;
    cands.push({
      id: a.id,
      skills: a.skills,
      capacity: a.capacity,
      load,
      idleMs: p ? now - p.lastAssignedAt : 0,
      resolution: intent ? ctx.resolution.get(`${a.id}:${intent}`) : undefined,
    });
  }
  return { cands, free };
}
