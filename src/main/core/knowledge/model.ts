// Where the embedding model comes from, how it is run, and whether a model folder is usable before
// we try it. Three sources: the shipped default (resources/models/bge-small-zh-v1.5, BAAI's
// bge-small-zh-v1.5 as int8 ONNX), any local folder in the Hugging Face / Transformers.js layout,
// or a model id downloaded from a hub (huggingface.co or a mirror) into a cache folder.
// How a model is run (pooling, normalisation, width, the query instruction, which ONNX file) comes
// from a small per-model manifest, `xiaoer-model.json` in the folder, so nothing here is tuned to
// one model. A folder without a manifest gets the defaults below (a sentence-transformers
// 1_Pooling/config.json is honoured).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { resourcePath } from '../resources';

export const DEFAULT_MODEL_NAME = 'bge-small-zh-v1.5';
export const MANIFEST_FILE = 'xiaoer-model.json';
/** BAAI's instruction for short retrieval queries against passages (queries only, never passages). */
export const BGE_ZH_QUERY_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';

const RelativeFile = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'),
    'must be a path inside the model folder',
  );

export const ModelManifestSchema = z.object({
  name: z.string().min(1),
  /** Output width; checked against the model's real output when it loads. */
  dimension: z.number().int().positive().max(8192),
  /** cls: the [CLS] token's hidden state (BGE); mean: average over tokens (most sentence models). */
  pooling: z.enum(['cls', 'mean']),
  normalize: z.boolean().default(true),
  /** Prepended to retrieval queries only (search box, knowledge lookups), not to passages. */
  queryInstruction: z.string().default(''),
  passagePrefix: z.string().default(''),
  /** The ONNX file to run, e.g. onnx/model_quantized.onnx (int8) or onnx/model.onnx (fp32). */
  onnx: RelativeFile.refine((p) => /^onnx\/[^/]+\.onnx$/.test(p), 'must be onnx/<name>.onnx'),
  /** Files checked byte for byte when the model loads; a mismatch fails the load and names the file. */
  sha256: z.record(RelativeFile, z.string().regex(/^[0-9a-f]{64}$/)).default({}),
  /**
   * Calibration of search scores for this model: P(a hit answers the question) =
   * 1 / (1 + e^−(slope · score + intercept)), score being the document score of knowledge search
   * (fusion.ts). Fitted on labelled questions (README, Knowledge retrieval); without it a search hit
   * has no relevance figure, because a cosine means different things on different models.
   */
  relevance: z.object({ slope: z.number().positive(), intercept: z.number() }).optional(),
});
export type ModelManifest = z.infer<typeof ModelManifestSchema>;

export type ModelSource =
  | { kind: 'local'; dir: string }
  | { kind: 'remote'; id: string; remoteHost?: string; cacheDir: string; revision?: string };

export interface ModelSpec {
  source: ModelSource;
  /** Overrides for a model without a manifest (remote ids); a local manifest wins over these. */
  manifest?: Partial<ModelManifest>;
}

/** Everything the worker needs to run a model, resolved once. */
export interface ResolvedModel {
  name: string;
  /** Which vectors belong to this model: ONNX bytes, tokenizer, pooling and passage prefix. */
  fingerprint: string;
  dimension: number | null;
  pooling: 'cls' | 'mean';
  normalize: boolean;
  queryInstruction: string;
  passagePrefix: string;
  /** transformers.js naming: onnx/<modelFileName><dtype suffix>.onnx */
  modelFileName: string;
  dtype: OnnxDtype;
  onnxFile: string;
  sha256: Record<string, string>;
  /** Search-score calibration from the manifest, or null (no relevance figure then). */
  relevance: { slope: number; intercept: number } | null;
}

export type OnnxDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';
// transformers.js picks the file by dtype suffix (utils/dtypes.js DEFAULT_DTYPE_SUFFIX_MAPPING).
const DTYPE_SUFFIXES: [string, OnnxDtype][] = [
  ['_quantized', 'q8'],
  ['_int8', 'int8'],
  ['_uint8', 'uint8'],
  ['_fp16', 'fp16'],
  ['_q4f16', 'q4f16'],
  ['_q4', 'q4'],
  ['_bnb4', 'bnb4'],
];

export function onnxFileParts(onnx: string): { modelFileName: string; dtype: OnnxDtype } {
  const base = onnx.replace(/^onnx\//, '').replace(/\.onnx$/, '');
  for (const [suffix, dtype] of DTYPE_SUFFIXES)
    if (base.endsWith(suffix)) return { modelFileName: base.slice(0, -suffix.length), dtype };
  return { modelFileName: base, dtype: 'fp32' };
}

export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

/** The shipped default model folder (resources/models/bge-small-zh-v1.5). */
export function defaultModelDir(): string {
  const fromEnv = process.env.XIAOER_MODEL_DIR;
  if (fromEnv) return resolve(fromEnv);
  return resourcePath('models', DEFAULT_MODEL_NAME);
}

/** Parses "id-or-path" as given on a command line or in settings. A path that exists is a folder. */
export function modelSpecFrom(value: string | undefined, cacheDir: string, remoteHost?: string): ModelSpec {
  if (!value) return { source: { kind: 'local', dir: defaultModelDir() } };
  if (existsSync(value) || value.startsWith('.') || value.startsWith('/'))
    return { source: { kind: 'local', dir: resolve(value) } };
  return {
    source: { kind: 'remote', id: value, cacheDir, ...(remoteHost ? { remoteHost } : {}) },
    manifest: guessedManifest(value),
  };
}

/** Known families by id, for models fetched without a manifest. */
function guessedManifest(id: string): Partial<ModelManifest> {
  if (/e5/i.test(id)) return { pooling: 'mean', queryInstruction: 'query: ', passagePrefix: 'passage: ' };
  if (/bge/i.test(id))
    return { pooling: 'cls', ...(/zh/i.test(id) ? { queryInstruction: BGE_ZH_QUERY_INSTRUCTION } : {}) };
  return {};
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ModelError(`${what} is missing (${path})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ModelError(`${what} is not valid JSON (${path}): ${(err as Error).message}`);
  }
}

/** xiaoer-model.json if the folder has one (validated), else null. */
export function readManifest(dir: string): ModelManifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  const parsed = ModelManifestSchema.safeParse(readJson(path, MANIFEST_FILE));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelError(
      `${MANIFEST_FILE} is invalid (${path}): ${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'bad value'}`,
    );
  }
  return parsed.data;
}

/** sentence-transformers folders say how they pool in 1_Pooling/config.json. */
function sentenceTransformersPooling(dir: string): 'cls' | 'mean' | null {
  const path = join(dir, '1_Pooling', 'config.json');
  if (!existsSync(path)) return null;
  const cfg = readJson(path, '1_Pooling/config.json') as Record<string, unknown>;
  if (cfg['pooling_mode_cls_token'] === true) return 'cls';
  if (cfg['pooling_mode_mean_tokens'] === true) return 'mean';
  return null;
}

/**
 * Checks a local model folder the cheap way before a worker spends seconds on it, so a broken
 * folder gets a message naming the broken file, and resolves how to run it. The bytes themselves
 * are hashed in the worker (sha256 against the manifest), off the main thread.
 */
export function resolveLocalModel(dir: string, overrides: Partial<ModelManifest> = {}): ResolvedModel {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ModelError(`model folder not found: ${dir}`);
  const manifest = readManifest(dir);
  const config = readJson(join(dir, 'config.json'), 'config.json') as { model_type?: unknown };
  if (typeof config !== 'object' || config === null || typeof config.model_type !== 'string') {
    throw new ModelError(`config.json has no model_type (${join(dir, 'config.json')})`);
  }
  const tokPath = join(dir, 'tokenizer.json');
  const tok = readJson(tokPath, 'tokenizer.json') as { model?: unknown };
  if (typeof tok !== 'object' || tok === null || typeof tok.model !== 'object') {
    throw new ModelError(`tokenizer.json has no tokenizer model (${tokPath})`);
  }
  const onnxRel = manifest?.onnx ?? overrides.onnx ?? 'onnx/model.onnx';
  const onnx = join(dir, onnxRel);
  if (!existsSync(onnx)) throw new ModelError(`${onnxRel} is missing (${onnx})`);
  const size = statSync(onnx).size;
  if (size < 64) throw new ModelError(`${onnxRel} is truncated (${size} bytes, ${onnx})`);
  for (const file of Object.keys(manifest?.sha256 ?? {}))
    if (!existsSync(join(dir, file))) throw new ModelError(`${file} is missing (${join(dir, file)})`);

  const pooling = manifest?.pooling ?? overrides.pooling ?? sentenceTransformersPooling(dir) ?? 'mean';
  const normalize = manifest?.normalize ?? overrides.normalize ?? true;
  const passagePrefix = manifest?.passagePrefix ?? overrides.passagePrefix ?? '';
  // The fingerprint names the weights: the manifest's sha256 when it has one (verified in the
  // worker before any vector is made), else the bytes for small files, size + mtime for big ones.
  const h = createHash('sha256').update(`${config.model_type}\0${pooling}\0${normalize}\0${passagePrefix}\0`);
  const declared = manifest?.sha256[onnxRel];
  if (declared) h.update(declared);
  else if (size < 64 * 1024 * 1024) h.update(readFileSync(onnx));
  else h.update(`${size}:${statSync(onnx).mtimeMs}`);
  h.update(manifest?.sha256['tokenizer.json'] ?? readFileSync(tokPath));
  const name = manifest?.name ?? overrides.name ?? (dir.split(/[\\/]/).pop() || dir);
  return {
    name,
    fingerprint: `${name}:${h.digest('hex').slice(0, 24)}`,
    dimension: manifest?.dimension ?? overrides.dimension ?? null,
    pooling,
    normalize,
    queryInstruction: manifest?.queryInstruction ?? overrides.queryInstruction ?? '',
    passagePrefix,
    onnxFile: onnxRel,
    ...onnxFileParts(onnxRel),
    sha256: manifest?.sha256 ?? {},
    relevance: manifest?.relevance ?? overrides.relevance ?? null,
  };
}

export function resolveModel(spec: ModelSpec): ResolvedModel {
  if (spec.source.kind === 'local') return resolveLocalModel(spec.source.dir, spec.manifest);
  const m = spec.manifest ?? {};
  const onnxFile = m.onnx ?? 'onnx/model.onnx';
  const pooling = m.pooling ?? 'mean';
  const normalize = m.normalize ?? true;
  const passagePrefix = m.passagePrefix ?? '';
  return {
    name: spec.source.id,
    fingerprint: `remote:${spec.source.id}@${spec.source.revision ?? 'main'}:${onnxFile}:${pooling}${normalize ? '+norm' : ''}:${passagePrefix}`,
    dimension: m.dimension ?? null,
    pooling,
    normalize,
    queryInstruction: m.queryInstruction ?? '',
    passagePrefix,
    onnxFile,
    ...onnxFileParts(onnxFile),
    sha256: m.sha256 ?? {},
    relevance: m.relevance ?? null,
  };
}

/** Kept for callers that only need the fingerprint. */
export function fingerprintOf(spec: ModelSpec): string {
  return resolveModel(spec).fingerprint;
}

export function describeModel(spec: ModelSpec): string {
  return spec.source.kind === 'local'
    ? spec.source.dir
    : `${spec.source.id} (${spec.source.remoteHost ?? 'huggingface.co'})`;
}
