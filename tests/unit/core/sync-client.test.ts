import { describe, expect, it } from 'vitest';
import { SyncClient, type SyncCursor } from '../../../src/main/core/sync/sync-client';
import type { ServerEventName } from '../../../src/shared/hub-protocol';

/** An in-memory cursor: the edge the sync client writes through (the real one is the SQLite store). */
function memoryCursor() {
  const applied: number[] = [];
  let last = 0;
  const cursor: SyncCursor = {
    lastSeq: () => last,
    applyAtomically: (_name: ServerEventName, e) => {
      applied.push(e.seq);
      last = e.seq;
    },
  };
  return { cursor, applied };
}

const kb = (seq: number) => ({ seq, version: seq });

describe('SyncClient ordering', () => {
  it('applies in seq order, ignores duplicates and holds back events after a gap', () => {
    const { cursor, applied } = memoryCursor();
    const errors: string[] = [];
    const client = new SyncClient({ hubUrl: 'http://127.0.0.1:1', token: 'x'.repeat(20), cursor, onProtocolError: (_e, m) => errors.push(m) });
    client.receive('kb:changed', kb(1));
    client.receive('kb:changed', kb(1)); // duplicate delivery
    client.receive('kb:changed', kb(3)); // gap: 2 is missing, so 3 waits
    expect(applied).toEqual([1]);
    client.receive('kb:changed', kb(2)); // the replay fills the gap
    expect(applied).toEqual([1, 2, 3]);
    expect(errors.filter((e) => !e.includes('not connected'))).toEqual([]);
  });

  it('reports a malformed event clearly and keeps applying good ones', () => {
    const { cursor, applied } = memoryCursor();
    const errors: string[] = [];
    const client = new SyncClient({ hubUrl: 'http://127.0.0.1:1', token: 'x'.repeat(20), cursor, onProtocolError: (_e, m) => errors.push(m) });
    client.receive('ticket:assigned', { seq: 1, ticket: { id: 'broken' } });
    expect(errors[0]).toMatch(/malformed ticket:assigned/);
    client.receive('kb:changed', kb(1));
    expect(applied).toEqual([1]);
  });
});
