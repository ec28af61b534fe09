// Queue slice: the agent's ticket summaries, kept live from tickets.list + upsert/remove events.
import { create } from 'zustand';
import type { TicketSummary } from '../../shared/api';
import type { Message } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { nextWaitingSince } from '../../shared/waiting';
import { api } from '../platform/client';
import type { CategoryFilter, QueueFilter, QueueOrder } from './ordering';

interface QueueSlice {
  byId: Record<string, TicketSummary>;
  loaded: boolean;
  error: AppError | null;
  filter: QueueFilter;
  /** 'auto' = hub order online, triage score offline. */
  order: QueueOrder | 'auto';
  /** Keyboard cursor; Enter opens it. */
  selectedId: string | null;
  load(): Promise<void>;
  /** Returns true when the ticket was not known before (a new escalation). */
  upsert(summary: TicketSummary): boolean;
  remove(ticketId: string): void;
  /** Keeps the preview and the waiting time fresh between a message event and the core's next upsert. */
  noteMessage(
    ticketId: string,
    preview: string,
    message: Pick<Message, 'from' | 'at'>,
    brief?: TicketSummary['lastMessageBrief'],
  ): void;
  markReadLocally(ticketId: string): void;
  setCategory(category: CategoryFilter): void;
  setSearch(search: string): void;
  setOrder(order: QueueOrder | 'auto'): void;
  select(ticketId: string | null): void;
  reset(): void;
}

export const useQueue = create<QueueSlice>((set, get) => ({
  byId: {},
  loaded: false,
  error: null,
  filter: { category: 'all', search: '' },
  order: 'auto',
  selectedId: null,
  async load() {
    const r = await api().call('tickets.list', {});
    if (!r.ok) {
      set({ error: r.error, loaded: true });
      return;
    }
    const byId: Record<string, TicketSummary> = {};
    for (const t of r.data) byId[t.id] = t;
    set({ byId, loaded: true, error: null });
  },
  upsert(summary) {
    const isNew = !(summary.id in get().byId);
    set((s) => ({ byId: { ...s.byId, [summary.id]: summary } }));
    return isNew;
  },
  remove(ticketId) {
    set((s) => {
      if (!(ticketId in s.byId)) return s;
      const { [ticketId]: _gone, ...byId } = s.byId;
      return { byId, selectedId: s.selectedId === ticketId ? null : s.selectedId };
    });
  },
  noteMessage(ticketId, preview, message, brief) {
    set((s) => {
      const t = s.byId[ticketId];
      if (!t || message.at < t.lastMessageAt) return s;
      const next = {
        ...t,
        lastMessagePreview: preview,
        lastMessageBrief: brief,
        lastMessageAt: message.at,
        waitingSince: nextWaitingSince(t.waitingSince, message),
      };
      return { byId: { ...s.byId, [ticketId]: next } };
    });
  },
  markReadLocally(ticketId) {
    set((s) => {
      const t = s.byId[ticketId];
      if (!t || t.unread === 0) return s;
      return { byId: { ...s.byId, [ticketId]: { ...t, unread: 0 } } };
    });
  },
  setCategory(category) {
    set((s) => ({ filter: { ...s.filter, category } }));
  },
  setOrder(order) {
    set({ order });
  },
  setSearch(search) {
    set((s) => ({ filter: { ...s.filter, search } }));
  },
  select(selectedId) {
    set({ selectedId });
  },
  reset() {
    set({ byId: {}, loaded: false, error: null, selectedId: null });
  },
}));
