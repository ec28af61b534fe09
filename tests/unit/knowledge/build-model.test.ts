// The fixture model build is deterministic and produces a folder transformers.js loads, in which
// the lexicon's synonyms land close together.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../scripts/build-model';
import { toHalf } from '../../../scripts/model/onnx';
import { Embedder } from '../../../src/main/core/knowledge/embedder';

const files = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.includes('.')).sort();
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('scripts/build-model', () => {
  it('is deterministic: two builds are byte-identical', () => {
    const a = mkdtempSync(join(tmpdir(), 'model-a-'));
    const b = mkdtempSync(join(tmpdir(), 'model-b-'));
    buildModel({ outDir: a, kbDir: null });
    buildModel({ outDir: b, kbDir: null });
    expect(files(a)).toEqual(['README.md', 'build-info.json', 'config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'xiaoer-model.json']);
    for (const f of files(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  }, 180_000); // two full builds: seconds alone, much longer on a loaded 2-core machine

  it('converts to IEEE half precision correctly', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(0.5)).toBe(0x3800);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00);
    expect(toHalf(0)).toBe(0);
  });

  it('builds a model that loads in transformers.js and puts synonyms close', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'model-')), 'zh');
    const report = buildModel({ outDir: dir, kbDir: null, dim: 64 });
    expect(report.dim).toBe(64);
    const e = new Embedder({ source: { kind: 'local', dir } });
    try {
      expect(await e.ready()).toBe(64);
      const [tuikuan, tuiqian, kuaidi, wuliu, chima, mashu] = await e.embedPassages(['退款', '退钱', '快递', '物流', '尺码', '码数']);
      expect(dot(tuikuan!, tuiqian!)).toBeGreaterThan(dot(tuikuan!, kuaidi!) + 0.3);
      expect(dot(kuaidi!, wuliu!)).toBeGreaterThan(dot(kuaidi!, chima!) + 0.3);
      expect(dot(chima!, mashu!)).toBeGreaterThan(dot(chima!, tuiqian!) + 0.3);
    } finally {
      await e.close();
    }
  });
});
