// The filtered, sorted queue as the UI shows it; shared by the list and the keyboard handler.
import { useMemo } from 'react';
import type { TicketSummary } from '../../shared/api';
import { useSession } from '../session/store';
import { visibleTickets, type QueueOrder } from './ordering';
import { useQueue } from './store';

/** The agent's choice wins; otherwise the hub's order online and the triage score offline. */
export function effectiveOrder(chosen: QueueOrder | 'auto', phase: string | undefined): QueueOrder {
  if (chosen !== 'auto') return chosen;
  return phase === 'offline' ? 'triage' : 'priority';
}

export function useQueueOrder(): QueueOrder {
  const chosen = useQueue((s) => s.order);
  const phase = useSession((s) => s.state?.phase);
  return effectiveOrder(chosen, phase);
}

export function useVisibleTickets(): TicketSummary[] {
  const byId = useQueue((s) => s.byId);
  const filter = useQueue((s) => s.filter);
  const order = useQueueOrder();
  return useMemo(() => visibleTickets(Object.values(byId), filter, order), [byId, filter, order]);
}

/** Same list outside React (keyboard handlers read the store at key-press time). */
export function currentVisibleIds(): string[] {
  const { byId, filter, order } = useQueue.getState();
  const phase = useSession.getState().state?.phase;
  return visibleTickets(Object.values(byId), filter, effectiveOrder(order, phase)).map((t) => t.id);
}
