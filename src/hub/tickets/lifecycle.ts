// The ticket lifecycle as an explicit state machine. Every status change in the hub goes through
// `transition`, so an illegal move (e.g. resolved → active) is refused in one place.
import type { TicketStatus } from '../../shared/domain';

/** from → allowed next states. Anything not listed is illegal. */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  // waiting in the queue (new escalation, or re-queued after a transfer / disconnect)
  escalated: ['assigned', 'returned_to_bot'],
  // routed to an agent, not yet taken
  assigned: ['active', 'transferred', 'returned_to_bot'],
  // the agent is working on it
  active: ['resolved', 'transferred', 'returned_to_bot', 'pending'],
  // parked (waiting for the customer / a warehouse), still owned by the agent
  pending: ['active', 'resolved', 'transferred', 'returned_to_bot'],
  // handed off: goes straight to the next agent, or back to the queue when nobody can take it
  transferred: ['assigned', 'escalated'],
  resolved: [],
  returned_to_bot: [],
};

export const TERMINAL_STATUSES: readonly TicketStatus[] = ['resolved', 'returned_to_bot'];
/** Statuses that count against an agent's capacity. */
export const LOAD_STATUSES: readonly TicketStatus[] = ['assigned', 'active'];
/** Statuses in which the ticket belongs to an agent. */
export const OWNED_STATUSES: readonly TicketStatus[] = ['assigned', 'active', 'pending'];

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: TicketStatus,
    readonly to: TicketStatus,
  ) {
    super(`illegal ticket transition ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Returns `to` when the move is legal, throws IllegalTransitionError otherwise. */
export function transition(from: TicketStatus, to: TicketStatus): TicketStatus {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  return to;
}

/** Shortest legal path from → to (BFS), e.g. assigned → resolved = [active, resolved]; null if none. */
export function pathTo(from: TicketStatus, to: TicketStatus): TicketStatus[] | null {
  if (from === to) return [];
  const prev = new Map<TicketStatus, TicketStatus>();
  const queue: TicketStatus[] = [from];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const next of TRANSITIONS[cur]) {
      if (next === from || prev.has(next)) continue;
      prev.set(next, cur);
      if (next === to) {
        const path: TicketStatus[] = [to];
        let p = cur;
        while (p !== from) {
          path.unshift(p);
          p = prev.get(p)!;
        }
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}
