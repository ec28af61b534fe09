// Lead slice: conflict escalations to review and decide, and the live team snapshot.
import { create } from 'zustand';
import type { TeamSnapshot } from '../../shared/api';
import type { Conflict } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { api } from '../platform/client';

export type ConflictFilter = 'open' | 'resolved' | 'all';
export type Choice = 'a' | 'b' | 'custom';

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
}

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
}));
