// Main-thread client of the embedding worker: batches texts, gives queries priority over bulk
// indexing (one batch in flight at a time, the next one picked from the query queue first), and
// turns a broken model into a clear, permanent "unavailable" state instead of hanging callers.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInit } from './embed-worker';
import { ModelError, describeModel, resolveModel, type ModelSpec, type ResolvedModel } from './model';

export interface EmbedProgress {
  file: string;
  loaded: number;
  total: number;
  status: string;
}

export type EmbedderState =
  { status: 'loading' } | { status: 'ready'; dim: number } | { status: 'failed'; error: string };

interface Job {
  texts: string[];
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
}

/** Texts per worker round trip for interactive work (queries, reply ranking). */
export const BATCH_SIZE = 32;
/**
 * Texts per round trip for bulk indexing. A batch is padded to its longest text, and a query waits
 * for the batch in flight, so bulk batches stay small (16 was the fastest per chunk here as well).
 */
export const BULK_BATCH_SIZE = 16;
/** Background (not on screen) texts per round trip: small, so the ticket on screen waits little. */
export const BACKGROUND_BATCH_SIZE = 8;
/** Interactive vectors kept for reuse: 4,096 × 512-d × 4 B = 8 MB. */
export const RECENT_VECTORS = 4096;

/**
 * ONNX threads for the embedding worker: all cores but one, so bulk re-embedding never takes the
 * core the main thread (ticket display, sync) runs on; at most 4, where gains flatten out.
 */
export function defaultEmbedThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export interface EmbedderOptions {
  onProgress?: (p: EmbedProgress) => void;
  /** ONNX intra-op threads (default {@link defaultEmbedThreads}). */
  threads?: number;
}

/**
 * The worker script. Bundled by electron-vite, the core is out/main/index.js and the worker its own
 * entry, out/main/embed-worker.js (electron.vite.config.ts); from source (tsx, vitest, Node's type
 * stripping) it is embed-worker.ts next to this file. The path is built at run time, not written as
 * `new URL('./…', import.meta.url)`, so the bundler does not copy the .ts source as an asset.
 */
export function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'embed-worker.js');
  return existsSync(built) ? built : join(here, 'embed-worker.ts');
}

export class Embedder {
  readonly fingerprint: string;
  /** How this model is run (pooling, prefixes, file), from its manifest. */
  readonly model: ResolvedModel;
  private worker: Worker | null = null;
  private state: EmbedderState = { status: 'loading' };
  private readonly readyPromise: Promise<number>;
  private readonly queries: Job[] = [];
  /** Interactive work for what is not on screen (other tickets' suggestions): after queries, before bulk. */
  private readonly background: Job[] = [];
  private readonly bulk: Job[] = [];
  private inFlight: { id: number; jobs: Job[]; sizes: number[] } | null = null;
  private nextId = 1;
  private onClosed: (() => void) | null = null;
  /** Recently embedded interactive texts (insertion order = age), see {@link cached}. */
  private readonly recent = new Map<string, Float32Array>();

  /** Throws ModelError synchronously when a local folder is obviously broken. */
  constructor(
    readonly spec: ModelSpec,
    options: EmbedderOptions | ((p: EmbedProgress) => void) = {},
  ) {
    const { onProgress = () => {}, threads = defaultEmbedThreads() } =
      typeof options === 'function' ? { onProgress: options } : options;
    const model = resolveModel(spec);
    this.model = model;
    this.fingerprint = model.fingerprint;
    const src = spec.source;
    const run = {
      pooling: model.pooling,
      normalize: model.normalize,
      modelFileName: model.modelFileName,
      dtype: model.dtype,
      onnxFile: model.onnxFile,
      dimension: model.dimension,
      sha256: model.sha256,
      threads,
    };
    const init: WorkerInit =
      src.kind === 'local'
        ? { ...run, localDir: src.dir, modelId: '', remoteHost: null, cacheDir: null, revision: 'main' }
        : {
            ...run,
            localDir: null,
            modelId: src.id,
            remoteHost: src.remoteHost ?? null,
            cacheDir: src.cacheDir,
            revision: src.revision ?? 'main',
          };
    this.readyPromise = new Promise<number>((resolveReady, rejectReady) => {
      const worker = new Worker(workerFile(), { workerData: init });
      this.worker = worker;
      worker.unref(); // an idle embedder must not keep a CLI process alive
      worker.on('message', (msg: { type: string; [k: string]: unknown }) => {
        if (msg.type === 'ready') {
          this.state = { status: 'ready', dim: msg.dim as number };
          resolveReady(msg.dim as number);
        } else if (msg.type === 'progress') {
          onProgress(msg as unknown as EmbedProgress);
        } else if (msg.type === 'result')
          this.finish(msg.id as number, msg.data as Float32Array, msg.dim as number);
        else if (msg.type === 'closed') this.onClosed?.();
        else if (msg.type === 'error') {
          const error = `embedding model ${describeModel(spec)} could not be loaded: ${String(msg.message)}`;
          if (msg.id === null) {
            this.fail(error);
            rejectReady(new ModelError(error));
          } else this.finishError(msg.id as number, new Error(String(msg.message)));
        }
      });
      worker.on('error', (err) => {
        const error = `embedding worker crashed: ${err.message}`;
        this.fail(error);
        rejectReady(new ModelError(error));
      });
      worker.on('exit', (code) => {
        if (this.state.status !== 'failed' && code !== 0) {
          this.fail(`embedding worker exited with code ${code}`);
          rejectReady(new ModelError(`embedding worker exited with code ${code}`));
        }
      });
    });
    // Callers that never await ready() must not produce an unhandled rejection.
    this.readyPromise.catch(() => {});
  }

  get status(): EmbedderState {
    return this.state;
  }

  /** Resolves with the vector width once the model is loaded; rejects with a ModelError if it cannot be. */
  ready(): Promise<number> {
    return this.readyPromise;
  }

  /** A retrieval query: gets the model's query instruction (BGE: 为这个句子生成表示以用于检索相关文章：). */
  embedQuery(text: string): Promise<Float32Array> {
    return this.cached(this.queries, [`${this.model.queryInstruction}${text}`]).then((v) => v[0]!);
  }

  /** Passage-mode vectors with query priority: for interactive callers (reply ranking), not bulk indexing. */
  embedInteractive(texts: string[]): Promise<Float32Array[]> {
    return this.cached(
      this.queries,
      texts.map((t) => `${this.model.passagePrefix}${t}`),
    );
  }

  /** Passage vectors behind queries and the ticket on screen, ahead of bulk indexing. */
  embedBackground(texts: string[]): Promise<Float32Array[]> {
    return this.cached(
      this.background,
      texts.map((t) => `${this.model.passagePrefix}${t}`),
    );
  }

  /**
   * Interactive texts repeat (macros, knowledge answers, resolved replies and the conversation are
   * ranked again on every customer message): only texts not seen recently go to the worker.
   */
  private async cached(queue: Job[], texts: string[]): Promise<Float32Array[]> {
    const out: (Float32Array | undefined)[] = texts.map((t) => this.recent.get(t));
    const missing = [...new Set(texts.filter((_, i) => !out[i]))];
    const fresh = new Map<string, Float32Array>();
    if (missing.length) {
      const vectors = await this.enqueue(queue, missing);
      missing.forEach((t, i) => {
        fresh.set(t, vectors[i]!);
        this.recent.delete(t);
        this.recent.set(t, vectors[i]!);
      });
      while (this.recent.size > RECENT_VECTORS) this.recent.delete(this.recent.keys().next().value!);
    }
    return texts.map((t, i) => out[i] ?? fresh.get(t)!);
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.enqueue(
      this.bulk,
      texts.map((t) => `${this.model.passagePrefix}${t}`),
    );
  }

  private enqueue(queue: Job[], texts: string[]): Promise<Float32Array[]> {
    if (this.state.status === 'failed') return Promise.reject(new ModelError(this.state.error));
    return new Promise((resolve, reject) => {
      queue.push({ texts, resolve, reject });
      void this.readyPromise.then(
        () => this.pump(),
        () => {},
      );
    });
  }

  private pump(): void {
    if (this.inFlight || !this.worker || this.state.status !== 'ready') return;
    const jobs: Job[] = [];
    let count = 0;
    for (const queue of [this.queries, this.background, this.bulk]) {
      const limit =
        queue === this.bulk
          ? BULK_BATCH_SIZE
          : queue === this.background
            ? BACKGROUND_BATCH_SIZE
            : BATCH_SIZE;
      while (queue.length && count + queue[0]!.texts.length <= limit) {
        const job = queue.shift()!;
        jobs.push(job);
        count += job.texts.length;
      }
      if (count) break; // never mix queries with bulk: a query batch stays small and fast
    }
    if (!jobs.length) {
      // A single job bigger than a batch: send it as is (the worker handles any length).
      const job = this.queries.shift() ?? this.background.shift() ?? this.bulk.shift();
      if (!job) return;
      jobs.push(job);
    }
    const id = this.nextId++;
    this.inFlight = { id, jobs, sizes: jobs.map((j) => j.texts.length) };
    this.worker.postMessage({ type: 'embed', id, texts: jobs.flatMap((j) => j.texts) });
  }

  private finish(id: number, data: Float32Array, dim: number): void {
    const flight = this.inFlight;
    if (!flight || flight.id !== id) return;
    this.inFlight = null;
    let row = 0;
    flight.jobs.forEach((job, j) => {
      const out: Float32Array[] = [];
      for (let i = 0; i < flight.sizes[j]!; i++, row++) {
        const v = data.slice(row * dim, (row + 1) * dim);
        // Text made only of unknown tokens pools to a zero vector, which normalises to NaN.
        if (v.some((x) => !Number.isFinite(x))) v.fill(0);
        out.push(v);
      }
      job.resolve(out);
    });
    this.pump();
  }

  private finishError(id: number, err: Error): void {
    const flight = this.inFlight;
    if (!flight || flight.id !== id) return;
    this.inFlight = null;
    for (const job of flight.jobs) job.reject(err);
    this.pump();
  }

  private fail(error: string): void {
    this.state = { status: 'failed', error };
    const err = new ModelError(error);
    for (const job of [
      ...this.queries.splice(0),
      ...this.background.splice(0),
      ...this.bulk.splice(0),
      ...(this.inFlight?.jobs ?? []),
    ])
      job.reject(err);
    this.inFlight = null;
    void this.stopWorker();
  }

  /**
   * Asks the worker to free its ONNX session, then ends it. Terminating a worker that still holds
   * a session (or is running one) can abort the process in onnxruntime's native finaliser, so
   * terminate() is only the fallback when the worker does not answer within a few seconds.
   */
  private async stopWorker(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      timer.unref();
      this.onClosed = () => {
        clearTimeout(timer);
        resolve();
      };
      w.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      w.postMessage({ type: 'close' });
    });
    this.onClosed = null;
    await w.terminate();
  }

  async close(): Promise<void> {
    if (this.state.status !== 'failed') this.state = { status: 'failed', error: 'embedder closed' };
    for (const job of [
      ...this.queries.splice(0),
      ...this.background.splice(0),
      ...this.bulk.splice(0),
      ...(this.inFlight?.jobs ?? []),
    ])
      job.reject(new Error('embedder closed'));
    this.inFlight = null;
    await this.stopWorker();
  }
}

export function isZeroVector(v: Float32Array): boolean {
  for (const x of v) if (x !== 0) return false;
  return true;
}
