// The one rule for what an SLA countdown says, used by the queue row, the conversation header and the
// lead's views: the same deadline and the same tick (useNow) give the same words everywhere.
import type { TicketStatus } from '../../shared/domain';

/** An SLA under this is shown in red, before it is actually breached. */
export const SLA_WARN_MS = 2 * 60_000;

export type SlaState =
  | { kind: 'left'; ms: number; urgent: boolean }
  | { kind: 'overdue'; ms: number; urgent: true }
  /** 待跟进: the agent parked it waiting on something else; the clock does not count. */
  | { kind: 'paused'; urgent: false };

export function slaState(dueAt: number, now: number, status?: TicketStatus): SlaState {
  if (status === 'pending') return { kind: 'paused', urgent: false };
  // Whole seconds, rounded the same way on both sides of the deadline, so "0:00 left" turns into
  // "overdue 0:01" and never shows the same moment two ways.
  const left = Math.floor((dueAt - now) / 1000) * 1000;
  if (left >= 0) return { kind: 'left', ms: left, urgent: left < SLA_WARN_MS };
  return { kind: 'overdue', ms: -left, urgent: true };
}
