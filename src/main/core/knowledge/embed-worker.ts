// Embedding worker (node:worker_threads). Runs transformers.js' feature-extraction pipeline off the
// main thread so neither the UI bridge nor the hub sync ever waits on ONNX inference.
// Self-contained on purpose (no relative imports, erasable TypeScript only): Node 24 runs it directly
// with its built-in type stripping, in tests and under tsx alike.
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';

export interface WorkerInit {
  /** Local model folder (Hugging Face layout) — or null to load `modelId` from `remoteHost`. */
  localDir: string | null;
  modelId: string;
  remoteHost: string | null;
  cacheDir: string | null;
  revision: string;
}

type Request = { type: 'embed'; id: number; texts: string[] };
type Reply =
  | { type: 'ready'; dim: number }
  | { type: 'progress'; file: string; loaded: number; total: number; status: string }
  | { type: 'result'; id: number; dim: number; data: Float32Array }
  | { type: 'error'; id: number | null; message: string };

const port = parentPort;
if (!port) throw new Error('embed-worker must run in a worker thread');
const init = workerData as WorkerInit;
const post = (msg: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

async function load(): Promise<FeatureExtractionPipeline> {
  if (init.localDir) {
    // A folder on disk: never touch the network, whatever the global defaults are.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    const slash = Math.max(init.localDir.lastIndexOf('/'), init.localDir.lastIndexOf('\\'));
    env.localModelPath = init.localDir.slice(0, slash + 1);
    return (await pipeline('feature-extraction', init.localDir.slice(slash + 1), {
      dtype: 'fp32',
    })) as FeatureExtractionPipeline;
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
    dtype: 'fp32',
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

let extractor: FeatureExtractionPipeline | null = null;
let failed: string | null = null;

const ready = load()
  .then(async (pipe) => {
    extractor = pipe;
    // Probe once: it reveals the output width and creates the ONNX session now, not on a keystroke.
    const probe = await pipe(['探测'], { pooling: 'mean', normalize: true });
    post({ type: 'ready', dim: probe.dims[probe.dims.length - 1] as number });
  })
  .catch((err: unknown) => {
    failed = err instanceof Error ? err.message : String(err);
    post({ type: 'error', id: null, message: failed });
  });

port.on('message', async (msg: Request) => {
  await ready;
  if (msg.type !== 'embed') return;
  if (!extractor) {
    post({ type: 'error', id: msg.id, message: failed ?? 'model not loaded' });
    return;
  }
  try {
    const out = await extractor(msg.texts, { pooling: 'mean', normalize: true });
    const dim = out.dims[out.dims.length - 1] as number;
    const data = Float32Array.from(out.data as Float32Array);
    post({ type: 'result', id: msg.id, dim, data }, [data.buffer]);
  } catch (err) {
    post({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
});
