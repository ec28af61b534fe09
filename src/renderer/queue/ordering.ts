// Pure queue logic (ordering, filtering, keyboard movement), kept out of React so it is unit-tested.
import type { TicketSummary } from '../../shared/api';
import type { TicketStatus } from '../../shared/domain';
import { INTENTS, type IntentCategory } from '../../shared/intents';

export type CategoryFilter = IntentCategory | 'all';

/**
 * 'triage' ranks by the offline triage score (SLA, sentiment, severity, customer value); 'waiting'
 * puts the customer who has waited longest for a reply first (answered ones after, by priority).
 */
export type QueueOrder = 'priority' | 'triage' | 'waiting';

export interface QueueFilter {
  category: CategoryFilter;
  search: string;
}

/** Closed tickets leave the agent's queue even if the core still knows them. */
const OPEN_STATUSES: ReadonlySet<TicketStatus> = new Set(['escalated', 'assigned', 'active', 'pending']);

/**
 * Most urgent first (priority 1 = most urgent), then the nearest SLA deadline, then oldest; tickets
 * parked as 待跟进 (SLA paused) after the ones still counting.
 */
export function compareTickets(a: TicketSummary, b: TicketSummary): number {
  return (
    Number(a.status === 'pending') - Number(b.status === 'pending') ||
    a.priority - b.priority ||
    a.slaDueAt - b.slaDueAt ||
    a.createdAt - b.createdAt ||
    a.id.localeCompare(b.id)
  );
}

/** Highest triage score first; ties fall back to the hub's order. */
export function compareByTriage(a: TicketSummary, b: TicketSummary): number {
  return (b.triage?.score ?? 0) - (a.triage?.score ?? 0) || compareTickets(a, b);
}

/** Longest unanswered wait first; customers who have their answer follow in the hub's order. */
export function compareByWaiting(a: TicketSummary, b: TicketSummary): number {
  const wa = a.waitingSince ?? Number.POSITIVE_INFINITY;
  const wb = b.waitingSince ?? Number.POSITIVE_INFINITY;
  return wa !== wb ? (wa < wb ? -1 : 1) : compareTickets(a, b);
}

const COMPARE: Record<QueueOrder, (a: TicketSummary, b: TicketSummary) => number> = {
  priority: compareTickets,
  triage: compareByTriage,
  waiting: compareByWaiting,
};

function matchesSearch(t: TicketSummary, needle: string): boolean {
  if (!needle) return true;
  const info = INTENTS[t.intent];
  const hay = [t.customerNickname, t.lastMessagePreview, t.id, info.zh, info.en, ...t.tags]
    .join('\n')
    .toLowerCase();
  return hay.includes(needle);
}

export function visibleTickets(
  all: Iterable<TicketSummary>,
  filter: QueueFilter,
  order: QueueOrder = 'priority',
): TicketSummary[] {
  const needle = filter.search.trim().toLowerCase();
  const out: TicketSummary[] = [];
  for (const t of all) {
    if (!OPEN_STATUSES.has(t.status)) continue;
    if (filter.category !== 'all' && INTENTS[t.intent].category !== filter.category) continue;
    if (!matchesSearch(t, needle)) continue;
    out.push(t);
  }
  return out.sort(COMPARE[order]);
}

/** Next selection after pressing j/k: clamps at both ends, starts at the top when nothing is selected. */
export function moveSelection(ids: readonly string[], current: string | null, delta: number): string | null {
  if (ids.length === 0) return null;
  const i = current === null ? -1 : ids.indexOf(current);
  if (i < 0) return ids[delta < 0 ? ids.length - 1 : 0] ?? null;
  return ids[Math.max(0, Math.min(ids.length - 1, i + delta))] ?? null;
}

export function totalUnread(all: Iterable<TicketSummary>): number {
  let n = 0;
  for (const t of all) if (OPEN_STATUSES.has(t.status)) n += t.unread;
  return n;
}
