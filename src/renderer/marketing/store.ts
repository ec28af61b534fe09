// Marketing slice: product and coupon recommendations for the open ticket, and sending one as a
// card. The core decides what may be shown (never during a complaint or with an angry customer)
// and says why when it holds everything back; the sent cards arrive through tickets.message.
import { create } from 'zustand';
import type { ApiOutput } from '../../shared/api';
import type { AppError } from '../../shared/result';
import { api } from '../platform/client';

export type TicketRecommendations = Omit<ApiOutput<'marketing.recommendations'>, 'ticketId'>;

interface MarketingSlice {
  byTicket: Record<string, TicketRecommendations>;
  loadingId: string | null;
  error: AppError | null;
  /** Recommendation ids already sent, so the button does not invite a second send. */
  sent: Record<string, true>;
  sendingId: string | null;
  load(ticketId: string): Promise<void>;
  send(ticketId: string, recommendationId: string, includeCopy: boolean): Promise<AppError | null>;
}

export const useMarketing = create<MarketingSlice>((set, get) => ({
  byTicket: {},
  loadingId: null,
  error: null,
  sent: {},
  sendingId: null,
  async load(ticketId) {
    set({ loadingId: ticketId, error: null });
    const r = await api().call('marketing.recommendations', { ticketId });
    if (get().loadingId === ticketId) set({ loadingId: null });
    if (!r.ok) {
      set({ error: r.error });
      return;
    }
    const { ticketId: _id, ...data } = r.data;
    set((s) => ({ byTicket: { ...s.byTicket, [ticketId]: data } }));
  },
  async send(ticketId, recommendationId, includeCopy) {
    set({ sendingId: recommendationId });
    const r = await api().call('marketing.send', { ticketId, recommendationId, includeCopy });
    set({ sendingId: null });
    if (!r.ok) return r.error;
    set((s) => ({ sent: { ...s.sent, [recommendationId]: true } }));
    return null;
  },
}));
