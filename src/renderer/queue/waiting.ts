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

export type WaitLevel = 'none' | 'ok' | 'warn' | 'late';

export function waitLevel(waitingSince: number | null, now: number): WaitLevel {
  if (waitingSince === null) return 'none';
  const waited = now - waitingSince;
  return waited >= REMIND_AFTER_MS ? 'late' : waited >= WAIT_WARN_MS ? 'warn' : 'ok';
}

/**
 * Tickets whose customer should be brought back to the agent's attention now, longest wait first.
 * `lastReminded` (ticket id → time) is updated for the ones returned; entries of tickets that are no
 * longer waiting are dropped, so a customer who writes again later gets a fresh reminder.
 */
export function dueReminders(
  tickets: readonly TicketSummary[],
  now: number,
  lastReminded: Map<string, number>,
): TicketSummary[] {
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
  for (const t of due) lastReminded.set(t.id, now);
  return due.sort((a, b) => a.waitingSince! - b.waitingSince!);
}
