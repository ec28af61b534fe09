// Conversation slice: the one open ticket with its timeline, kept live from tickets.message events.
import { create } from 'zustand';
import type { LocalWork } from '../../shared/api';
import type { Message, Resolution, Ticket } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { api } from '../platform/client';
import { perfMark } from '../platform/perfTrace';
import { clearHeld, dropHeld, heldMessage, hold, takeHeld } from './held';
import { appendMessage, mergeMessages } from './messages';

interface ConversationSlice {
  openId: string | null;
  /** The full ticket as last fetched; `messages` below is the live timeline. */
  ticket: Ticket | null;
  messages: readonly Message[];
  loading: boolean;
  error: AppError | null;
  /** Messages that arrived for `openId` while tickets.get was still in flight. */
  early: Message[];
  /** Reveal the customer's PII for the open ticket only; switching tickets masks it again. */
  piiRevealed: boolean;
  closeDialogOpen: boolean;
  /** The ticket this window is closing, so its own "removed" echo is not reported as news. */
  closingId: string | null;
  /** The agent's own notes, tags and priority for the open ticket, kept by the core on this machine. */
  local: LocalWork | null;
  /** Client ids of the agent's replies still in the core's outbox, and of those the hub refused. */
  delivery: {
    pending: ReadonlySet<string>;
    refused: ReadonlySet<string>;
    /** What the customer's channel reported, by client message id. */
    channel: ReadonlyMap<string, { status: 'delivered' | 'failed'; reason: string | null }>;
  };
  /** Older messages the hub holds beyond what this workstation has (a long ticket's snapshot). */
  earlierMessages: number;
  loadingEarlier: boolean;
  /** Pages the next older part in from the hub; returns the error to show, if any. */
  loadEarlier(): Promise<AppError | null>;
  loadDelivery(): Promise<void>;
  saveLocal(patch: { note?: string; tags?: string[]; priority?: number | null }): Promise<AppError | null>;
  open(ticketId: string): Promise<void>;
  refresh(): Promise<void>;
  receive(ticketId: string, message: Message): void;
  closeView(): void;
  /** The ticket changed (or left the queue) while not on screen: what is held of it is stale. */
  forget(ticketId: string): void;
  /** Signing out: nothing of the previous agent's conversations stays, on screen or held. */
  reset(): void;
  setPiiRevealed(revealed: boolean): void;
  setCloseDialogOpen(open: boolean): void;
  /** Records the outcome (the core queues it in its outbox) and clears the view on success. */
  closeTicket(input: { resolution: Resolution; note: string; tags: string[] }): Promise<AppError | null>;
}

const EMPTY = {
  openId: null,
  ticket: null,
  messages: [],
  loading: false,
  error: null,
  early: [],
  piiRevealed: false,
  closeDialogOpen: false,
  local: null,
  delivery: { pending: new Set<string>(), refused: new Set<string>(), channel: new Map() },
  earlierMessages: 0,
  loadingEarlier: false,
} satisfies Partial<ConversationSlice>;

/** The conversation being left stays held, so going back to it is immediate (and refreshed). */
function holdOnScreen(s: ConversationSlice): void {
  if (!s.ticket || s.loading || s.ticket.id !== s.openId) return;
  hold({ ticket: s.ticket, messages: s.messages, earlierMessages: s.earlierMessages });
}

/** The core's fresh answer says exactly what is on screen (the ticket as fetched, the live timeline). */
function sameAsShown(
  fresh: Ticket & { earlierMessages?: number },
  ticket: Ticket | null,
  messages: readonly Message[],
): boolean {
  if (!ticket) return false;
  return JSON.stringify(fresh) === JSON.stringify({ ...ticket, messages });
}

export const useConversation = create<ConversationSlice>((set, get) => ({
  ...EMPTY,
  closingId: null,
  local: null,
  async saveLocal(patch) {
    const { openId, local } = get();
    if (!openId) return null;
    const r = await api().call('tickets.setLocal', { ticketId: openId, ...patch });
    if (!r.ok) return r.error;
    if (get().openId === openId && local) {
      set({ local: { ...local, ...patch } });
    }
    return null;
  },
  async open(ticketId) {
    const before = get();
    if (before.openId === ticketId && (before.ticket || before.loading)) return;
    holdOnScreen(before);
    // Held (fetched ahead, or on screen earlier): shown in this very render, refreshed just below.
    const shown = takeHeld(ticketId);
    if (shown) {
      set({
        ...EMPTY,
        openId: ticketId,
        ticket: shown.ticket,
        messages: shown.messages,
        earlierMessages: shown.earlierMessages,
      });
      perfMark(ticketId, 'ui.stored:open');
      perfMark(ticketId, 'ui.open:held');
    } else {
      set({ ...EMPTY, openId: ticketId, loading: true });
      perfMark(ticketId, 'ui.open:fetched');
    }
    // The conversation first: its answer is the one the screen waits for.
    const answer = api().call('tickets.get', { ticketId });
    void api()
      .call('tickets.local', { ticketId })
      .then((r) => {
        if (r.ok && get().openId === ticketId) set({ local: r.data });
      });
    const r = await answer;
    // The agent may have opened another ticket while this one loaded.
    if (get().openId !== ticketId) return;
    if (!r.ok) {
      // What was held stays on screen; only an open with nothing to show reports the failure.
      if (get().loading) set({ loading: false, error: r.error });
      return;
    }
    if (shown) {
      // Unchanged since it was held (the usual case): nothing to render again.
      const s = get();
      if (!sameAsShown(r.data, s.ticket, s.messages)) {
        set({
          ticket: r.data,
          messages: mergeMessages(r.data.messages, s.messages),
          earlierMessages: r.data.earlierMessages ?? 0,
        });
      }
    } else {
      set((s) => ({
        ticket: r.data,
        messages: mergeMessages(r.data.messages, s.early),
        early: [],
        loading: false,
        earlierMessages: r.data.earlierMessages ?? 0,
      }));
      perfMark(ticketId, 'ui.stored:open');
    }
    void api().call('tickets.markRead', { ticketId });
    void get().loadDelivery();
  },
  async loadEarlier() {
    const { openId, loadingEarlier } = get();
    if (!openId || loadingEarlier) return null;
    set({ loadingEarlier: true });
    const r = await api().call('tickets.loadEarlier', { ticketId: openId });
    if (get().openId !== openId) return null;
    if (!r.ok) {
      set({ loadingEarlier: false });
      return r.error;
    }
    const fresh = await api().call('tickets.get', { ticketId: openId });
    if (get().openId !== openId) return null;
    set((s) => ({
      loadingEarlier: false,
      earlierMessages: r.data.earlierMessages,
      ...(fresh.ok ? { ticket: fresh.data, messages: mergeMessages(fresh.data.messages, s.messages) } : {}),
    }));
    return null;
  },
  async loadDelivery() {
    const { openId } = get();
    if (!openId) return;
    const r = await api().call('tickets.delivery', { ticketId: openId });
    if (!r.ok || get().openId !== openId) return;
    set({
      delivery: {
        pending: new Set(r.data.pending),
        refused: new Set(r.data.refused),
        // an older core answers without `channel`
        channel: new Map((r.data.channel ?? []).map((c) => [c.clientMsgId, c])),
      },
    });
  },
  async refresh() {
    const { openId } = get();
    if (!openId) return;
    const r = await api().call('tickets.get', { ticketId: openId });
    if (!r.ok || get().openId !== openId) return;
    // Keep anything that arrived live but is not in the fresh snapshot yet.
    set((s) => ({ ticket: r.data, messages: mergeMessages(r.data.messages, s.messages) }));
  },
  receive(ticketId, message) {
    const s = get();
    if (ticketId !== s.openId) {
      heldMessage(ticketId, message);
      return;
    }
    if (s.loading) {
      set({ early: [...s.early, message] });
      return;
    }
    const messages = appendMessage(s.messages, message);
    if (messages !== s.messages) set({ messages });
    if (message.from === 'agent') void get().loadDelivery();
    // The agent is looking at this conversation: a new customer line is read, not unread.
    const visible = typeof document === 'undefined' || document.visibilityState === 'visible';
    if (message.from === 'customer' && visible) void api().call('tickets.markRead', { ticketId });
  },
  closeView() {
    set(EMPTY);
  },
  forget(ticketId) {
    dropHeld(ticketId);
  },
  reset() {
    clearHeld();
    set(EMPTY);
  },
  setPiiRevealed(piiRevealed) {
    set({ piiRevealed });
  },
  setCloseDialogOpen(closeDialogOpen) {
    set({ closeDialogOpen });
  },
  async closeTicket({ resolution, note, tags }) {
    const { openId } = get();
    if (!openId) return null;
    set({ closingId: openId });
    const r = await api().call('tickets.close', { ticketId: openId, resolution, note, tags });
    set({ closingId: null });
    if (!r.ok) return r.error;
    if (get().openId === openId) set(EMPTY);
    return null;
  },
}));
