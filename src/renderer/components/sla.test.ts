import { describe, expect, it } from 'vitest';
import { SLA_WARN_MS, slaState } from './sla';

describe('slaState: one rule for every SLA countdown', () => {
  const due = 1_000_000;
  it('counts down in whole seconds and turns overdue exactly at the deadline', () => {
    expect(slaState(due, due - 29_400)).toEqual({ kind: 'left', ms: 29_000, urgent: true });
    expect(slaState(due, due)).toEqual({ kind: 'left', ms: 0, urgent: true });
    expect(slaState(due, due + 1)).toEqual({ kind: 'overdue', ms: 1_000, urgent: true });
    expect(slaState(due, due + 31_000)).toEqual({ kind: 'overdue', ms: 31_000, urgent: true });
    expect(slaState(due, due - SLA_WARN_MS - 1_000).urgent).toBe(false);
  });
  it('is paused for a ticket parked as 待跟进, however late', () => {
    expect(slaState(due, due + 600_000, 'pending')).toEqual({ kind: 'paused', urgent: false });
    expect(slaState(due, due + 600_000, 'active').kind).toBe('overdue');
  });
});
