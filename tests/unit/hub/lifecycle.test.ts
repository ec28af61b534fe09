import { describe, expect, it } from 'vitest';
import { TicketStatusSchema, type TicketStatus } from '../../../src/shared/domain';
import {
  IllegalTransitionError,
  TERMINAL_STATUSES,
  TRANSITIONS,
  canTransition,
  pathTo,
  transition,
} from '../../../src/hub/tickets/lifecycle';

const ALL = TicketStatusSchema.options as TicketStatus[];

// The table as the product defines it; the test fails if lifecycle.ts drifts from it.
const EXPECTED: Record<TicketStatus, TicketStatus[]> = {
  escalated: ['assigned', 'returned_to_bot'],
  assigned: ['active', 'transferred', 'returned_to_bot'],
  active: ['resolved', 'transferred', 'returned_to_bot', 'pending'],
  pending: ['active', 'resolved', 'transferred', 'returned_to_bot'],
  transferred: ['assigned', 'escalated'],
  resolved: [],
  returned_to_bot: [],
};

describe('ticket state machine', () => {
  it('covers every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ALL].sort());
  });

  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const legal = EXPECTED[from].includes(to);
    expect(canTransition(from, to)).toBe(legal);
    if (legal) expect(transition(from, to)).toBe(to);
    else expect(() => transition(from, to)).toThrow(IllegalTransitionError);
  });

  it('terminal states have no way out and no state loops onto itself', () => {
    for (const t of TERMINAL_STATUSES) expect(TRANSITIONS[t]).toEqual([]);
    for (const s of ALL) expect(canTransition(s, s)).toBe(false);
  });

  it('every non-terminal state can still reach a terminal one', () => {
    for (const s of ALL)
      if (!TERMINAL_STATUSES.includes(s))
        expect(pathTo(s, 'resolved') ?? pathTo(s, 'returned_to_bot')).not.toBeNull();
  });

  it('finds the shortest legal path', () => {
    expect(pathTo('assigned', 'resolved')).toEqual(['active', 'resolved']);
    expect(pathTo('assigned', 'pending')).toEqual(['active', 'pending']);
    expect(pathTo('pending', 'resolved')).toEqual(['resolved']);
    expect(pathTo('active', 'active')).toEqual([]);
    expect(pathTo('resolved', 'active')).toBeNull();
    expect(pathTo('escalated', 'resolved')).toEqual(['assigned', 'active', 'resolved']);
  });
});
