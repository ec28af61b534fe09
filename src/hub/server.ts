// The hub's network front: one HTTP server carrying the JSON routes (http/routes.ts) and socket.io
// (socket/wiring.ts). This file only composes them with the shared policies: CORS for configured
// origins, one request size limit, the login limiter and the command limits.
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { MAX_COMMAND_BYTES, type LoginResponse } from '../shared/hub-protocol';
import { fail } from '../shared/result';
import { LoginLimiter, type LoginLimits } from './auth/login-limiter';
import { signToken } from './auth/token';
import type { HubCore } from './core';
import { CorsPolicy, answerError, sendJson } from './http/json-http';
import { createHubRoutes } from './http/routes';
import { encodeOnceParser } from './socket/encoded';
import { DEFAULT_COMMAND_LIMITS, type CommandLimits } from './socket/limits';
import { wireSockets } from './socket/wiring';

export interface HubServerOptions {
  core: HubCore;
  log: Logger;
  tokenSecret: string;
  tokenTtlMs: number;
  /** Browser origins allowed to call the hub (CORS and socket.io). Default none: Node clients need none. */
  corsOrigins?: readonly string[];
  loginLimits?: Partial<LoginLimits>;
  commandLimits?: Partial<CommandLimits>;
  /** The integration API (integration/http.ts): every request under /v1/ goes there. */
  v1?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export function createHubServer(opts: HubServerOptions): {
  http: HttpServer;
  io: Server;
  issueToken: (userId: string) => LoginResponse;
} {
  const { core, log } = opts;
  const cors = new CorsPolicy(opts.corsOrigins ?? []);

  const issueToken = (userId: string): LoginResponse => {
    const user = core.getUser(userId);
    if (!user) throw new Error(`no user ${userId}`);
    const expiresAt = Date.now() + opts.tokenTtlMs;
    const token = signToken(opts.tokenSecret, {
      sub: user.id,
      role: user.role,
      name: user.name,
      exp: Math.ceil(expiresAt / 1000),
    });
    return {
      token,
      expiresAt: Math.ceil(expiresAt / 1000) * 1000,
      agent: { id: user.id, name: user.name, role: user.role, skills: user.skills, capacity: user.capacity },
    };
  };

  const routes = createHubRoutes({
    core,
    log,
    tokenSecret: opts.tokenSecret,
    cors,
    loginLimiter: new LoginLimiter(opts.loginLimits),
    issueToken,
  });

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub'); // socket.io takes /socket.io/ before this runs
    if (opts.v1 && url.pathname.startsWith('/v1/')) {
      opts.v1(req, res).catch((err: unknown) => {
        if (!answerError(res, err, {})) log.error({ err }, 'integration handler failed');
      });
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors.headers(req)).end();
      return;
    }
    routes(req, res, url)
      .then((handled) => {
        if (!handled)
          sendJson(res, 404, fail('NOT_FOUND', `no route ${req.method} ${url.pathname}`), cors.headers(req));
      })
      .catch((err: unknown) => {
        if (!answerError(res, err, cors.headers(req))) log.error({ err }, 'http handler failed');
      });
  });

  const io = new Server(http, {
    // No Origin echo: only configured origins get CORS answers, and a browser WebSocket from any other
    // origin is refused in allowRequest (Node clients send no Origin and are not affected).
    cors: { origin: cors.origins.length ? cors.origins : false },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || cors.allows(origin));
    },
    maxHttpBufferSize: MAX_COMMAND_BYTES,
    // stored events are sent as the JSON the replay log already holds (socket/encoded.ts)
    parser: encodeOnceParser,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });

  wireSockets(io, {
    core,
    log,
    tokenSecret: opts.tokenSecret,
    limits: { ...DEFAULT_COMMAND_LIMITS, ...opts.commandLimits },
  });

  return { http, io, issueToken };
}
