// Assist slice: the reply being written per ticket, the ranked suggestions for it, what the agent
// did with them (the feedback loop), and the pre-send guard.
// Drafts are kept per ticket so switching conversations loses nothing, and saved to the core as the
// agent types (tickets.saveDraft, debounced) so a crash or a closed window loses nothing either.
import { create } from 'zustand';
import type { AssistSuggestions, GuardWarningDto } from '../../shared/assist-api';
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

/** Guard findings that hold a reply back until the agent confirms; "low" ones only inform. */
export function blockingWarnings(warnings: readonly GuardWarningDto[]): GuardWarningDto[] {
  return warnings.filter((w) => w.severity !== 'low');
}

interface GuardState {
  ticketId: string;
  /** The draft the warnings are about; editing it makes them stale. */
  draft: string;
  warnings: GuardWarningDto[];
}

interface AssistSlice {
  drafts: Record<string, string>;
  sendingId: string | null;
  sendError: { ticketId: string; error: AppError } | null;
  /**
   * Ranked suggestions from the core (upstream AI, knowledge, macros, history) per ticket; `revision`
   * counts the pushes, so an update that ranks the same chips still shows as one (data-revision).
   */
  suggestions: Record<string, AssistSuggestions & { revision: number }>;
  /** Suggestions inserted into the current draft, reported as "sent" with the final text. */
  inserted: Record<string, string[]>;
  guard: GuardState | null;
  setDraft(ticketId: string, text: string): void;
  /** Restores the saved draft when a ticket is opened, unless one is already being edited here. */
  loadDraft(ticketId: string): Promise<void>;
  loadSuggestions(ticketId: string): Promise<void>;
  applySuggestions(s: AssistSuggestions): void;
  noteInserted(ticketId: string, suggestionId: string): void;
  /** Sends the draft; unless `force`, runs the guard first and stops on a blocking warning. */
  send(ticketId: string, opts?: { force?: boolean }): Promise<boolean>;
  dismissGuard(): void;
}

export const useAssist = create<AssistSlice>((set, get) => ({
  drafts: {},
  sendingId: null,
  sendError: null,
  suggestions: {},
  inserted: {},
  guard: null,
  setDraft(ticketId, text) {
    set((s) => ({
      drafts: { ...s.drafts, [ticketId]: text },
      guard: s.guard && s.guard.ticketId === ticketId && s.guard.draft !== text ? null : s.guard,
    }));
    scheduleSave(ticketId, text);
  },
  async loadDraft(ticketId) {
    if (ticketId in get().drafts) return;
    const r = await api().call('tickets.local', { ticketId });
    if (!r.ok || ticketId in get().drafts || r.data.draft === '') return;
    set((s) => ({ drafts: { ...s.drafts, [ticketId]: r.data.draft } }));
  },
  async loadSuggestions(ticketId) {
    const r = await api().call('assist.suggestions', { ticketId, limit: 5 });
    if (r.ok) get().applySuggestions(r.data);
  },
  applySuggestions(s) {
    set((st) => {
      const revision = (st.suggestions[s.ticketId]?.revision ?? 0) + 1;
      return { suggestions: { ...st.suggestions, [s.ticketId]: { ...s, revision } } };
    });
  },
  noteInserted(ticketId, suggestionId) {
    const list = get().inserted[ticketId] ?? [];
    if (list.includes(suggestionId)) return; // one adoption per draft, however often it is re-inserted
    set((s) => ({ inserted: { ...s.inserted, [ticketId]: [...list, suggestionId] } }));
    void api().call('assist.event', { ticketId, suggestionId, event: 'inserted' });
  },
  async send(ticketId, opts = {}) {
    const text = (get().drafts[ticketId] ?? '').trim();
    if (!text || get().sendingId) return false;
    set({ sendingId: ticketId, sendError: null });
    if (!opts.force) {
      // If the guard itself is unavailable the reply still goes: the hub runs the same rules.
      const g = await api().call('guard.check', { ticketId, draft: text });
      const blocking = g.ok ? blockingWarnings(g.data.warnings) : [];
      if (blocking.length > 0) {
        set({
          sendingId: null,
          guard: { ticketId, draft: get().drafts[ticketId] ?? '', warnings: g.ok ? g.data.warnings : [] },
        });
        return false;
      }
    }
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
    // Feedback loop: which suggestions made it into the reply, and (core-side) how much they changed.
    for (const suggestionId of get().inserted[ticketId] ?? []) {
      void api().call('assist.event', { ticketId, suggestionId, event: 'sent', finalText: text });
    }
    set((s) => {
      const { [ticketId]: _sent, ...drafts } = s.drafts;
      const { [ticketId]: _used, ...inserted } = s.inserted;
      return { sendingId: null, drafts, inserted, guard: null };
    });
    return true;
  },
  dismissGuard() {
    set({ guard: null });
  },
}));

/** The chips shown above the composer: best first, at most three (Alt+1…3). */
export function topSuggestions(suggestions: readonly Suggestion[], n = 3): Suggestion[] {
  return [...suggestions].sort((a, b) => b.score - a.score).slice(0, n);
}

/** Inserts `text` at the caret, or replaces the selection; returns the new value and caret. */
export function insertAt(
  value: string,
  text: string,
  start: number,
  end: number,
): { value: string; caret: number } {
  if (value.trim() === '') return { value: text, caret: text.length };
  const before = value.slice(0, start);
  const after = value.slice(end);
  const next = before + text + after;
  return { value: next, caret: before.length + text.length };
}
