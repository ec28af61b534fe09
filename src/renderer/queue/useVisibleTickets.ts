// The filtered, sorted queue as the UI shows it; shared by the list and the keyboard handler.
import { useMemo } from 'react';
import type { TicketSummary } from '../../shared/api';
import { visibleTickets } from './ordering';
import { useQueue } from './store';

export function useVisibleTickets(): TicketSummary[] {
  const byId = useQueue((s) => s.byId);
  const filter = useQueue((s) => s.filter);
  return useMemo(() => visibleTickets(Object.values(byId), filter), [byId, filter]);
}

/** Same list outside React (keyboard handlers read the store at key-press time). */
export function currentVisibleIds(): string[] {
  const { byId, filter } = useQueue.getState();
  return visibleTickets(Object.values(byId), filter).map((t) => t.id);
}
