// Sync slice: writes the hub refused after an offline spell (ticket reassigned meanwhile, already
// closed …). They stay until the agent retries or discards each one: nothing is dropped silently.
import { create } from 'zustand';
import type { SyncConflict } from '../../shared/api';
import type { AppError } from '../../shared/result';
import { api } from '../platform/client';

interface SyncSlice {
  conflicts: SyncConflict[];
  busyId: number | null;
  error: AppError | null;
  load(): Promise<void>;
  apply(conflicts: SyncConflict[]): void;
  settle(id: number, action: 'retry' | 'discard'): Promise<void>;
}

export const useSync = create<SyncSlice>((set) => ({
  conflicts: [],
  busyId: null,
  error: null,
  async load() {
    const r = await api().call('sync.conflicts', {});
    if (r.ok) set({ conflicts: r.data, error: null });
  },
  apply(conflicts) {
    set({ conflicts });
  },
  async settle(id, action) {
    set({ busyId: id, error: null });
    const r = await api().call('sync.settle', { id, action });
    if (r.ok) set({ conflicts: r.data, busyId: null });
    else set({ busyId: null, error: r.error });
  },
}));
