// Embedding worker (node:worker_threads). Runs transformers.js' feature-extraction pipeline off the
// main thread so neither the UI bridge nor the hub sync ever waits on ONNX inference.
// Self-contained on purpose (no relative imports, erasable TypeScript only): Node 24 runs it directly
// with its built-in type stripping, in tests and under tsx alike.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';

export interface WorkerInit {
  /** Local model folder (Hugging Face layout) — or null to load `modelId` from `remoteHost`. */
  localDir: string | null;
  modelId: string;
  remoteHost: string | null;
  cacheDir: string | null;
  revision: string;
  pooling: 'cls' | 'mean';
  normalize: boolean;
  /** transformers.js picks onnx/<modelFileName><suffix of dtype>.onnx */
  modelFileName: string;
  dtype: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';
  onnxFile: string;
  /** Expected width from the manifest (null: whatever the model gives). */
  dimension: number | null;
  /** Files (relative to localDir) whose bytes must match, checked before the model is loaded. */
  sha256: Record<string, string>;
  /** ONNX intra-op threads. */
  threads: number;
}

type Request = { type: 'embed'; id: number; texts: string[] } | { type: 'close' };
type Reply =
  | { type: 'ready'; dim: number }
  | { type: 'progress'; file: string; loaded: number; total: number; status: string }
  | { type: 'result'; id: number; dim: number; data: Float32Array }
  | { type: 'error'; id: number | null; message: string }
  | { type: 'closed' };

const port = parentPort;
if (!port) throw new Error('embed-worker must run in a worker thread');
const init = workerData as WorkerInit;
const post = (msg: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (b) => h.update(b))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** The sha256 check at load: a corrupt or swapped file fails here, named, before ONNX sees it. */
async function verifyFiles(dir: string): Promise<void> {
  for (const [file, expected] of Object.entries(init.sha256)) {
    const actual = await sha256File(join(dir, file)).catch((err: Error) => {
      throw new Error(`${file} cannot be read (${join(dir, file)}): ${err.message}`);
    });
    if (actual !== expected)
      throw new Error(
        `${file} does not match its sha256 in xiaoer-model.json (${join(dir, file)}: expected ${expected.slice(0, 12)}…, got ${actual.slice(0, 12)}…); the file is corrupt or was replaced`,
      );
  }
}

/** ONNX runtime's own messages rarely say which file; ours always do. */
function withFile<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`${init.onnxFile} could not be loaded: ${message}`);
  });
}

async function load(): Promise<FeatureExtractionPipeline> {
  const options = {
    dtype: init.dtype,
    model_file_name: init.modelFileName,
    // No spin-waiting: idle ONNX threads would burn the CPU the UI and the core need.
    session_options: {
      intraOpNumThreads: init.threads,
      interOpNumThreads: 1,
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    },
  };
  if (init.localDir) {
    await verifyFiles(init.localDir);
    // A folder on disk: never touch the network, whatever the global defaults are.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    const slash = Math.max(init.localDir.lastIndexOf('/'), init.localDir.lastIndexOf('\\'));
    env.localModelPath = init.localDir.slice(0, slash + 1);
    return (await withFile(
      pipeline('feature-extraction', init.localDir.slice(slash + 1), options),
    )) as FeatureExtractionPipeline;
  }
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  if (init.remoteHost)
    env.remoteHost = init.remoteHost.endsWith('/') ? init.remoteHost : `${init.remoteHost}/`;
  if (init.cacheDir) {
    env.useFSCache = true;
    env.cacheDir = init.cacheDir;
  }
  return (await pipeline('feature-extraction', init.modelId, {
    ...options,
    revision: init.revision,
    progress_callback: (p: { status: string; file?: string; loaded?: number; total?: number }) => {
      if (p.file)
        post({
          type: 'progress',
          status: p.status,
          file: p.file,
          loaded: p.loaded ?? 0,
          total: p.total ?? 0,
        });
    },
  })) as FeatureExtractionPipeline;
}

const pooling = { pooling: init.pooling, normalize: init.normalize } as const;
let extractor: FeatureExtractionPipeline | null = null;
let failed: string | null = null;

const ready = load()
  .then(async (pipe) => {
    extractor = pipe;
    // Probe once: it reveals the output width and creates the ONNX session now, not on a keystroke.
    const probe = await withFile(pipe(['探测'], pooling));
    const dim = probe.dims[probe.dims.length - 1] as number;
    if (init.dimension !== null && dim !== init.dimension)
      throw new Error(
        `${init.onnxFile} gives ${dim}-d vectors but xiaoer-model.json says ${init.dimension}: wrong model file for this manifest`,
      );
    post({ type: 'ready', dim });
  })
  .catch(async (err: unknown) => {
    failed = err instanceof Error ? err.message : String(err);
    await release();
    post({ type: 'error', id: null, message: failed });
  });

/** Frees the ONNX session here, in its own thread: terminating a worker that still holds one can
 * abort the whole process from the native finaliser. */
async function release(): Promise<void> {
  const pipe = extractor;
  extractor = null;
  await pipe?.dispose().catch(() => {});
}

let busy: Promise<unknown> = Promise.resolve();

port.on('message', async (msg: Request) => {
  await ready;
  if (msg.type === 'close') {
    await busy.catch(() => {});
    await release();
    post({ type: 'closed' });
    return;
  }
  if (!extractor) {
    post({ type: 'error', id: msg.id, message: failed ?? 'model not loaded' });
    return;
  }
  try {
    const run = embedEachAlone(extractor, msg.texts);
    busy = run;
    const { dim, data } = await run;
    post({ type: 'result', id: msg.id, dim, data }, [data.buffer]);
  } catch (err) {
    post({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
});

/**
 * One inference per text. The shipped model is int8 with dynamically quantised activations, whose
 * scale is taken over the whole input tensor: in a batch, the other texts (and the padding to the
 * longest) changed a text's vector (cosine 0.994 with the same text embedded alone), so search
 * results depended on which chunks happened to be indexed together. Alone, a text always gets the
 * same vector, and on 2 cores it was no slower (108–132 chunks/s against 108–119 in batches of 16).
 */
async function embedEachAlone(
  pipe: FeatureExtractionPipeline,
  texts: readonly string[],
): Promise<{ dim: number; data: Float32Array<ArrayBuffer> }> {
  let dim = 0;
  let data: Float32Array<ArrayBuffer> = new Float32Array(0);
  for (const [i, text] of texts.entries()) {
    const out = await pipe(text, pooling);
    if (!dim) {
      dim = out.dims[out.dims.length - 1] as number;
      data = new Float32Array(dim * texts.length);
    }
    data.set(out.data as Float32Array, i * dim);
  }
  return { dim, data };
}
