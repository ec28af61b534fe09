// Model sources: a corrupt, mislabelled or wrong-width model folder gives a clear error naming the
// file while keyword search keeps working; the download path fetches a model from a (local) hub
// over HTTP with progress and caches it.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KbProgress } from '../../../src/main/core/knowledge/index';
import { defaultModelDir, ModelError, type ModelSpec } from '../../../src/main/core/knowledge/model';
import { FIXTURE_MODEL_DIR, fixtureDocs, openService, tempDbPath } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ONNX = 'onnx/model_quantized.onnx';

/** A copy of the shipped model folder, changed by `mutate`. */
function brokenCopy(mutate: (dir: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'kb-model-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'model');
  cpSync(defaultModelDir(), dir, { recursive: true });
  mutate(dir);
  return dir;
}

function editManifest(dir: string, edit: (m: Record<string, unknown>) => void): void {
  const path = join(dir, 'xiaoer-model.json');
  const m = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(m);
  writeFileSync(path, JSON.stringify(m));
}

async function serviceWith(model: ModelSpec | null, onProgress?: (p: KbProgress) => void) {
  const { db, svc } = openService(tempDbPath(), { model, ...(onProgress ? { onProgress } : {}) });
  cleanups.push(async () => {
    await svc.close();
    db.close();
  });
  await svc.syncFrom(async () => ({ version: 1, docs: fixtureDocs(), deletedIds: [] }));
  return svc;
}

async function expectKeywordStillServes(svc: Awaited<ReturnType<typeof serviceWith>>, message: RegExp) {
  const res = await svc.search('运费险理赔');
  expect(res.mode).toBe('keyword');
  expect(res.degraded).toMatch(message);
  expect(res.hits[0]?.docId).toBe('g-freight-insurance');
  expect(res.hits.every((h) => h.relevance === null)).toBe(true); // nothing calibrated to show
}

describe('corrupt or missing model folder', () => {
  it.each([
    ['missing folder', (d: string) => rmSync(d, { recursive: true }), /model folder not found/],
    ['config.json not JSON', (d: string) => writeFileSync(join(d, 'config.json'), '{ "model_type": "bert", '), /config\.json is not valid JSON/],
    ['tokenizer.json missing', (d: string) => rmSync(join(d, 'tokenizer.json')), /tokenizer\.json is missing/],
    ['onnx truncated', (d: string) => writeFileSync(join(d, ONNX), 'xx'), /onnx\/model_quantized\.onnx is truncated/],
    ['manifest with an unknown pooling', (d: string) => editManifest(d, (m) => (m['pooling'] = 'max')), /xiaoer-model\.json is invalid .*pooling/],
  ])('%s: clear error, keyword search still works', async (_name, mutate, message) => {
    const dir = brokenCopy(mutate);
    const svc = await serviceWith({ source: { kind: 'local', dir } });
    expect(svc.stats().model).toMatchObject({ status: 'failed' });
    expect(svc.stats().model.error).toMatch(message);
    await expect(svc.modelReady()).rejects.toThrow(message);
    await expectKeywordStillServes(svc, message);
  });

  it('a corrupted weights file fails its sha256 check, named, before ONNX loads it', async () => {
    const dir = brokenCopy((d) => {
      const bytes = readFileSync(join(d, ONNX));
      const middle = bytes.length >> 1;
      bytes[middle] = bytes[middle]! ^ 0xff; // one flipped byte in the middle of the weights
      writeFileSync(join(d, ONNX), bytes);
    });
    const svc = await serviceWith({ source: { kind: 'local', dir } });
    const message = /onnx\/model_quantized\.onnx does not match its sha256 in xiaoer-model\.json/;
    await expect(svc.modelReady()).rejects.toThrow(message);
    expect(svc.stats().model).toMatchObject({ status: 'failed' });
    await expectKeywordStillServes(svc, message);
  });

  it('garbage ONNX weights without a checksum: the load failure names the file, keyword search still works', async () => {
    const dir = brokenCopy((d) => {
      writeFileSync(join(d, ONNX), Buffer.alloc(4096, 7));
      editManifest(d, (m) => (m['sha256'] = {}));
    });
    const svc = await serviceWith({ source: { kind: 'local', dir } });
    const err = await svc.modelReady().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as Error).message).toContain(`embedding model ${dir} could not be loaded: ${ONNX} could not be loaded`);
    await svc.whenIndexed(); // returns at once: nothing can be embedded
    expect(svc.stats().model.status).toBe('failed');
    const res = await svc.search('七天无理由');
    expect(res.mode).toBe('keyword');
    expect(res.hits[0]?.docId).toBe('g-seven-days');
  });

  it('a model whose width differs from its manifest is refused with both widths and the file', async () => {
    const dir = brokenCopy((d) => editManifest(d, (m) => (m['dimension'] = 384)));
    const svc = await serviceWith({ source: { kind: 'local', dir } });
    const message = /onnx\/model_quantized\.onnx gives 512-d vectors but xiaoer-model\.json says 384/;
    await expect(svc.modelReady()).rejects.toThrow(message);
    await expectKeywordStillServes(svc, message);
    expect(svc.stats().embedded).toBe(0);
  });
});

describe('the shipped model', () => {
  it('is bge-small-zh-v1.5: 512-d, CLS pooling, the BGE query instruction on queries only', async () => {
    const svc = await serviceWith({ source: { kind: 'local', dir: defaultModelDir() } });
    expect(await svc.modelReady()).toBe(512);
    const e = svc.embedderModel();
    expect(e).toMatchObject({ name: 'bge-small-zh-v1.5', pooling: 'cls', dimension: 512, onnxFile: ONNX });
    expect(e?.queryInstruction).toBe('为这个句子生成表示以用于检索相关文章：');
    expect(e?.passagePrefix).toBe('');
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    const [q, same, other] = await svc.embed(['我想退货怎么办', '如何申请退款退货', '物流到哪里了']);
    expect(dot(q!, same!)).toBeGreaterThan(dot(q!, other!) + 0.2);
  });
});

describe('downloading a model from a hub', () => {
  it('fetches the files over HTTP with progress, caches them, and embeds with the result', async () => {
    const served = FIXTURE_MODEL_DIR;
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      const url = decodeURIComponent(req.url ?? '');
      requests.push(url);
      const m = /^\/acme\/zh-mini\/resolve\/main\/(.+)$/.exec(url);
      const file = m ? join(served, m[1]!) : null;
      if (!file || relative(served, file).startsWith('..') || !existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
      const body = readFileSync(file);
      res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    const cacheDir = mkdtempSync(join(tmpdir(), 'kb-cache-'));
    mkdirSync(cacheDir, { recursive: true });

    const progress: KbProgress[] = [];
    const svc = await serviceWith({ source: { kind: 'remote', id: 'acme/zh-mini', remoteHost: `http://127.0.0.1:${port}/`, cacheDir } }, (p) => progress.push(p));
    expect(await svc.modelReady()).toBe(128);
    await svc.whenIndexed();

    expect(requests).toContain('/acme/zh-mini/resolve/main/onnx/model.onnx');
    const onnxProgress = progress.filter((p) => p.phase === 'model' && p.file.endsWith('model.onnx'));
    expect(onnxProgress.length).toBeGreaterThan(0);
    const size = readFileSync(join(served, 'onnx', 'model.onnx')).length;
    const loaded = onnxProgress.map((p) => (p as Extract<KbProgress, { phase: 'model' }>).loaded);
    expect(Math.max(...loaded)).toBe(size);
    expect(onnxProgress.map((p) => (p as Extract<KbProgress, { phase: 'model' }>).status)).toContain('done');
    expect(progress.some((p) => p.phase === 'index')).toBe(true);
    const cached = readdirSync(cacheDir, { recursive: true }).map(String);
    expect(cached.some((f) => f.endsWith('model.onnx'))).toBe(true);

    const res = await svc.search('我想退钱');
    expect(res.mode).toBe('hybrid');
    expect(res.hits[0]?.docId).toBe('g-refund-time');
  });

  it('an unreachable hub gives a clear error and keyword search keeps working', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kb-cache-'));
    const svc = await serviceWith({ source: { kind: 'remote', id: 'acme/absent', remoteHost: 'http://127.0.0.1:9/', cacheDir } });
    await expect(svc.modelReady()).rejects.toThrow(/acme\/absent .*could not be loaded/);
    expect((await svc.search('顺丰')).hits[0]?.docId).toBe('m-sf-express');
  });
});
