// The browser shell: serves the built renderer and bridges it to the core over a WebSocket, on
// 127.0.0.1 only, guarded by a per-run random token and an Origin check. It is the same core and the
// same renderer as the Electron app; only the transport differs (IPC there, this socket here).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  BRIDGE_MAX_FRAME_BYTES,
  BRIDGE_TOKEN_PARAM,
  BRIDGE_UPLOAD_PATH,
  BRIDGE_WS_PATH,
  BridgeRequestSchema,
  type BridgeMessage,
  type UploadReceipt,
} from '../../../shared/bridge-protocol';
import { fail, ok, type Result } from '../../../shared/result';
import type { XiaoerCore } from '../app-core';
import { createLogger } from '../log';
import { perfTrace, ticketKeyOf } from '../perf-trace';
import { UploadError } from './uploads';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; frame-ancestors 'none'";

export interface BrowserShellOptions {
  core: XiaoerCore;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningBrowserShell {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<RunningBrowserShell> {
  const log = createLogger('browser-shell');
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `the renderer is not built: ${join(rendererDir, 'index.html')} is missing (run npm run build:renderer)`,
    );
  }

  // Nothing a request carries may throw out of a handler: an unhandled throw here ends the process.
  const server: Server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      log.warn({ err, url: req.url?.slice(0, 200) }, 'browser shell request failed');
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad request');
    }
  });
  server.on('clientError', (err, socket) => {
    log.debug({ err }, 'malformed HTTP request refused');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES });
  wss.on('error', (err) => log.warn({ err }, 'bridge WebSocket server error'));
  let port = 0;

  const originOk = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin ?? '';
    return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  };

  function route(req: IncomingMessage, res: ServerResponse): void {
    const url = parseRequestUrl(req.url);
    if (!url) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    if (url.pathname === BRIDGE_UPLOAD_PATH) {
      void receiveUpload(req, res, url);
      return;
    }
    serveStatic(rendererDir, req, res, url);
  }

  async function receiveUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const answer = (status: number, result: Result<UploadReceipt>) => {
      if (res.headersSent) return;
      res.writeHead(status, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        ...(status >= 400 ? { connection: 'close' } : {}),
      });
      // A refused body is not read to its end: close the connection once the answer is out.
      if (status >= 400) res.once('finish', () => req.destroy());
      res.end(JSON.stringify(result));
    };
    if (req.method !== 'POST') return answer(405, fail('BAD_REQUEST', 'upload with POST'));
    if (!originOk(req) || !sameToken(url.searchParams.get(BRIDGE_TOKEN_PARAM), token)) {
      log.warn({ origin: req.headers.origin }, 'refused an upload (bad origin or token)');
      return answer(403, fail('FORBIDDEN', 'upload refused: bad origin or token'));
    }
    const name = (url.searchParams.get('name') ?? '').trim();
    if (!name || name.length > 255 || /[\\/\0]/.test(name))
      return answer(400, fail('BAD_REQUEST', 'upload needs a plain file name (?name=…)'));
    const declared = Number(req.headers['content-length']);
    try {
      const upload = await options.core.uploads.receive(
        req,
        name,
        Number.isFinite(declared) ? declared : undefined,
      );
      answer(200, ok({ uploadId: upload.id, name: upload.name, bytes: upload.bytes }));
    } catch (err) {
      const status = err instanceof UploadError ? err.status : 500;
      log.warn({ err, name }, 'upload refused');
      answer(status, fail(status === 500 ? 'INTERNAL' : 'BAD_REQUEST', `upload: ${(err as Error).message}`));
    }
  }

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (err) => log.debug({ err }, 'bridge socket error before upgrade'));
    const url = parseRequestUrl(req.url);
    if (
      !url ||
      url.pathname !== BRIDGE_WS_PATH ||
      !originOk(req) ||
      !sameToken(url.searchParams.get(BRIDGE_TOKEN_PARAM), token)
    ) {
      log.warn(
        { path: url?.pathname, origin: req.headers.origin },
        'refused a bridge connection (bad path, origin or token)',
      );
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const send = (m: BridgeMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    // Oversized or invalid frames (e.g. bad UTF-8) surface here; ws then closes that socket with
    // 1009/1007. Without a listener the error would be thrown and take the whole core down.
    ws.on('error', (err) => log.warn({ err: err.message }, 'bridge socket error; closing that socket'));
    send({ type: 'hello', shell: 'browser' });
    const unsubscribe = options.core.events.subscribe((event, payload) => {
      if (perfTrace.enabled) perfTrace.mark(ticketKeyOf(payload), `bridge.send:${event}`);
      send({ type: 'event', event, payload });
    });
    ws.on('message', (data, isBinary) => {
      void handleFrame(data, isBinary).catch((err: unknown) =>
        log.error({ err }, 'bridge frame handling failed'),
      );
    });
    const handleFrame = async (data: RawData, isBinary: boolean): Promise<void> => {
      let raw: unknown;
      try {
        if (isBinary) throw new Error('binary frame');
        raw = JSON.parse(rawText(data));
      } catch {
        log.warn('bridge message is not JSON text; refused');
        send({ type: 'error', message: 'bridge frames are JSON text' });
        return;
      }
      const parsed = BridgeRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === 'number' && Number.isSafeInteger(id))
          send({ type: 'result', id, result: fail('BAD_REQUEST', 'malformed bridge request') });
        else send({ type: 'error', message: 'malformed bridge request' });
        return;
      }
      const { method, input } = parsed.data;
      const traceKey = perfTrace.enabled ? (ticketKeyOf(input) ?? method) : null;
      perfTrace.mark(traceKey, `bridge.call:${method}`);
      const result = await options.core.router.dispatch(method, input);
      perfTrace.mark(traceKey, `bridge.handled:${method}`);
      send({ type: 'result', id: parsed.data.id, result });
    };
    ws.on('close', unsubscribe);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?${BRIDGE_TOKEN_PARAM}=${token}`;
  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request's URL, or null when it cannot be read (a client may send any bytes as a path). */
function parseRequestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    // `GET /%` and friends: not a path we could have served.
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request: malformed path');
    return;
  }
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const ext = extname(file);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') res.end();
  else
    pipeline(createReadStream(file), res, (err) => {
      if (err) res.destroy();
    });
}
