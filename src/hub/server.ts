// The socket.io + HTTP front of the hub: login, handshake authentication, per-event RBAC and schema
// validation (deny by default), and the mapping of protocol commands onto HubCore.
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import { LoginLimiter, type LoginLimits } from './auth/login-limiter';
import type { Outcome } from '../shared/domain';
import type { TicketExport } from '../shared/ticket-export';
import {
  HandshakeAuthSchema,
  LoginRequestSchema,
  clientCommandSchemas,
  type AgentPresence,
  type ClientCommandName,
  type LoginResponse,
} from '../shared/hub-protocol';
import { describeIssues, fail, type Result } from '../shared/result';
import type { z } from 'zod';
import { verifyPassword } from './auth/password';
import { signToken, verifyToken, type TokenClaims } from './auth/token';
import type { Actor, HubCore, LiveSink } from './core';

export interface HubServerOptions {
  core: HubCore;
  log: Logger;
  tokenSecret: string;
  tokenTtlMs: number;
  /** Allowed CORS origins for the socket.io endpoint (the browser shell serves from localhost). */
  corsOrigin?: string | string[] | boolean;
  loginLimits?: LoginLimits;
  /** The integration API (integration/http.ts): every request under /v1/ goes there. */
  v1?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

interface SocketData {
  actor: Actor;
  claims: TokenClaims;
  sink: LiveSink;
  initialStatus: AgentPresence;
}

type HubSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const MAX_BODY = 64 * 1024;

export function createHubServer(opts: HubServerOptions): {
  http: HttpServer;
  io: Server;
  issueToken: (userId: string) => LoginResponse;
} {
  const { core, log } = opts;
  const loginLimiter = new LoginLimiter(opts.loginLimits);

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

  const http = createServer((req, res) => {
    void handleHttp(req, res).catch((err: unknown) => {
      log.error({ err }, 'http handler failed');
      if (!res.headersSent) json(res, 500, fail('INTERNAL', 'internal hub error'));
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (opts.v1 && url.pathname.startsWith('/v1/')) return opts.v1(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders(req)).end();
      return;
    }
    if (url.pathname === '/api/health' && req.method === 'GET') {
      json(res, 200, { ok: true, data: { status: 'ok', kbVersion: await core.store.kbVersion() } }, req);
      return;
    }
    if (url.pathname === '/api/login' && req.method === 'POST') {
      const body = await readJson(req);
      const parsed = LoginRequestSchema.safeParse(body);
      if (!parsed.success) {
        json(
          res,
          400,
          fail('BAD_REQUEST', `invalid login request: ${describeIssues(parsed.error)[0] ?? ''}`),
          req,
        );
        return;
      }
      const { username, password } = parsed.data;
      const address = req.socket.remoteAddress ?? 'unknown';
      const wait = loginLimiter.retryAfterMs(username, address);
      if (wait !== null) {
        const seconds = Math.ceil(wait / 1000);
        res.setHeader('retry-after', String(seconds));
        json(res, 429, fail('RATE_LIMITED', `too many failed logins: try again in ${seconds} s`), req);
        return;
      }
      const user = await core.store.getUserByUsername(username);
      // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
      const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !user.passwordHash || !good) {
        loginLimiter.failed(username, address);
        json(res, 401, fail('UNAUTHORIZED', 'wrong username or password'), req);
        return;
      }
      loginLimiter.succeeded(username);
      json(res, 200, issueToken(user.id), req);
      return;
    }
    if (url.pathname === '/api/kb/publish' && req.method === 'POST') {
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      const v = auth ? verifyToken(opts.tokenSecret, auth[1]!) : null;
      if (!v?.ok) {
        json(
          res,
          401,
          fail('UNAUTHORIZED', 'a valid admin token is required (Authorization: Bearer …)'),
          req,
        );
        return;
      }
      if (v.claims.role !== 'admin') {
        json(res, 403, fail('FORBIDDEN', 'only admins may publish knowledge'), req);
        return;
      }
      const parsed = clientCommandSchemas['kb:publish'].input.safeParse(await readJson(req));
      if (!parsed.success) {
        json(
          res,
          400,
          fail(
            'BAD_REQUEST',
            `invalid kb:publish: ${describeIssues(parsed.error)[0] ?? ''}`,
            describeIssues(parsed.error),
          ),
          req,
        );
        return;
      }
      const r = await core.publishKb(
        { id: v.claims.sub, role: v.claims.role, name: v.claims.name },
        parsed.data,
      );
      json(res, r.ok ? 200 : 400, r, req);
      return;
    }
    if (url.pathname === '/api/tickets/export' && req.method === 'GET') {
      // The agent's open tickets as a file, for offline triage on a machine without the hub.
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      const v = auth ? verifyToken(opts.tokenSecret, auth[1]!) : null;
      if (!v?.ok) {
        json(res, 401, fail('UNAUTHORIZED', 'a valid token is required (Authorization: Bearer …)'), req);
        return;
      }
      const heads = await core.store.listTicketHeads({
        statuses: ['assigned', 'active', 'pending'],
        assignedTo: v.claims.sub,
      });
      const tickets = (await Promise.all(heads.map((h) => core.store.getTicket(h.id)))).filter(
        (t) => t !== undefined,
      );
      const file: TicketExport = {
        format: 'xiaoer-ticket-export',
        version: 1,
        agentId: v.claims.sub,
        exportedAt: Date.now(),
        tickets,
      };
      json(res, 200, file, req);
      return;
    }
    json(res, 404, fail('NOT_FOUND', `no route ${req.method} ${url.pathname}`), req);
  }

  const io = new Server(http, {
    cors: { origin: opts.corsOrigin ?? true },
    maxHttpBufferSize: 4 * 1024 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });

  // Handshake: a valid, unexpired token signed by this hub for a user that still exists.
  io.use((socket, next) => {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      const hasToken = typeof (socket.handshake.auth as { token?: unknown } | undefined)?.token === 'string';
      return next(
        authError(
          hasToken
            ? `invalid handshake: ${describeIssues(auth.error).join('; ')}`
            : 'missing token: connect with auth: { token } from POST /api/login',
        ),
      );
    }
    const v = verifyToken(opts.tokenSecret, auth.data.token);
    if (!v.ok) {
      const msg =
        v.reason === 'expired'
          ? 'token expired: log in again'
          : `invalid token (${v.reason.replace('_', ' ')})`;
      return next(authError(msg));
    }
    const user = core.getUser(v.claims.sub);
    if (!user || user.role !== v.claims.role)
      return next(authError('invalid token (unknown user or role changed)'));
    const data = socket.data as SocketData;
    data.claims = v.claims;
    data.actor = { id: user.id, role: user.role, name: user.name };
    data.initialStatus = auth.data.status ?? 'online';
    next();
  });

  io.on('connection', (raw) => {
    const socket = raw as unknown as HubSocket;
    const { actor, claims } = socket.data;
    const sink: LiveSink = {
      id: socket.id,
      live: false,
      emit: (name, payload) =>
        (socket as unknown as { emit(n: string, p: unknown): void }).emit(name, payload),
    };
    socket.data.sink = sink;
    core.attach(actor.id, sink, socket.data.initialStatus);

    // Drop the socket when its token expires (a handshake check alone would let it live on).
    const ttl = claims.exp * 1000 - Date.now();
    const expiry = setTimeout(
      () => {
        sink.emit('protocol:error', { event: 'auth', message: 'token expired: log in again' });
        socket.disconnect(true);
      },
      Math.max(0, Math.min(ttl, 2 ** 31 - 1)),
    );
    expiry.unref();

    socket.on('disconnect', () => {
      clearTimeout(expiry);
      core.detach(actor.id, sink);
    });

    // Deny by default: unknown events, wrong roles and malformed payloads never reach a handler.
    socket.use((packet, next) => {
      const [event, payload, ...rest] = packet as [unknown, unknown, ...unknown[]];
      const ack =
        typeof rest[rest.length - 1] === 'function'
          ? (rest[rest.length - 1] as (r: Result<unknown>) => void)
          : typeof payload === 'function'
            ? (payload as (r: Result<unknown>) => void)
            : undefined;
      const refuse = (r: Result<never>) => {
        const name = typeof event === 'string' ? event.slice(0, 64) : String(event);
        if (ack) ack(r);
        if (!r.ok) sink.emit('protocol:error', { event: name, message: r.error.message });
        log.debug({ user: actor.id, event: name, error: !r.ok ? r.error : undefined }, 'refused event');
      };
      if (typeof event !== 'string' || !Object.hasOwn(clientCommandSchemas, event)) {
        return refuse(
          fail(
            'UNKNOWN_METHOD',
            `unknown event "${typeof event === 'string' ? event.slice(0, 64) : typeof event}"`,
          ),
        );
      }
      const spec = clientCommandSchemas[event as ClientCommandName];
      if (!(spec.roles as readonly string[]).includes(actor.role)) {
        return refuse(fail('FORBIDDEN', `${actor.role} may not call ${event}`));
      }
      if (!ack) return refuse(fail('BAD_REQUEST', `${event} needs an acknowledgement callback`));
      const parsed = spec.input.safeParse(typeof payload === 'function' ? undefined : payload);
      if (!parsed.success) {
        const issues = describeIssues(parsed.error);
        return refuse(fail('BAD_REQUEST', `invalid ${event}: ${issues[0] ?? 'bad payload'}`, issues));
      }
      packet.length = 0;
      packet.push(event, parsed.data, ack);
      next();
    });

    const on = <K extends ClientCommandName>(
      name: K,
      handler: (input: z.infer<(typeof clientCommandSchemas)[K]['input']>) => Promise<Result<unknown>>,
    ) => {
      (socket as unknown as { on(n: string, f: (i: unknown, ack: (r: unknown) => void) => void): void }).on(
        name,
        (input, ack) => {
          handler(input as never)
            .catch((err: unknown) => {
              log.error({ err, event: name }, 'handler crashed');
              return fail('INTERNAL', 'internal hub error');
            })
            .then(
              (r) => ack(r),
              () => undefined,
            );
        },
      );
    };

    on('session:resume', async (input) => ({
      ok: true,
      data: await core.resume(actor.id, sink, input.lastSeq),
    }));
    on('agent:status', (input) => core.setStatus(actor, input.status));
    on('ticket:accept', (input) => core.accept(actor, input));
    on('ticket:reply', (input) => core.reply(actor, input));
    on('ticket:action', (input) => core.action(actor, input));
    on('ticket:transfer', (input) => core.transfer(actor, input));
    on('ticket:outcome', (input) => core.outcome(actor, input as Outcome));
    on('conflict:resolve', (input) => core.resolveConflict(actor, input));
    on('conflict:list', (input) => core.listConflicts(input));
    on('ticket:assignments', (input) => core.assignments(input));
    on('kb:pull', (input) => core.kbPull(input));
    on('kb:publish', (input) => core.publishKb(actor, input));
    on('metrics:get', (input) => core.metrics(input));
    on('team:tickets', () => core.teamTickets());
    on('team:ticket', (input) => core.teamTicket(input));
    on('customer:history', (input) => core.customerHistory(actor, input));
    on('ticket:whisper', (input) => core.whisper(actor, input));

    // Handshake offset: replay what was missed, then go live, without waiting for session:resume.
    const lastSeq = (socket.handshake.auth as { lastSeq?: unknown }).lastSeq;
    if (typeof lastSeq === 'number' && Number.isInteger(lastSeq) && lastSeq >= 0) {
      void core
        .resume(actor.id, sink, lastSeq)
        .catch((err: unknown) => log.error({ err }, 'handshake resume failed'));
    }
  });

  return { http, io, issueToken };
}

function authError(message: string): Error {
  const err = new Error(message) as Error & { data?: unknown };
  err.data = { code: 'UNAUTHORIZED', message };
  return err;
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization',
    vary: 'origin',
  };
}

function json(res: ServerResponse, status: number, body: unknown, req?: IncomingMessage): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...(req ? corsHeaders(req) : {}),
  });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
