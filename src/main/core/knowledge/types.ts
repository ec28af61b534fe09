// The knowledge service's public shapes: options, search answers, import reports, statistics and
// progress. Re-exported by index.ts.
import type { KbTier } from '../../../shared/domain';
import type { TextEncodingName } from './import-encoding';
import type { ImportRowError } from './importers';
import type { ModelSpec } from './model';
import type { SearchHit } from './search';

export type KbProgress =
  | { phase: 'import'; file: string; done: number; total: number }
  | ({ phase: 'index' } & IndexingState)
  | { phase: 'model'; file: string; loaded: number; total: number; status: string };

/** Background embedding: of new chunks, or of every chunk after the model changed ('switch'). */
export interface IndexingState {
  reason: 'new' | 'switch';
  model: string;
  done: number;
  total: number;
  /** From the measured rate (chunks/s, smoothed); null until the first batch is done. */
  etaMs: number | null;
}

export interface KnowledgeOptions {
  /** Embedding model; null = keyword search only (no worker started). */
  model: ModelSpec | null;
  onProgress?: (p: KbProgress) => void;
  /** Chunks read per indexing step (sent to the worker BULK_BATCH_SIZE at a time; see index-step.ts). */
  indexBatch?: number;
}

export interface SearchOptions {
  tiers?: KbTier[];
  tags?: string[];
  limit?: number;
}

export interface SearchResponse {
  hits: SearchHit[];
  mode: 'hybrid' | 'keyword';
  /** Why the vector half was skipped (model loading, model broken …), when it was. */
  degraded: string | null;
  tookMs: number;
}

export interface ImportReport {
  file: string;
  totalRows: number;
  imported: number;
  unchanged: number;
  errors: ImportRowError[];
  /** How a text file was decoded (named in the summary); null for a workbook. */
  encoding: TextEncodingName | null;
}

export interface KnowledgeStats {
  docs: number;
  chunks: number;
  embedded: number;
  pending: number;
  byTier: Record<KbTier, number>;
  bySource: { hub: number; import: number };
  version: number;
  model: {
    status: 'off' | 'loading' | 'ready' | 'failed';
    name: string | null;
    dim: number | null;
    error: string | null;
  };
  /** Chunks embedded by this process since start (lets callers see that a sync re-embedded only what changed). */
  embeddedThisSession: number;
  indexing: IndexingState | null;
  /** Fingerprint of the model the stored vectors belong to. */
  vectorsBy: string | null;
}
