// The hub's own HTTP routes: login, health, knowledge publish (admin), the agent's ticket export.
// Every route that acts for a user checks the CURRENT user record (auth/access.ts), every body is
// JSON with a stated limit (json-http.ts), and CORS answers only configured origins.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import {
  LoginRequestSchema,
  MAX_COMMAND_BYTES,
  clientCommandSchemas,
  type LoginResponse,
} from '../../shared/hub-protocol';
import { describeIssues, fail } from '../../shared/result';
import type { TicketExport } from '../../shared/ticket-export';
import { authenticateToken, type AccessCheck } from '../auth/access';
import type { LoginLimiter } from '../auth/login-limiter';
import { verifyPassword } from '../auth/password';
import type { Actor, HubCore } from '../core';
import { snapshotTicket } from '../tickets/snapshot';
import { HttpError, bearerToken, readJsonBody, sendJson, type CorsPolicy } from './json-http';

export interface HubRoutesOptions {
  core: HubCore;
  log: Logger;
  tokenSecret: string;
  cors: CorsPolicy;
  loginLimiter: LoginLimiter;
  issueToken: (userId: string) => LoginResponse;
}

/** A login body is two short strings. */
const LOGIN_MAX_BYTES = 16 * 1024;
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function createHubRoutes(opts: HubRoutesOptions): RouteHandler {
  const { core, cors } = opts;
  const reply = (res: ServerResponse, req: IncomingMessage, status: number, body: unknown) =>
    sendJson(res, status, body, cors.headers(req));

  /** The caller's actor, judged by the user record as it is now; throws 401/403. */
  async function requireUser(req: IncomingMessage, roles?: readonly Actor['role'][]): Promise<Actor> {
    const check: AccessCheck = await authenticateToken(core.store, opts.tokenSecret, bearerToken(req));
    if (!check.ok) throw new HttpError(401, 'UNAUTHORIZED', check.reason);
    if (roles && !roles.includes(check.actor.role))
      throw new HttpError(
        403,
        'FORBIDDEN',
        `${check.actor.role} may not do this (needs ${roles.join(' or ')})`,
      );
    return check.actor;
  }

  return async (req, res, url) => {
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /api/health':
        reply(res, req, 200, { ok: true, data: { status: 'ok', kbVersion: await core.store.kbVersion() } });
        return true;

      case 'POST /api/login': {
        const parsed = LoginRequestSchema.safeParse(await readJsonBody(req, LOGIN_MAX_BYTES));
        if (!parsed.success)
          throw new HttpError(
            400,
            'BAD_REQUEST',
            `invalid login request: ${describeIssues(parsed.error)[0] ?? ''}`,
          );
        const { username, password } = parsed.data;
        const address = req.socket.remoteAddress ?? 'unknown';
        const wait = await opts.loginLimiter.retryAfterMs(username, address);
        if (wait !== null) {
          const seconds = Math.ceil(wait / 1000);
          throw new HttpError(429, 'RATE_LIMITED', `too many failed logins: try again in ${seconds} s`, {
            'retry-after': String(seconds),
          });
        }
        const user = await core.store.getUserByUsername(username);
        // Verify against a dummy hash for unknown users too, so timing does not reveal which names exist.
        const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !user.passwordHash || !good) {
          await opts.loginLimiter.failed(username, address);
          throw new HttpError(401, 'UNAUTHORIZED', 'wrong username or password');
        }
        // Only after the password: a disabled account says so to its owner, never to a guesser.
        if (user.disabled) throw new HttpError(403, 'FORBIDDEN', 'this account is disabled');
        await opts.loginLimiter.succeeded(username, address);
        reply(res, req, 200, opts.issueToken(user.id));
        return true;
      }

      case 'POST /api/kb/publish': {
        const actor = await requireUser(req, ['admin']);
        const parsed = clientCommandSchemas['kb:publish'].input.safeParse(
          await readJsonBody(req, MAX_COMMAND_BYTES),
        );
        if (!parsed.success) {
          const issues = describeIssues(parsed.error);
          reply(res, req, 400, fail('BAD_REQUEST', `invalid kb:publish: ${issues[0] ?? ''}`, issues));
          return true;
        }
        const r = await core.publishKb(actor, parsed.data);
        reply(res, req, r.ok ? 200 : 400, r);
        return true;
      }

      case 'GET /api/tickets/export': {
        // The agent's open tickets as a file, for offline triage on a machine without the hub.
        const actor = await requireUser(req);
        const heads = await core.store.listTicketHeads({
          statuses: ['assigned', 'active', 'pending'],
          assignedTo: actor.id,
        });
        const tickets = (await Promise.all(heads.map((h) => core.store.getTicket(h.id))))
          .filter((t) => t !== undefined)
          .map((t) => snapshotTicket(t).ticket);
        const file: TicketExport = {
          format: 'xiaoer-ticket-export',
          version: 1,
          agentId: actor.id,
          exportedAt: Date.now(),
          tickets,
        };
        reply(res, req, 200, file);
        return true;
      }
    }
    return false;
  };
}
