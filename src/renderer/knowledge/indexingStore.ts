// Background embedding of the knowledge base (new chunks, or every chunk after the embedding model
// changed): the core's 'kb.progress' index events, and kb.stats once at start so a rebuild already
// under way when the window opens is shown too. Keyword search serves while this runs.
import { create } from 'zustand';
import type { ApiEvent } from '../../shared/api';
import { api } from '../platform/client';

export type KbIndexing = Omit<Extract<ApiEvent<'kb.progress'>, { phase: 'index' }>, 'phase'>;

interface KbIndexingSlice {
  indexing: KbIndexing | null;
  apply(p: ApiEvent<'kb.progress'>): void;
  load(): Promise<void>;
}

export const useKbIndexing = create<KbIndexingSlice>((set) => ({
  indexing: null,
  apply(p) {
    if (p.phase !== 'index') return;
    const { phase: _phase, ...rest } = p;
    set({ indexing: rest.done >= rest.total ? null : rest });
  },
  async load() {
    const r = await api().call('kb.stats', {});
    if (r.ok) set({ indexing: r.data.indexing });
  },
}));

/** Whole minutes above 90 s, else seconds; null = no estimate yet. */
export function etaParts(ms: number | null): { minutes: number } | { seconds: number } | null {
  if (ms === null) return null;
  const s = Math.max(1, Math.round(ms / 1000));
  return s > 90 ? { minutes: Math.round(s / 60) } : { seconds: s };
}
