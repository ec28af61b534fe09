// When a customer has waited too long: the queue row's colour and the repeating reminder. A reminder
// names every customer past the threshold and repeats while they still wait, so a chat that slipped
// below the fold is not forgotten (the most common complaint about agent desks' alerts).
import type { TicketSummary } from '../../shared/api';

/** The row's waiting label turns amber. */
export const WAIT_WARN_MS = 60_000;
/** A customer waiting this long triggers a reminder (and the label turns red). */
export const REMIND_AFTER_MS = 2 * 60_000;
/** While they keep waiting, the reminder for the same customer repeats this often. */
export const REMIND_EVERY_MS = 2 * 60_000;
/** At most one reminder this often, however many customers cross the line: a busy queue must not nag. */
export const REMIND_MIN_GAP_MS = 30_000;

export interface ReminderState {
  /** ticket id → when it was last part of a reminder */
  lastReminded: Map<string, number>;
  lastFiredAt: number | null;
}

export type WaitLevel = 'none' | 'ok' | 'warn' | 'late';

export function waitLevel(waitingSince: number | null, now: number): WaitLevel {
  if (waitingSince === null) return 'none';
  const waited = now - waitingSince;
  return waited >= REMIND_AFTER_MS ? 'late' : waited >= WAIT_WARN_MS ? 'warn' : 'ok';
}

/**
 * Tickets whose customer should be brought back to the agent's attention now, longest wait first.
 * The state is updated for the ones returned; tickets no longer waiting are forgotten, so a customer
 * who writes again later gets a fresh reminder. Within REMIND_MIN_GAP_MS of the last reminder nothing
 * is due: those customers are named in the next one.
 */
export function dueReminders(
  tickets: readonly TicketSummary[],
  now: number,
  state: ReminderState,
): TicketSummary[] {
  const { lastReminded } = state;
  const waiting = new Set<string>();
  const due: TicketSummary[] = [];
  for (const t of tickets) {
    if (t.waitingSince === null || now - t.waitingSince < REMIND_AFTER_MS) continue;
    waiting.add(t.id);
    const last = lastReminded.get(t.id);
    if (last !== undefined && now - last < REMIND_EVERY_MS) continue;
    due.push(t);
  }
  for (const id of lastReminded.keys()) if (!waiting.has(id)) lastReminded.delete(id);
  if (!due.length || (state.lastFiredAt !== null && now - state.lastFiredAt < REMIND_MIN_GAP_MS)) return [];
  for (const t of due) lastReminded.set(t.id, now);
  state.lastFiredAt = now;
  return due.sort((a, b) => a.waitingSince! - b.waitingSince!);
}
