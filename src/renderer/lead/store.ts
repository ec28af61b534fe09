// Lead slice: conflict escalations to review and decide, the live team snapshot, and the team's open
// tickets (from the hub) with reading and reassigning them.
import { create } from 'zustand';
import type { TeamMetrics, TeamSnapshot, TeamTicketView } from '../../shared/api';
import type { Conflict, Intent, Ticket } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { api } from '../platform/client';
import type { AgentFilter } from './teamTickets';

export type ConflictFilter = 'open' | 'resolved' | 'all';
export type Choice = 'a' | 'b' | 'custom';
export type LeadView = 'conflicts' | 'tickets' | 'insights';

const SEVERITY_RANK = { high: 0, medium: 1, low: 2 } as const;

/** Open before decided, then most severe, then oldest first: the longest-waiting serious one on top. */
export function sortConflicts(list: readonly Conflict[]): Conflict[] {
  return [...list].sort(
    (a, b) =>
      Number(a.status !== 'open') - Number(b.status !== 'open') ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.raisedAt - b.raisedAt,
  );
}

interface LeadSlice {
  conflicts: Record<string, Conflict>;
  filter: ConflictFilter;
  selectedId: string | null;
  loaded: boolean;
  error: AppError | null;
  team: TeamSnapshot | null;
  decidingId: string | null;
  load(): Promise<void>;
  apply(conflict: Conflict): void;
  setFilter(filter: ConflictFilter): void;
  select(id: string | null): void;
  resolve(conflictId: string, choice: Choice, note: string): Promise<AppError | null>;
  loadTeam(): Promise<void>;
  applyTeam(team: TeamSnapshot): void;
  view: LeadView;
  /** null until the first answer; the last good list stays on screen when a refresh fails. */
  tickets: TeamTicketView[] | null;
  ticketsError: AppError | null;
  agentFilter: AgentFilter;
  reassigningId: string | null;
  setView(view: LeadView): void;
  setAgentFilter(filter: AgentFilter): void;
  loadTickets(): Promise<void>;
  reassign(ticketId: string, toAgentId: string | undefined): Promise<AppError | null>;
  /** The team ticket the lead is reading (read-only, fetched from the hub; never marks anything read). */
  preview: { ticketId: string; ticket: Ticket | null; loading: boolean; error: AppError | null } | null;
  openPreview(ticketId: string | null): Promise<void>;
  /** A private note to the ticket's holder; queued in the outbox, so it also works offline. */
  whisper(ticketId: string, text: string): Promise<AppError | null>;
  /** The feedback loop's figures from the hub; the last good ones stay on screen when a refresh fails. */
  metrics: { data: TeamMetrics | null; at: number | null; error: AppError | null; intent: Intent | null };
  loadMetrics(intent?: Intent | null): Promise<void>;
}

// Snapshots arrive every few seconds; a slow hub must not pile up overlapping list requests.
let ticketsInFlight: Promise<void> | null = null;

export const useLead = create<LeadSlice>((set, get) => ({
  conflicts: {},
  filter: 'open',
  selectedId: null,
  loaded: false,
  error: null,
  team: null,
  decidingId: null,
  async load() {
    // Always fetch all, filter locally: a decision moves a conflict between tabs without a refetch.
    const r = await api().call('conflicts.list', { status: 'all' });
    if (!r.ok) {
      set({ error: r.error, loaded: true });
      return;
    }
    const conflicts: Record<string, Conflict> = {};
    for (const c of r.data) conflicts[c.id] = c;
    set({ conflicts, loaded: true, error: null });
  },
  apply(conflict) {
    set((s) => ({ conflicts: { ...s.conflicts, [conflict.id]: conflict } }));
  },
  setFilter(filter) {
    set({ filter });
  },
  select(selectedId) {
    set({ selectedId });
  },
  async resolve(conflictId, choice, note) {
    set({ decidingId: conflictId });
    const r = await api().call('conflicts.resolve', { conflictId, choice, note });
    set({ decidingId: null });
    if (!r.ok) return r.error;
    get().apply(r.data);
    return null;
  },
  async loadTeam() {
    const r = await api().call('team.snapshot', {});
    if (r.ok) set({ team: r.data });
  },
  applyTeam(team) {
    set({ team });
  },
  view: 'conflicts',
  tickets: null,
  ticketsError: null,
  agentFilter: 'all',
  reassigningId: null,
  setView(view) {
    set({ view });
  },
  setAgentFilter(agentFilter) {
    set({ agentFilter });
  },
  loadTickets() {
    ticketsInFlight ??= (async () => {
      try {
        const r = await api().call('team.tickets', {});
        if (r.ok) set({ tickets: r.data, ticketsError: null });
        else set({ ticketsError: r.error });
      } finally {
        ticketsInFlight = null;
      }
    })();
    return ticketsInFlight;
  },
  metrics: { data: null, at: null, error: null, intent: null },
  async loadMetrics(intent = get().metrics.intent) {
    set((s) => ({ metrics: { ...s.metrics, intent } }));
    const r = await api().call('team.metrics', intent ? { intent } : {});
    if (get().metrics.intent !== intent) return; // the lead picked another intent meanwhile
    set((s) =>
      r.ok
        ? { metrics: { data: r.data, at: Date.now(), error: null, intent } }
        : { metrics: { ...s.metrics, error: r.error, intent } },
    );
  },
  async whisper(ticketId, text) {
    const r = await api().call('team.whisper', { ticketId, text });
    return r.ok ? null : r.error;
  },
  preview: null,
  async openPreview(ticketId) {
    if (!ticketId) return set({ preview: null });
    const keep = get().preview?.ticketId === ticketId ? get().preview?.ticket : null;
    set({ preview: { ticketId, ticket: keep ?? null, loading: true, error: null } });
    const r = await api().call('team.ticket', { ticketId });
    if (get().preview?.ticketId !== ticketId) return; // the lead moved on meanwhile
    set({
      preview: r.ok
        ? { ticketId, ticket: r.data, loading: false, error: null }
        : { ticketId, ticket: keep ?? null, loading: false, error: r.error },
    });
  },
  async reassign(ticketId, toAgentId) {
    set({ reassigningId: ticketId });
    const r = await api().call('team.reassign', { ticketId, ...(toAgentId ? { toAgentId } : {}) });
    set({ reassigningId: null });
    if (!r.ok) return r.error;
    // shown as "syncing" until the hub's answer comes back with the next list
    set((s) => ({
      tickets: s.tickets?.map((t) => (t.id === ticketId ? { ...t, reassignPending: true } : t)) ?? null,
    }));
    void get().loadTickets();
    return null;
  },
}));
