// Builds the small test-fixture embedding model (tests/fixtures/models/xiaoer-zh-mini) from the
// project's own text, in the standard Hugging Face layout transformers.js loads:
//   config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx, xiaoer-model.json,
//   build-info.json, README.md
// It was the shipped default until bge-small-zh-v1.5 replaced it; it stays as a fixture because a
// second model of another width (128-d, loads in ~50 ms) is what the model-switch, re-embedding and
// wrong-dimension tests need, and the knowledge bench compares the shipped model against it.
// Deterministic: same inputs → byte-identical files (seeded SVD, sorted vocab, no timestamps).
// Usage: npx tsx scripts/build-model.ts [--out DIR] [--kb DIR] [--dim 128] [--no-seed-kb]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SENTENCES, loadSeedKb, sentences } from './model/corpus';
import { DEFAULT_TRAIN, train } from './model/embeddings';
import { buildOnnx } from './model/onnx';
import { configJson, tokenizerConfigJson, tokenizerJson } from './model/tokenizer';

export const DEFAULT_MODEL_NAME = 'xiaoer-zh-mini';
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface BuildOptions {
  outDir: string;
  /** Seed KB folder; its Markdown bodies join the training text. null = built-in sentences only. */
  kbDir: string | null;
  dim?: number;
  /** Extra training text (tests use it to build a model from a fixture corpus). */
  extraTexts?: readonly string[];
}

export interface BuildReport {
  outDir: string;
  vocabSize: number;
  dim: number;
  onnxBytes: number;
  corpusSha256: string;
  sentences: number;
}

export function buildModel(options: BuildOptions): BuildReport {
  const dim = options.dim ?? DEFAULT_TRAIN.dim;
  const seedTexts = options.kbDir ? loadSeedKb(options.kbDir) : [];
  const texts = [...BUILTIN_SENTENCES, ...(options.extraTexts ?? []), ...seedTexts].flatMap(sentences);
  const corpusSha256 = createHash('sha256').update(texts.join('\n')).digest('hex');
  const model = train(texts, { ...DEFAULT_TRAIN, dim });
  const onnx = buildOnnx({ vocabSize: model.vocab.length, dim, weights: model.weights, producer: 'xiaoer-desk build-model' });

  mkdirSync(join(options.outDir, 'onnx'), { recursive: true });
  const json = (v: object) => `${JSON.stringify(v, null, 1)}\n`;
  writeFileSync(join(options.outDir, 'config.json'), json(configJson(model.vocab.length, dim, DEFAULT_MODEL_NAME)));
  writeFileSync(join(options.outDir, 'tokenizer.json'), JSON.stringify(tokenizerJson(model.vocab)));
  writeFileSync(join(options.outDir, 'tokenizer_config.json'), json(tokenizerConfigJson()));
  writeFileSync(join(options.outDir, 'onnx', 'model.onnx'), onnx);
  const tokenizerBytes = readFileSync(join(options.outDir, 'tokenizer.json'));
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const manifest = {
    name: DEFAULT_MODEL_NAME,
    dimension: dim,
    pooling: 'mean',
    normalize: true,
    queryInstruction: '',
    passagePrefix: '',
    onnx: 'onnx/model.onnx',
    sha256: { 'onnx/model.onnx': sha(onnx), 'tokenizer.json': sha(tokenizerBytes) },
  };
  writeFileSync(join(options.outDir, 'xiaoer-model.json'), json(manifest));
  const info = {
    name: DEFAULT_MODEL_NAME,
    kind: 'static-word-embedding',
    dim,
    vocabSize: model.vocab.length,
    corpusSha256,
    sentences: texts.length,
    stats: model.stats,
  };
  writeFileSync(join(options.outDir, 'build-info.json'), json(info));
  writeFileSync(
    join(options.outDir, 'README.md'),
    [
      `# ${DEFAULT_MODEL_NAME}`,
      '',
      'Built by `npx tsx scripts/build-model.ts`; do not edit by hand. A test fixture, not shipped:',
      'the app ships bge-small-zh-v1.5 (resources/models/).',
      'A static word-embedding model for Chinese customer-service text in the Hugging Face layout.',
      'WordPiece vocabulary of Chinese words + characters (greedy longest match = dictionary segmentation),',
      'PPMI/SVD vectors trained on the project sentences, the seed knowledge base and the synonym lexicon',
      '(src/main/core/knowledge/lexicon.ts). Use with transformers.js `feature-extraction`, pooling mean, normalize.',
      '',
    ].join('\n'),
  );
  return { outDir: options.outDir, vocabSize: model.vocab.length, dim, onnxBytes: onnx.length, corpusSha256, sentences: texts.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const started = Date.now();
  const report = buildModel({
    outDir: resolve(opt('--out') ?? join(ROOT, 'tests', 'fixtures', 'models', DEFAULT_MODEL_NAME)),
    kbDir: args.includes('--no-seed-kb') ? null : resolve(opt('--kb') ?? join(ROOT, 'resources', 'kb-seed')),
    dim: opt('--dim') ? Number(opt('--dim')) : undefined,
  });
  console.log(`built ${report.outDir}: vocab ${report.vocabSize}, dim ${report.dim}, onnx ${(report.onnxBytes / 1e6).toFixed(2)} MB, ${report.sentences} sentences, ${Date.now() - started} ms`);
}
