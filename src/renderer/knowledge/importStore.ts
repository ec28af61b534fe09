// Knowledge import slice: one merchant file at a time, with the core's progress (rows read, chunks
// indexed) and the report of rows it could not use.
import { create } from 'zustand';
import type { ApiEvent, ApiOutput } from '../../shared/api';
import type { AppError } from '../../shared/result';
import { api } from '../platform/client';
import { sendFileToCore } from '../platform/files';

export type KbProgress = ApiEvent<'kb.progress'>;
export type KbImportReport = ApiOutput<'kb.import'>;
export type KbStats = ApiOutput<'kb.stats'>;

interface KbImportSlice {
  busy: boolean;
  fileName: string | null;
  /** Bytes sent to the core (browser shell upload); null in Electron, where the core reads the path. */
  uploadProgress: { done: number; total: number } | null;
  importProgress: { done: number; total: number } | null;
  indexProgress: { done: number; total: number } | null;
  report: KbImportReport | null;
  error: AppError | null;
  stats: KbStats | null;
  applyProgress(p: KbProgress): void;
  loadStats(): Promise<void>;
  importFile(file: File): Promise<void>;
  reset(): void;
}

export const useKbImport = create<KbImportSlice>((set, get) => ({
  busy: false,
  fileName: null,
  uploadProgress: null,
  importProgress: null,
  indexProgress: null,
  report: null,
  error: null,
  stats: null,
  applyProgress(p) {
    if (p.phase === 'import') set({ importProgress: { done: p.done, total: p.total } });
    else if (p.phase === 'index') set({ indexProgress: { done: p.done, total: p.total } });
  },
  async loadStats() {
    const r = await api().call('kb.stats', {});
    if (r.ok) set({ stats: r.data });
  },
  async importFile(file) {
    if (get().busy) return;
    set({
      busy: true,
      fileName: file.name,
      uploadProgress: null,
      importProgress: null,
      indexProgress: null,
      report: null,
      error: null,
    });
    const sent = await sendFileToCore(file, (done, total) => set({ uploadProgress: { done, total } }));
    if (!sent.ok) {
      set({ busy: false, error: sent.error });
      return;
    }
    const r = await api().call('kb.import', sent.data);
    set(r.ok ? { busy: false, report: r.data } : { busy: false, error: r.error });
    void get().loadStats();
  },
  reset() {
    set({ fileName: null, uploadProgress: null, importProgress: null, report: null, error: null });
  },
}));

export const percent = (p: { done: number; total: number } | null): number =>
  p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
