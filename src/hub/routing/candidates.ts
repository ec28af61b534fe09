// Who routing may pick right now — online agents (status online) with a free seat — and the ranking of
// them for one ticket. This runs for every ticket over every agent, so it scans the roster (roster.ts)
// by slot: an agent without a seat is skipped on one array read, presence is read from the agent's
// own record, the skill match for the ticket's intent is a precomputed level, and no object is made
// per agent. Only the few agents explained in the result get a candidate record.
import type { Intent } from '../../shared/domain';
import type { AssignmentReason } from '../../shared/hub-protocol';
import type { HubContext } from '../context';
import { LEVELS_BEST_FIRST, levelOrder, rosterOf, type Roster } from './roster';
import { TicketScore, TopK, explain, queuePressure, type CandidateAgent } from './score';

/**
 * Marks (r.isOpen) the slots of online agents other than `exclude` with a free seat, and counts them
 * (r.openCount); returns the free seats of them all (queue pressure).
 */
function scanSeats(ctx: HubContext, r: Roster, exclude: string | undefined): number {
  const { ids, load, capacity, presence, isOpen } = r;
  // compared by slot: comparing each agent's id string with it costs as much as the rest of the scan
  const skip = exclude === undefined ? -1 : (r.slotOf.get(exclude) ?? -1);
  let count = 0;
  let free = 0;
  r.scannedAt = Date.now();
  isOpen.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const seats = capacity[i]! - load[i]!;
    if (seats <= 0 || i === skip) continue;
    // connected here or (several nodes) on another node; the store's commit re-checks the seat
    const p = presence[i];
    const status = p !== undefined && p.sinks.size > 0 ? p.status : ctx.cluster?.remote(ids[i]!)?.status;
    if (status !== 'online') continue;
    free += seats;
    isOpen[i] = 1;
    count++;
  }
  r.openCount = count;
  return free;
}

/** ms since the slot's agent last received a ticket (or came online), as of the scan; 0 when remote. */
function idleMs(r: Roster, slot: number): number {
  const p = r.presence[slot];
  return p ? r.scannedAt - p.lastAssignedAt : 0;
}

/** The slot's candidate record, filled in for this decision (never held past it). */
function record(r: Roster, slot: number, resolution: CandidateAgent['resolution']): CandidateAgent {
  let c = r.records[slot];
  if (!c) {
    const [id, skills, capacity] = [r.ids[slot]!, r.skills[slot]!, r.capacity[slot]!];
    r.records[slot] = c = { id, skills, capacity, load: 0, idleMs: 0 };
  }
  c.load = r.load[slot]!;
  c.idleMs = idleMs(r, slot);
  c.resolution = resolution;
  return c;
}

/**
 * The best `limit` agents for a ticket of `intent`, best first, explained; empty when nobody has a
 * free seat. `queued` = the tickets waiting (queue pressure with the free seats found here). The same
 * result as rankAgents over candidates() (a test checks it on a real hub).
 */
export function rankFor(
  ctx: HubContext,
  intent: Intent,
  queued: number,
  exclude: string | undefined,
  limit: number,
): AssignmentReason[] {
  const r = rosterOf(ctx);
  const pressure = queuePressure(queued, scanSeats(ctx, r, exclude));
  const count = r.openCount;
  if (count === 0 || limit <= 0) return [];
  const score = new TicketScore(pressure);
  const top = new TopK(Math.min(limit, count));
  const history = ctx.resolution.get(intent);
  const withHistory = history !== undefined && history.size > 0;
  const { ids, load, freeShare, isOpen } = r;
  // Best skill level first: once the best few all score more than anyone of the next level could,
  // that level and those below it are not scored at all (in the bench, most agents of a ticket).
  const { order, ends } = levelOrder(r, intent);
  let from = 0;
  for (const level of LEVELS_BEST_FIRST) {
    if (top.bar() > score.ceiling(level, withHistory)) break;
    const end = ends[level];
    for (let k = from; k < end; k++) {
      const i = order[k]!;
      if (isOpen[i] === 0) continue;
      const id = ids[i]!;
      top.offer(score.units(level, freeShare[i]!, idleMs(r, i), history?.get(id)), load[i]!, id, i);
    }
    from = end;
  }
  return top.indices.map((i) =>
    explain(record(r, i, history?.get(ids[i]!)), intent, pressure, score.weights),
  );
}

/** Whether any online agent has a free seat (draining the queue stops when nobody has). */
export function anyFreeSeat(ctx: HubContext): boolean {
  const r = rosterOf(ctx);
  scanSeats(ctx, r, undefined);
  return r.openCount > 0;
}

/**
 * Online agents other than `exclude` with a free seat (load, idle time and, given the intent, their
 * resolution record for it), and the free seats of them all (queue pressure). The records are reused
 * by the next call: rank them before anything else can route (no await in between).
 */
export function candidates(
  ctx: HubContext,
  exclude?: string,
  intent?: Intent,
): { cands: CandidateAgent[]; free: number } {
  const r = rosterOf(ctx);
  const free = scanSeats(ctx, r, exclude);
  const history = intent ? ctx.resolution.get(intent) : undefined;
  const cands: CandidateAgent[] = [];
  for (let i = 0; i < r.ids.length; i++)
    if (r.isOpen[i] === 1) cands.push(record(r, i, history?.get(r.ids[i]!)));
  return { cands, free };
}
