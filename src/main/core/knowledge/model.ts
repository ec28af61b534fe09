// Where the embedding model comes from, and whether a model folder is usable before we try it.
// Three sources: the built-in default (resources/models/xiaoer-zh-mini, built by
// scripts/build-model.ts and shipped), any local folder in the Hugging Face layout, or a model id
// downloaded from a hub (huggingface.co or a mirror) into a cache folder, with progress.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resourcePath } from '../resources';

export const DEFAULT_MODEL_NAME = 'xiaoer-zh-mini';

export type ModelSource =
  | { kind: 'local'; dir: string }
  | { kind: 'remote'; id: string; remoteHost?: string; cacheDir: string; revision?: string };

export interface ModelSpec {
  source: ModelSource;
  /** e5-style models want "query: " / "passage: " prefixes; the default model wants none. */
  queryPrefix?: string;
  passagePrefix?: string;
}

export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

/** The shipped default model folder (resources/models/xiaoer-zh-mini relative to the project root). */
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
  const e5 = /e5/i.test(value);
  return {
    source: { kind: 'remote', id: value, cacheDir, ...(remoteHost ? { remoteHost } : {}) },
    ...(e5 ? { queryPrefix: 'query: ', passagePrefix: 'passage: ' } : {}),
  };
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

/**
 * Checks a local model folder the cheap way before a worker spends seconds on it, so a broken
 * folder gets a message naming the broken file. Returns a fingerprint identifying the weights.
 */
export function validateModelDir(dir: string): { fingerprint: string } {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ModelError(`model folder not found: ${dir}`);
  const config = readJson(join(dir, 'config.json'), 'config.json') as { model_type?: unknown };
  if (typeof config !== 'object' || config === null || typeof config.model_type !== 'string') {
    throw new ModelError(`config.json has no model_type (${join(dir, 'config.json')})`);
  }
  const tok = readJson(join(dir, 'tokenizer.json'), 'tokenizer.json') as { model?: unknown };
  if (typeof tok !== 'object' || tok === null || typeof tok.model !== 'object') {
    throw new ModelError(`tokenizer.json has no tokenizer model (${join(dir, 'tokenizer.json')})`);
  }
  const onnx = join(dir, 'onnx', 'model.onnx');
  if (!existsSync(onnx)) throw new ModelError(`onnx/model.onnx is missing (${onnx})`);
  const size = statSync(onnx).size;
  if (size < 64) throw new ModelError(`onnx/model.onnx is truncated (${size} bytes)`);
  // Hash the weights only when small (the default model); big pretrained files: size + mtime.
  const h = createHash('sha256').update(config.model_type);
  if (size < 64 * 1024 * 1024) h.update(readFileSync(onnx));
  else h.update(`${size}:${statSync(onnx).mtimeMs}`);
  h.update(readFileSync(join(dir, 'tokenizer.json')));
  return { fingerprint: `local:${h.digest('hex').slice(0, 24)}` };
}

export function fingerprintOf(spec: ModelSpec): string {
  if (spec.source.kind === 'local') return validateModelDir(spec.source.dir).fingerprint;
  return `remote:${spec.source.id}@${spec.source.revision ?? 'main'}`;
}

export function describeModel(spec: ModelSpec): string {
  return spec.source.kind === 'local'
    ? spec.source.dir
    : `${spec.source.id} (${spec.source.remoteHost ?? 'huggingface.co'})`;
}
