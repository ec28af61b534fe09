// Assist slice: the reply being written per ticket and its send state. Drafts are kept per ticket
// so switching between conversations does not lose a half-written reply.
import { create } from 'zustand';
import type { Suggestion } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { useConversation } from '../conversation/store';
import { api } from '../platform/client';

interface AssistSlice {
  drafts: Record<string, string>;
  sendingId: string | null;
  sendError: { ticketId: string; error: AppError } | null;
  setDraft(ticketId: string, text: string): void;
  send(ticketId: string): Promise<boolean>;
}

export const useAssist = create<AssistSlice>((set, get) => ({
  drafts: {},
  sendingId: null,
  sendError: null,
  setDraft(ticketId, text) {
    set((s) => ({ drafts: { ...s.drafts, [ticketId]: text } }));
  },
  async send(ticketId) {
    const text = (get().drafts[ticketId] ?? '').trim();
    if (!text || get().sendingId) return false;
    set({ sendingId: ticketId, sendError: null });
    const r = await api().call('tickets.reply', { ticketId, body: { kind: 'text', text } });
    if (!r.ok) {
      // The draft stays, so nothing the agent typed is lost.
      set({ sendingId: null, sendError: { ticketId, error: r.error } });
      return false;
    }
    useConversation.getState().receive(ticketId, r.data.message);
    set((s) => {
      const { [ticketId]: _sent, ...drafts } = s.drafts;
      return { sendingId: null, drafts };
    });
    return true;
  },
}));

/** The chips shown above the composer: best first, at most three (Alt+1…3). */
export function topSuggestions(suggestions: readonly Suggestion[], n = 3): Suggestion[] {
  return [...suggestions].sort((a, b) => b.score - a.score).slice(0, n);
}

/** Inserts `text` at the caret, or replaces the selection; returns the new value and caret. */
export function insertAt(value: string, text: string, start: number, end: number): { value: string; caret: number } {
  if (value.trim() === '') return { value: text, caret: text.length };
  const before = value.slice(0, start);
  const after = value.slice(end);
  const next = before + text + after;
  return { value: next, caret: before.length + text.length };
}
