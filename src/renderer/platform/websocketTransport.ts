// The browser shell's transport: the renderer talks to the core over a loopback WebSocket
// (bridge-protocol.ts). It reconnects with backoff, and a call never hangs: if the socket drops
// while a call is in flight, or the call outlives its timeout, it resolves to an UNAVAILABLE error.
import type { ApiTransport } from '../../shared/api-client';
import type {
  BRIDGE_MAX_FRAME_BYTES as MaxFrame,
  BridgeMessage,
  BridgeRequest,
} from '../../shared/bridge-protocol';
import type { Result } from '../../shared/result';
import { perfEnabled, perfMark, perfNow, ticketKeyOf } from './perfTrace';

export type BridgeStatus = 'connecting' | 'open' | 'closed';

export interface WebSocketTransportOptions {
  url: string;
  /** Reported on every socket state change, so the UI can show "bridge lost" and resync on reopen. */
  onStatus?: (status: BridgeStatus) => void;
  /** Longest a call may wait for its answer; login against an unreachable hub must still end. */
  callTimeoutMs?: number;
  /** Injected in tests; defaults to the DOM WebSocket. */
  createSocket?: (url: string) => WebSocket;
}

// The bridge closes a socket that sends more (a literal copy tied to the contract's type).
const BRIDGE_MAX_FRAME_BYTES: typeof MaxFrame = 8_388_608;
const BACKOFF_MIN_MS = 300;
const BACKOFF_MAX_MS = 10_000;

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
  /** For the perf trace: what was asked, about which ticket (only while tracing). */
  trace?: { key: string; method: string };
}

function unavailable(message: string): Result<unknown> {
  return { ok: false, error: { code: 'UNAVAILABLE', message } };
}

function frameBytes(text: string): number {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: only count exactly when it could matter.
  return text.length * 3 <= BRIDGE_MAX_FRAME_BYTES ? text.length : new TextEncoder().encode(text).length;
}

export function createWebSocketTransport(opts: WebSocketTransportOptions): ApiTransport {
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url));
  const callTimeoutMs = opts.callTimeoutMs ?? 45_000;
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, Pending>();
  // Requests made while the socket is (re)connecting wait here and go out on open.
  const queued: BridgeRequest[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let attempt = 0;

  const settle = (id: number, result: Result<unknown>): void => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(result);
  };

  const connect = (): void => {
    opts.onStatus?.('connecting');
    const ws = createSocket(opts.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      opts.onStatus?.('open');
      for (const req of queued.splice(0)) ws.send(JSON.stringify(req));
    };
    ws.onmessage = (ev: MessageEvent) => {
      const receivedAt = perfEnabled() ? perfNow() : 0;
      let msg: BridgeMessage;
      try {
        msg = JSON.parse(String(ev.data)) as BridgeMessage;
      } catch {
        return; // a malformed frame from the bridge is dropped, not fatal
      }
      if (msg.type === 'result') {
        const trace = receivedAt ? pending.get(msg.id)?.trace : undefined;
        if (trace) perfMark(trace.key, `ui.result:${trace.method}`, receivedAt);
        settle(msg.id, msg.result as Result<unknown>);
      } else if (msg.type === 'event') {
        const key = receivedAt ? ticketKeyOf(msg.payload) : null;
        if (key) perfMark(key, `ui.received:${msg.event}`, receivedAt);
        for (const l of listeners) l(msg.event, msg.payload);
        if (key) perfMark(key, `ui.handled:${msg.event}`);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      opts.onStatus?.('closed');
      // Anything sent on this socket will never be answered now.
      for (const id of [...pending.keys()]) {
        if (!queued.some((q) => q.id === id))
          settle(id, unavailable('connection to the workstation core was lost'));
      }
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt += 1;
      setTimeout(connect, delay);
    };
    // onerror is always followed by onclose, which does the work.
    ws.onerror = () => undefined;
  };

  connect();

  return {
    invoke(method, input) {
      return new Promise<Result<unknown>>((resolve) => {
        const id = nextId++;
        const req: BridgeRequest = { type: 'invoke', id, method, input };
        // Sent anyway, the bridge would close the socket (1009) and every call in flight would fail.
        const size = frameBytes(JSON.stringify(req));
        if (size > BRIDGE_MAX_FRAME_BYTES) {
          resolve({
            ok: false,
            error: {
              code: 'BAD_REQUEST',
              message: `${method}: request of ${Math.ceil(size / 1048576)} MB is larger than the bridge's 8 MB limit`,
            },
          });
          return;
        }
        const timer = setTimeout(() => {
          const i = queued.findIndex((q) => q.id === id);
          if (i >= 0) queued.splice(i, 1);
          settle(id, unavailable(`no answer from the workstation core for ${method}`));
        }, callTimeoutMs);
        const key = perfEnabled() ? (ticketKeyOf(input) ?? method) : null;
        pending.set(id, { resolve, timer, ...(key ? { trace: { key, method } } : {}) });
        if (key) perfMark(key, `ui.call:${method}`);
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(req));
        else queued.push(req);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
