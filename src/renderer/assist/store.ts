// Assist slice: the reply being written per ticket and its send state. Drafts are kept per ticket
// so switching conversations loses nothing, and saved to the core as the agent types
// (tickets.saveDraft, debounced) so a crash or a closed window loses nothing either.
import { create } from 'zustand';
import type { Suggestion } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { useConversation } from '../conversation/store';
import { api } from '../platform/client';

/** Typing pauses this long before the draft is written to the core's database. */
export const DRAFT_SAVE_DELAY_MS = 500;
const saveTimers = new Map<string, ReturnType<typeof setTimeout>>();

function cancelSave(ticketId: string): void {
  const timer = saveTimers.get(ticketId);
  if (timer) clearTimeout(timer);
  saveTimers.delete(ticketId);
}

function scheduleSave(ticketId: string, draft: string): void {
  cancelSave(ticketId);
  saveTimers.set(
    ticketId,
    setTimeout(() => {
      saveTimers.delete(ticketId);
      void api().call('tickets.saveDraft', { ticketId, draft });
    }, DRAFT_SAVE_DELAY_MS),
  );
}

interface AssistSlice {
  drafts: Record<string, string>;
  sendingId: string | null;
  sendError: { ticketId: string; error: AppError } | null;
  setDraft(ticketId: string, text: string): void;
  /** Restores the saved draft when a ticket is opened, unless one is already being edited here. */
  loadDraft(ticketId: string): Promise<void>;
  send(ticketId: string): Promise<boolean>;
}

export const useAssist = create<AssistSlice>((set, get) => ({
  drafts: {},
  sendingId: null,
  sendError: null,
  setDraft(ticketId, text) {
    set((s) => ({ drafts: { ...s.drafts, [ticketId]: text } }));
    scheduleSave(ticketId, text);
  },
  async loadDraft(ticketId) {
    if (ticketId in get().drafts) return;
    const r = await api().call('tickets.local', { ticketId });
    if (!r.ok || ticketId in get().drafts || r.data.draft === '') return;
    set((s) => ({ drafts: { ...s.drafts, [ticketId]: r.data.draft } }));
  },
  async send(ticketId) {
    const text = (get().drafts[ticketId] ?? '').trim();
    if (!text || get().sendingId) return false;
    set({ sendingId: ticketId, sendError: null });
    // The core clears the saved draft with the reply; a late debounced save must not restore it.
    cancelSave(ticketId);
    const r = await api().call('tickets.reply', { ticketId, body: { kind: 'text', text } });
    if (!r.ok) {
      // The draft stays, so nothing the agent typed is lost.
      set({ sendingId: null, sendError: { ticketId, error: r.error } });
      scheduleSave(ticketId, get().drafts[ticketId] ?? '');
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
