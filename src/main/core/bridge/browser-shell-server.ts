// The browser shell: serves the built renderer and bridges it to the core over a WebSocket, on
// 127.0.0.1 only, guarded by a per-run random token and an Origin check. It is the same core and the
// same renderer as the Electron app; only the transport differs (IPC there, this socket here).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_TOKEN_PARAM,
  BRIDGE_WS_PATH,
  BridgeRequestSchema,
  type BridgeMessage,
} from '../../../shared/bridge-protocol';
import { fail } from '../../../shared/result';
import type { XiaoerCore } from '../app-core';
import { createLogger } from '../log';

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

  const server: Server = createServer((req, res) => serveStatic(rendererDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  let port = 0;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin ?? '';
    const originOk = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (
      url.pathname !== BRIDGE_WS_PATH ||
      !originOk ||
      !sameToken(url.searchParams.get(BRIDGE_TOKEN_PARAM), token)
    ) {
      log.warn({ path: url.pathname, origin }, 'refused a bridge connection (bad path, origin or token)');
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const send = (m: BridgeMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    send({ type: 'hello', shell: 'browser' });
    const unsubscribe = options.core.events.subscribe((event, payload) =>
      send({ type: 'event', event, payload }),
    );
    ws.on('message', async (data) => {
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        log.warn('bridge message is not JSON; ignored');
        return;
      }
      const parsed = BridgeRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === 'number')
          send({ type: 'result', id, result: fail('BAD_REQUEST', 'malformed bridge request') });
        return;
      }
      const result = await options.core.router.dispatch(parsed.data.method, parsed.data.input);
      send({ type: 'result', id: parsed.data.id, result });
    });
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

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
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
  else createReadStream(file).pipe(res);
}
