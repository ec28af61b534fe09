// KnowledgeService: the knowledge base the core composes. Local-first: search answers from the
// SQLite cache (online or offline); the hub sync and merchant imports write into it; a background
// indexer embeds new chunks through the worker. Keyword search never depends on the model.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { KbDoc } from '../../../shared/domain';
import type { Db } from '../db/database';
import { Embedder, isZeroVector, type EmbedProgress } from './embedder';
import { INDEX_STEP, embedInBatches } from './index-step';
import { parseImport } from './importers';
import { ModelError, describeModel, type ResolvedModel } from './model';
import { addWords, clampQuery } from './segmenter';
import { fuseAndHydrate, keywordSearch, queryTerms, vectorCandidates, type VectorHit } from './search';
import { searchText } from './query-text';
import { calibratedRelevance } from './relevance';
import { pullFromHub, type PullFn, type SyncReport } from './hub-sync';
import { KnowledgeStore } from './store';
import type {
  ImportReport,
  IndexingState,
  KbProgress,
  KnowledgeOptions,
  KnowledgeStats,
  SearchOptions,
  SearchResponse,
} from './types';

export type { SearchHit } from './search';
export { calibratedRelevance } from './relevance';
export type * from './types';
export { PullResultSchema, type PullCursor, type PullFn, type PullResult, type SyncReport } from './hub-sync';

/**
 * Vector candidates per search. A document has passage and sentence chunks (chunker.ts) and is
 * scored from both, so the list must reach past the first few documents' sentences; 100 costs the
 * same exact rescoring as 50 (vector-index.ts rescores at least MIN_CANDIDATES = 400 either way).
 */
const VECTOR_DEPTH = 100;
/** Documents re-chunked per event-loop turn after a chunker change (a few ms of work each turn). */
const RECHUNK_BATCH = 50;

export class KnowledgeService {
  readonly store: KnowledgeStore;
  private readonly embedder: Embedder | null;
  private modelError: string | null = null;
  private indexing: Promise<void> | null = null;
  private syncChain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private embeddedThisSession = 0;
  private indexState: IndexingState | null = null;
  private rechunking: Promise<void> | null = null;

  constructor(
    readonly db: Db,
    private readonly options: KnowledgeOptions,
  ) {
    this.store = new KnowledgeStore(db);
    const words = this.store.getMeta('dict_words');
    if (words) addWords(JSON.parse(words) as string[]);
    let embedder: Embedder | null = null;
    if (options.model) {
      try {
        embedder = new Embedder(options.model, (p: EmbedProgress) =>
          options.onProgress?.({ phase: 'model', ...p }),
        );
        embedder.ready().then(
          () => this.kickIndexer(),
          (err: Error) => (this.modelError = err.message),
        );
      } catch (err) {
        // A broken folder is reported, not thrown: the knowledge base stays usable by keyword.
        this.modelError =
          err instanceof ModelError ? err.message : `embedding model unusable: ${(err as Error).message}`;
      }
    }
    this.embedder = embedder;
    this.rechunking = this.store.chunkingStale ? this.rechunkLoop() : null;
  }

  /** Re-chunks what an older chunker cut, a batch per event-loop turn; then the indexer embeds. */
  private async rechunkLoop(): Promise<void> {
    try {
      while (!this.closed && this.store.rechunkStale(RECHUNK_BATCH) > 0)
        await new Promise((r) => setImmediate(r));
    } catch {
      // A disk error, say: the old chunks keep serving and the next start resumes from the cursor.
    } finally {
      this.rechunking = null;
      this.kickIndexer();
    }
  }

  /** Resolves when the model is loaded; rejects with the clear error a broken model produced. */
  async modelReady(): Promise<number> {
    if (!this.embedder) throw new ModelError(this.modelError ?? 'no embedding model configured');
    return this.embedder.ready();
  }

  /** How the configured model is run (manifest values), or null without a usable model folder. */
  embedderModel(): ResolvedModel | null {
    return this.embedder?.model ?? null;
  }

  async search(rawQuery: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const started = performance.now();
    // Every caller (API, CLI, the assist engine's customer turns) gets the same cap.
    const query = clampQuery(rawQuery);
    const limit = Math.max(1, Math.min(options.limit ?? 10, 50));
    const filters = { tiers: options.tiers, tags: options.tags };
    // Durations in words become the policies' digits (query-text.ts), for both retrievers.
    const text = searchText(query);
    const { expanded } = queryTerms(text);
    const keyword = keywordSearch(this.db, expanded, filters);
    let vector: VectorHit[] = [];
    let degraded: string | null = null;
    const state = this.embedder?.status;
    if (!this.embedder) degraded = this.modelError ?? 'no embedding model configured';
    else if (state?.status === 'failed') degraded = this.modelError ?? state.error;
    else if (state?.status === 'loading' || !this.store.vectorDim)
      degraded = 'embedding model is still loading';
    else if (!this.vectorsUsable()) degraded = this.rebuildingReason();
    else {
      try {
        const q = await this.embedder.embedQuery(text);
        if (!isZeroVector(q)) vector = vectorCandidates(this.db, q, filters, VECTOR_DEPTH);
      } catch (err) {
        degraded = `query embedding failed: ${(err as Error).message}`;
      }
    }
    const hits = fuseAndHydrate(this.db, keyword, vector, expanded, limit, !degraded);
    const calibration = degraded ? null : this.embedder?.model.relevance;
    if (calibration) for (const h of hits) h.relevance = calibratedRelevance(h.score, calibration);
    return { hits, mode: degraded ? 'keyword' : 'hybrid', degraded, tookMs: performance.now() - started };
  }

  /** The index holds a complete set of vectors from the loaded model. */
  private vectorsUsable(): boolean {
    const e = this.embedder;
    return (
      !!e &&
      e.status.status === 'ready' &&
      this.store.vectorDim === e.status.dim &&
      this.store.getMeta('vec_model') === e.fingerprint &&
      this.store.vectorsServing
    );
  }

  private rebuildingReason(): string {
    const s = this.indexState;
    const name = this.embedder?.model.name ?? 'the model';
    if (!s) return `vectors for ${name} are being prepared; keyword results until then`;
    const eta = s.etaMs === null ? '' : `, about ${formatEta(s.etaMs)} left`;
    const what = s.reason === 'switch' ? 're-embedding the knowledge base' : 'embedding the knowledge base';
    return `${what} for ${name} (${s.done}/${s.total}${eta}); keyword results until it finishes`;
  }

  /**
   * Unit vectors for texts from the knowledge model (passage mode, ahead of bulk indexing), e.g. for
   * the reply ranker's semantic signal. Rejects when there is no working model.
   */
  embed(texts: string[], lane: 'focus' | 'background' = 'focus'): Promise<Float32Array[]> {
    if (!this.embedder)
      return Promise.reject(new ModelError(this.modelError ?? 'no embedding model configured'));
    if (!texts.length) return Promise.resolve([]);
    return lane === 'background'
      ? this.embedder.embedBackground(texts)
      : this.embedder.embedInteractive(texts);
  }

  /** {@link embed} when the model is loaded, else undefined: callers never wait on a loading model. */
  readyEmbed(
    lane: 'focus' | 'background' = 'focus',
  ): ((texts: string[]) => Promise<Float32Array[]>) | undefined {
    return this.embedder?.status.status === 'ready' && !this.closed
      ? (texts) => this.embed(texts, lane)
      : undefined;
  }

  /**
   * Retrieval-query vectors (with the model's query instruction) when the model is loaded: the
   * evaluation's topic judge, and the ECD comparison row of a ranker fed query-side vectors
   * (RankOptions.embedQueries; the engine itself ranks with passage vectors, measured better).
   */
  readyEmbedQueries(): ((texts: string[]) => Promise<Float32Array[]>) | undefined {
    const e = this.embedder;
    return e?.status.status === 'ready' && !this.closed
      ? (texts) => Promise.all(texts.map((t) => e.embedQuery(t)))
      : undefined;
  }

  /** Pulls the hub's changes since the stored version and applies them; serialised, safe to call on every kb:changed. */
  syncFrom(pull: PullFn): Promise<SyncReport> {
    const run = this.syncChain.then(async () => {
      const report = await pullFromHub(this.db, this.store, pull);
      this.kickIndexer();
      return report;
    });
    this.syncChain = run.catch(() => {});
    return run;
  }

  /** Imports a merchant file from disk. */
  importFile(
    path: string,
    onProgress?: (p: KbProgress) => void,
    name = basename(path),
  ): Promise<ImportReport> {
    return this.importContent(name, readFileSync(path), onProgress);
  }

  /** Imports file content (the browser shell uploads bytes, not paths). Bad rows are reported, good rows kept. */
  async importContent(
    name: string,
    content: Uint8Array,
    onProgress?: (p: KbProgress) => void,
  ): Promise<ImportReport> {
    const parsed = await parseImport(name, content);
    const report: ImportReport = {
      file: name,
      totalRows: parsed.totalRows,
      imported: 0,
      unchanged: 0,
      errors: [...parsed.errors],
      encoding: parsed.encoding ?? null,
    };
    const emit = (p: KbProgress) => {
      onProgress?.(p);
      this.options.onProgress?.(p);
    };
    const total = parsed.docs.length;
    emit({ phase: 'import', file: name, done: 0, total });
    const BATCH = 200;
    for (let i = 0; i < total; i += BATCH) {
      const slice = parsed.docs.slice(i, i + BATCH);
      this.db.transaction(() => {
        for (const { doc, line } of slice) {
          const existing = this.store.getDoc(doc.id);
          if (existing && existing.source !== 'import') {
            report.errors.push({
              line,
              reason: `id collides with a hub document (${doc.id})`,
              text: { code: 'import.id_collision', params: { id: doc.id } },
            });
            continue;
          }
          const r = this.store.upsertDoc(doc, 'import', name);
          if (r.changed) report.imported++;
          else report.unchanged++;
        }
      })();
      emit({ phase: 'import', file: name, done: Math.min(i + BATCH, total), total });
      // Yield between batches so a big file never blocks the event loop for long.
      await new Promise((r) => setImmediate(r));
    }
    report.errors.sort((a, b) => a.line - b.line);
    this.kickIndexer();
    return report;
  }

  /** Merchant/domain words for the segmenter (brands, product lines). Re-segments the keyword index. */
  addDictionaryWords(words: string[]): void {
    const known = new Set<string>(JSON.parse(this.store.getMeta('dict_words') ?? '[]') as string[]);
    const fresh = words.map((w) => w.trim()).filter((w) => w.length >= 2 && !known.has(w));
    if (!fresh.length) return;
    for (const w of fresh) known.add(w);
    this.store.setMeta('dict_words', JSON.stringify([...known]));
    addWords(fresh);
    this.store.reindexKeywords();
  }

  /** Starts the background indexer if it is not running. */
  private kickIndexer(): void {
    if (this.indexing || this.closed || !this.embedder || this.embedder.status.status !== 'ready') return;
    this.indexing = this.indexLoop()
      .catch((err: Error) => {
        if (!this.closed) this.modelError = `indexing stopped: ${err.message}`;
      })
      .finally(() => {
        this.indexing = null;
      });
  }

  private async indexLoop(): Promise<void> {
    const embedder = this.embedder!;
    const dim = await embedder.ready();
    this.store.ensureVectorTable(embedder.fingerprint, dim);
    const batch = this.options.indexBatch ?? INDEX_STEP;
    const total = this.store.countPending(embedder.fingerprint);
    if (!total) {
      this.store.markVectorsComplete();
      return;
    }
    const reason = !this.store.vectorsServing && this.store.previousVectorModel ? 'switch' : 'new';
    const state: IndexingState = { reason, model: embedder.model.name, done: 0, total, etaMs: null };
    this.indexState = state;
    const emit = () => this.options.onProgress?.({ phase: 'index', ...state });
    emit();
    let rate: number | null = null; // chunks/s, smoothed over batches
    let cursor = 0; // last chunk id read: new chunks get higher ids, so they are reached too
    let counted = performance.now();
    try {
      for (;;) {
        if (this.closed) return;
        const pending = this.store.pendingChunks(embedder.fingerprint, batch, cursor);
        if (!pending.length) break;
        cursor = pending[pending.length - 1]!.id;
        const started = performance.now();
        const vectors = await embedInBatches(
          embedder,
          pending.map((c) => `${c.title}\n${c.text}`),
        );
        if (this.closed) return;
        this.embeddedThisSession += this.store.writeVectors(
          embedder.fingerprint,
          pending.map((c, i) => ({ id: c.id, vector: vectors[i]! })),
        );
        const batchRate = pending.length / Math.max((performance.now() - started) / 1000, 1e-3);
        rate = rate === null ? batchRate : 0.8 * rate + 0.2 * batchRate;
        state.done += pending.length;
        // Counting scans every chunk: a few times a minute is enough to see chunks added meanwhile.
        if (performance.now() - counted > 10_000) {
          counted = performance.now();
          state.total = Math.max(state.total, state.done + this.store.countPending(embedder.fingerprint));
        } else state.total = Math.max(state.total, state.done);
        state.etaMs = Math.round((1000 * (state.total - state.done)) / rate);
        emit();
      }
      this.store.markVectorsComplete();
      state.etaMs = 0;
      state.done = state.total;
      emit();
    } finally {
      this.indexState = null;
    }
  }

  /** Resolves when every chunk has a vector (or there is no working model). For tests, CLI and bench. */
  async whenIndexed(): Promise<void> {
    await this.rechunking;
    if (!this.embedder) return;
    try {
      await this.embedder.ready();
    } catch {
      return;
    }
    for (;;) {
      this.kickIndexer();
      if (!this.indexing) return;
      await this.indexing;
      if (this.closed || this.store.countPending(this.embedder.fingerprint) === 0) return;
    }
  }

  stats(): KnowledgeStats {
    const c = this.store.counts();
    const status = this.embedder?.status;
    return {
      ...c,
      pending: c.chunks - c.embedded,
      version: Number(this.store.getMeta('kb_version') ?? 0),
      model: {
        status: !this.options.model
          ? 'off'
          : this.modelError || !status || status.status === 'failed'
            ? 'failed'
            : status.status,
        name: this.options.model ? describeModel(this.options.model) : null,
        dim: status?.status === 'ready' ? status.dim : null,
        error: this.modelError,
      },
      embeddedThisSession: this.embeddedThisSession,
      indexing: this.indexState ? { ...this.indexState } : null,
      vectorsBy: this.store.getMeta('vec_model'),
    };
  }

  /** A copy of a document, e.g. to show the full article behind a search hit. */
  getDoc(id: string): KbDoc | null {
    const d = this.store.getDoc(id);
    if (!d) return null;
    const { source: _s, contentHash: _h, ...doc } = d;
    return doc;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.rechunking;
    await this.embedder?.close();
    await this.indexing?.catch(() => {});
    this.store.vectorIndex?.close(); // saves the vector graph if it changed (graph-index.ts)
  }
}

/** "40 s", "3 min" — for the degraded note; the renderer formats its own. */
function formatEta(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}
