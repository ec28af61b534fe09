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
    const client = new SyncClient({
      hubUrl: 'http://127.0.0.1:1',
      token: 'x'.repeat(20),
      cursor,
      onProtocolError: (_e, m) => errors.push(m),
    });
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
    const client = new SyncClient({
      hubUrl: 'http://127.0.0.1:1',
      token: 'x'.repeat(20),
      cursor,
      onProtocolError: (_e, m) => errors.push(m),
    });
    client.receive('ticket:assigned', { seq: 1, ticket: { id: 'broken' } });
    expect(errors[0]).toMatch(/malformed ticket:assigned/);
    client.receive('kb:changed', kb(1));
    expect(applied).toEqual([1]);
  });
});

describe('SyncClient reconnecting', () => {
  it('tries again after the hub refused the handshake for a passing reason', async () => {
    const { Server } = await import('socket.io');
    const { createServer } = await import('node:http');
    const http = createServer();
    const io = new Server(http);
    let handshakes = 0;
    io.use((socket, next) => {
      handshakes++;
      const token = (socket.handshake.auth as { token?: string }).token;
      const refuse = (code: string, message: string) =>
        next(Object.assign(new Error(message), { data: { code, message } }));
      if (token === 'bad-token-bad-token-') return refuse('UNAUTHORIZED', 'invalid token');
      // the hub's store was away for the first attempt (as when Redis restarts)
      if (handshakes === 1) return refuse('UNAVAILABLE', 'hub could not check the account; try again');
      next();
    });
    io.on('connection', (s) =>
      s.on('session:resume', (_i: unknown, ack: (r: unknown) => void) =>
        ack({ ok: true, data: { replayed: 0, headSeq: 0 } }),
      ),
    );
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    const until = async (cond: () => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const ok = new SyncClient({ hubUrl: url, token: 'x'.repeat(20), cursor: memoryCursor().cursor });
    const refused = new SyncClient({
      hubUrl: url,
      token: 'bad-token-bad-token-',
      cursor: memoryCursor().cursor,
    });
    try {
      ok.connect();
      await until(() => ok.currentPhase === 'online', 'online after the refused first handshake');
      expect(handshakes).toBe(2);
      refused.connect();
      await until(() => refused.currentPhase === 'offline', 'the bad token refused');
      expect(handshakes).toBe(3);
    } finally {
      ok.disconnect();
      refused.disconnect();
      await io.close();
    }
  });
});
