import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebSocketTransport, type BridgeStatus } from './websocketTransport';

// A minimal stand-in for the DOM WebSocket: records what is sent, lets the test open, answer, close.
class FakeSocket {
  static readonly OPEN = 1;
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

describe('WebSocket transport', () => {
  let sockets: FakeSocket[];
  let statuses: BridgeStatus[];
  const make = (callTimeoutMs = 10_000) =>
    createWebSocketTransport({
      url: 'ws://127.0.0.1:1/bridge?token=t',
      callTimeoutMs,
      onStatus: (s) => statuses.push(s),
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s as unknown as WebSocket;
      },
    });

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    sockets = [];
    statuses = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('queues calls until the socket opens, then matches results by id', async () => {
    const tr = make();
    const p = tr.invoke('session.state', {});
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'invoke', id: 1, method: 'session.state', input: {} }]);
    sockets[0]!.receive({ type: 'result', id: 1, result: { ok: true, data: 42 } });
    await expect(p).resolves.toEqual({ ok: true, data: 42 });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const tr = make();
    const seen: string[] = [];
    const off = tr.subscribe((e) => seen.push(e));
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'event', event: 'tickets.upserted', payload: {} });
    off();
    sockets[0]!.receive({ type: 'event', event: 'tickets.removed', payload: {} });
    expect(seen).toEqual(['tickets.upserted']);
  });

  it('resolves in-flight calls to UNAVAILABLE when the socket drops, and reconnects', async () => {
    const tr = make();
    sockets[0]!.open();
    const p = tr.invoke('tickets.list', {});
    sockets[0]!.drop();
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(statuses).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
  });

  it('backs off between failed reconnects', async () => {
    make();
    sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    await vi.advanceTimersByTimeAsync(300);
    expect(sockets).toHaveLength(2); // second delay is longer than the first
    await vi.advanceTimersByTimeAsync(700);
    expect(sockets).toHaveLength(3);
  });

  it('times out a call that is never answered', async () => {
    const tr = make(2_000);
    sockets[0]!.open();
    const p = tr.invoke('session.login', {});
    await vi.advanceTimersByTimeAsync(2_001);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('ignores malformed frames', () => {
    make();
    sockets[0]!.open();
    expect(() => sockets[0]!.onmessage?.({ data: 'not json' })).not.toThrow();
  });
});

describe('WebSocket transport frame limit', () => {
  it('refuses a request bigger than the bridge accepts instead of getting the socket closed', async () => {
    const sockets: { sent: string[]; readyState: number }[] = [];
    const tr = createWebSocketTransport({
      url: 'ws://127.0.0.1:1/bridge?token=t',
      createSocket: () => {
        const s = { sent: [] as string[], readyState: 1, send: (d: string) => s.sent.push(d) };
        sockets.push(s);
        return s as unknown as WebSocket;
      },
    });
    vi.stubGlobal('WebSocket', { OPEN: 1 });
    const r = await tr.invoke('tickets.importBatch', {
      name: 'x.json',
      contentBase64: 'A'.repeat(9 * 1024 * 1024),
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/8 MB limit/) },
    });
    expect(sockets[0]!.sent).toEqual([]);
    vi.unstubAllGlobals();
  });
});
