// Switching the embedding model: every chunk is re-embedded in the background with progress and an
// ETA, search answers by keyword meanwhile (never from a half-built index), the index records which
// model its vectors belong to, and a restart mid-way resumes instead of starting over.
import { afterEach, describe, expect, it } from 'vitest';
import type { KbProgress } from '../../../src/main/core/knowledge/index';
import { defaultModelDir } from '../../../src/main/core/knowledge/model';
import { FIXTURE_MODEL_DIR, fixtureDocs, openService, tempDbPath } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const fixtureModel = { source: { kind: 'local' as const, dir: FIXTURE_MODEL_DIR } };
const shippedModel = { source: { kind: 'local' as const, dir: defaultModelDir() } };

function open(file: string, model: typeof fixtureModel, onProgress?: (p: KbProgress) => void) {
  const { db, svc } = openService(file, { model, indexBatch: 4, ...(onProgress ? { onProgress } : {}) });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await svc.close();
    db.close();
  };
  cleanups.push(close);
  return { db, svc, close };
}

describe('switching the embedding model', () => {
  it('re-embeds every chunk in the background with progress and ETA; keyword search serves meanwhile', async () => {
    const file = tempDbPath();
    const first = open(file, fixtureModel);
    await first.svc.syncFrom(async () => ({ version: 1, docs: fixtureDocs(), deletedIds: [] }));
    await first.svc.whenIndexed();
    const oldFingerprint = first.svc.stats().vectorsBy;
    expect(first.svc.stats().model.dim).toBe(128);
    expect((await first.svc.search('我想退钱')).mode).toBe('hybrid');
    await first.close();

    const progress: Extract<KbProgress, { phase: 'index' }>[] = [];
    let midway: Promise<{ mode: string; degraded: string | null; top: string | undefined }> | null = null;
    const second = open(file, shippedModel, (p) => {
      if (p.phase !== 'index') return;
      progress.push(p);
      // Search while the rebuild is half done: answered by keyword, with the reason.
      if (!midway && p.done > 0 && p.done < p.total)
        midway = second.svc.search('运费险理赔').then((r) => ({ mode: r.mode, degraded: r.degraded, top: r.hits[0]?.docId }));
    });
    await second.svc.whenIndexed();

    const chunks = second.svc.stats().chunks;
    expect(progress[0]).toMatchObject({ reason: 'switch', model: 'bge-small-zh-v1.5', done: 0, total: chunks });
    expect(progress.at(-1)).toMatchObject({ done: chunks, total: chunks, etaMs: 0 });
    const withEta = progress.filter((p) => p.done > 0 && p.done < p.total);
    expect(withEta.length).toBeGreaterThan(0);
    for (const p of withEta) expect(p.etaMs).toBeGreaterThan(0);
    expect(midway).not.toBeNull();
    const seen = await midway!;
    expect(seen.mode).toBe('keyword');
    expect(seen.degraded).toMatch(/re-embedding the knowledge base for bge-small-zh-v1\.5 \(\d+\/\d+/);
    expect(seen.top).toBe('g-freight-insurance');

    const stats = second.svc.stats();
    expect(stats.model.dim).toBe(512);
    expect(stats.embedded).toBe(chunks);
    expect(stats.indexing).toBeNull();
    expect(stats.vectorsBy).toBe(second.svc.embedderModel()?.fingerprint);
    expect(stats.vectorsBy).not.toBe(oldFingerprint);
    // Every chunk's vector is labelled with the model that made it.
    const by = second.db.prepare('SELECT embedded_by AS fp, COUNT(*) AS n FROM kb_chunks GROUP BY embedded_by').all();
    expect(by).toEqual([{ fp: stats.vectorsBy, n: chunks }]);
    const res = await second.svc.search('我想退钱，多久能到账');
    expect(res.mode).toBe('hybrid');
    expect(res.hits.map((h) => h.docId).slice(0, 3)).toContain('g-refund-time');
  });

  it('a restart in the middle of a switch resumes where it stopped and stays keyword-only until done', async () => {
    const file = tempDbPath();
    const first = open(file, fixtureModel);
    await first.svc.syncFrom(async () => ({ version: 1, docs: fixtureDocs(), deletedIds: [] }));
    await first.svc.whenIndexed();
    await first.close();

    // Stop the shipped model's rebuild after its first step.
    let stopped!: () => void;
    const stoppedOnce = new Promise<void>((r) => (stopped = r));
    const second = open(file, shippedModel, (p) => {
      if (p.phase === 'index' && p.done > 0 && p.done < p.total) stopped();
    });
    await stoppedOnce;
    await second.close();

    const progress: Extract<KbProgress, { phase: 'index' }>[] = [];
    let midway: Promise<string> | null = null;
    const third = open(file, shippedModel, (p) => {
      if (p.phase !== 'index') return;
      progress.push(p);
      if (!midway && p.done < p.total) midway = third.svc.search('运费险理赔').then((r) => r.mode);
    });
    await third.svc.whenIndexed();
    const chunks = third.svc.stats().chunks;
    // Still a switch after the restart, and only what was left is embedded.
    expect(progress[0]).toMatchObject({ reason: 'switch', done: 0 });
    expect(progress[0]!.total).toBeLessThan(chunks);
    expect(third.svc.stats().embeddedThisSession).toBe(progress[0]!.total);
    expect(await midway).toBe('keyword');
    expect(third.svc.stats().embedded).toBe(chunks);
    expect((await third.svc.search('运费险理赔')).mode).toBe('hybrid');
  });
});
