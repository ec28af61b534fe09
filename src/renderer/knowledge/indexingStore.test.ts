import { describe, expect, it } from 'vitest';
import { setApiClient } from '../platform/client';
import { fakeApi } from '../testing/fixtures';
import { etaParts, useKbIndexing } from './indexingStore';

const index = (done: number, total: number, etaMs: number | null) =>
  ({ phase: 'index', reason: 'switch', model: 'bge-small-zh-v1.5', done, total, etaMs }) as const;

describe('knowledge indexing slice', () => {
  it('follows index progress, ignores other phases, and clears when done', () => {
    useKbIndexing.getState().apply(index(10, 100, 45_000));
    expect(useKbIndexing.getState().indexing).toEqual({
      reason: 'switch',
      model: 'bge-small-zh-v1.5',
      done: 10,
      total: 100,
      etaMs: 45_000,
    });
    useKbIndexing.getState().apply({ phase: 'import', file: 'a.csv', done: 1, total: 2 });
    expect(useKbIndexing.getState().indexing?.done).toBe(10);
    useKbIndexing.getState().apply(index(100, 100, 0));
    expect(useKbIndexing.getState().indexing).toBeNull();
  });

  it('picks up a rebuild already under way from kb.stats', async () => {
    const indexing = { reason: 'switch', model: 'm', done: 3, total: 9, etaMs: null };
    setApiClient(fakeApi({ 'kb.stats': () => ({ ok: true, data: { indexing } }) }));
    await useKbIndexing.getState().load();
    expect(useKbIndexing.getState().indexing).toEqual(indexing);
  });

  it('states the ETA in seconds, then whole minutes', () => {
    expect(etaParts(null)).toBeNull();
    expect(etaParts(400)).toEqual({ seconds: 1 });
    expect(etaParts(45_000)).toEqual({ seconds: 45 });
    expect(etaParts(600_000)).toEqual({ minutes: 10 });
  });
});
