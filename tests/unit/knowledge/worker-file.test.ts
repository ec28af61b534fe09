import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workerFile } from '../../../src/main/core/knowledge/embedder';

describe('embedding worker path', () => {
  it('resolves to the TypeScript source when running from source (no built worker next to it)', () => {
    const file = workerFile();
    expect(file.endsWith('embed-worker.ts')).toBe(true);
    expect(existsSync(file)).toBe(true);
  });
});
