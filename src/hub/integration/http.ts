// The `/v1` HTTP front of the integration API. Every request goes through the same gate, in this order:
// route → API key (401) → per-key rate limit (429 + Retry-After) → scope (403) → Idempotency-Key (400)
// → content type (415) → size (413) → JSON and the route's zod schema (400 with the failing paths).
// Handlers come from the route table in src/shared/integration-routes.ts; a route without a handler
// does not compile.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { EVENT_SCOPES, type WebhookEndpoint } from '../../shared/integration-api';
import { integrationRoutes, type RouteName, type RouteSpec } from '../../shared/integration-routes';
import { describeIssues } from '../../shared/result';
import { HubError } from '../context';
import type { HubCore } from '../core';
import type { ApiKeyRecord, IntegrationRecord, WebhookEndpointRecord } from '../store/integration-types';
import { escalate, integrationStore, ownConversation, receiveEvents, recordDelivery } from './inbound-api';
import { checkKey } from './keys';
import { buildOpenApi } from './openapi';
import { DEFAULT_RATE_LIMIT, KeyRateLimiter, type RateLimit } from './rate-limit';
import { newWebhookSecret } from './signing';

export interface IntegrationHttpOptions {
  core: HubCore;
  log: Logger;
  /** Largest accepted request body, bytes (default 2 MiB: a transcript may carry images). */
  maxBodyBytes?: number;
  rateLimit?: RateLimit;
  /** Wakes the webhook dispatcher (after an endpoint is re-enabled). */
  wakeDispatcher?: () => void;
}

interface Call<K extends RouteName> {
  integration: IntegrationRecord;
  key: ApiKeyRecord;
  id: string;
  body: (typeof integrationRoutes)[K] extends { body: z.ZodType }
    ? z.output<(typeof integrationRoutes)[K]['body']>
    : undefined;
  query: (typeof integrationRoutes)[K] extends { query: z.ZodType }
    ? z.output<(typeof integrationRoutes)[K]['query']>
    : undefined;
  idempotencyKey: string;
}

interface Answer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handlers = { [K in RouteName]: (c: Call<K>) => Promise<Answer> };

const ROTATION_OVERLAP_MS = 24 * 3600_000;
const STATUS_OF: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const compiled = (Object.entries(integrationRoutes) as [RouteName, RouteSpec][]).map(([name, spec]) => ({
  name,
  spec,
  re: new RegExp(`^${spec.path.replace('{id}', '([A-Za-z0-9_.:~-]{1,128})')}$`),
}));

/** Returns the `/v1` request handler that server.ts mounts. */
export function createIntegrationHttp(opts: IntegrationHttpOptions) {
  const { core, log } = opts;
  const maxBody = opts.maxBodyBytes ?? 2 * 1024 * 1024;
  const limiter = new KeyRateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
  let openApiJson: string | undefined;

  const endpointView = async (e: WebhookEndpointRecord): Promise<WebhookEndpoint> => ({
    id: e.id,
    url: e.url,
    enabled: e.disabledAt === null,
    disabledReason: e.disabledReason,
    createdAt: e.createdAt,
    pending: await integrationStore(core).pendingDeliveries(e.id),
  });
  const ownEndpoint = async (integrationId: string, id: string) => {
    const e = await integrationStore(core).getEndpoint(id);
    if (!e || e.integrationId !== integrationId) throw new HubError('NOT_FOUND', `no webhook endpoint ${id}`);
    return e;
  };

  const handlers: Handlers = {
    async createEscalation(c) {
      const { answer, replayed } = await escalate(core, c.integration.id, c.idempotencyKey, c.body);
      return {
        status: answer.status,
        body: answer.body,
        headers: replayed ? { 'idempotent-replayed': 'true' } : ({} as Record<string, string>),
      };
    },
    async postEvents(c) {
      const missing = [...new Set(c.body.events.map((e) => EVENT_SCOPES[e.type]))].filter(
        (s) => !c.key.scopes.includes(s),
      );
      if (missing.length)
        throw new HttpError(403, 'FORBIDDEN', `this key lacks the scope(s) ${missing.join(', ')}`);
      return { body: await receiveEvents(core, c.integration.id, c.id, c.body.events) };
    },
    async postDelivery(c) {
      return { body: await recordDelivery(core, c.integration.id, c.id, c.body) };
    },
    async replayEvents(c) {
      const store = integrationStore(core);
      const rows = await core.serial(async () => {
        await ownConversation(store, c.integration.id, c.id);
        return store.outboxAfter(c.id, c.query.after, c.query.limit + 1);
      });
      const page = rows.slice(0, c.query.limit);
      return {
        body: {
          events: page.map((r) => r.event),
          lastSeq: page.at(-1)?.seq ?? c.query.after,
          hasMore: rows.length > page.length,
        },
      };
    },
    async createWebhook(c) {
      const secret = newWebhookSecret();
      const rec: WebhookEndpointRecord = {
        id: `wh_${randomBytes(8).toString('hex')}`,
        integrationId: c.integration.id,
        url: c.body.url,
        secrets: [{ secret, createdAt: Date.now(), expiresAt: null }],
        createdAt: Date.now(),
        disabledAt: null,
        disabledReason: null,
      };
      await core.serial(() => integrationStore(core).insertEndpoint(rec));
      return { status: 201, body: { endpoint: await endpointView(rec), secret } };
    },
    async listWebhooks(c) {
      const list = await integrationStore(core).listEndpoints(c.integration.id);
      return { body: { endpoints: await Promise.all(list.map(endpointView)) } };
    },
    async deleteWebhook(c) {
      await core.serial(async () => {
        await ownEndpoint(c.integration.id, c.id);
        await integrationStore(core).deleteEndpoint(c.id);
      });
      return { status: 204 };
    },
    async rotateWebhookSecret(c) {
      const secret = newWebhookSecret();
      const now = Date.now();
      const updated = await core.serial(async () => {
        const e = await ownEndpoint(c.integration.id, c.id);
        const kept = e.secrets
          .filter((s) => s.expiresAt === null || s.expiresAt > now)
          .map((s) => ({ ...s, expiresAt: Math.min(s.expiresAt ?? Infinity, now + ROTATION_OVERLAP_MS) }));
        const secrets = [{ secret, createdAt: now, expiresAt: null }, ...kept];
        await integrationStore(core).updateEndpoint(e.id, { secrets });
        return { ...e, secrets };
      });
      return { body: { endpoint: await endpointView(updated), secret } };
    },
    async enableWebhook(c) {
      const updated = await core.serial(async () => {
        const e = await ownEndpoint(c.integration.id, c.id);
        await integrationStore(core).updateEndpoint(e.id, { disabledAt: null, disabledReason: null });
        await integrationStore(core).deliveryResumeEndpoint(e.id, Date.now());
        return { ...e, disabledAt: null, disabledReason: null };
      });
      opts.wakeDispatcher?.();
      return { body: await endpointView(updated) };
    },
    async publishKnowledge(c) {
      return { body: await core.publishKbNow(c.body.upsert, c.body.deleteIds) };
    },
    async listKnowledge(c) {
      const delta = await core.store.kbSince(c.query.since);
      return {
        body: {
          version: delta.version,
          docs: delta.docs.map((d) => ({
            id: d.id,
            tier: d.tier,
            title: d.title,
            body: d.body,
            tags: d.tags,
            version: d.version,
          })),
        },
      };
    },
  };

  async function gate(req: IncomingMessage, url: URL): Promise<Answer> {
    const method = req.method ?? 'GET';
    const matches = compiled.filter((r) => r.re.test(url.pathname));
    if (!matches.length) throw new HttpError(404, 'NOT_FOUND', `no route ${method} ${url.pathname}`);
    const route = matches.find((r) => r.spec.method === method);
    if (!route)
      throw new HttpError(
        405,
        'METHOD_NOT_ALLOWED',
        `${method} is not allowed on ${url.pathname}`,
        undefined,
        {
          allow: matches.map((r) => r.spec.method).join(', '),
        },
      );
    const { spec, name } = route;
    const id = route.re.exec(url.pathname)?.[1] ?? '';

    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth)
      throw new HttpError(401, 'UNAUTHORIZED', 'send the integration key as Authorization: Bearer <key>');
    const store = integrationStore(core);
    const checked = await checkKey(store, auth[1]!);
    if (!checked.ok) throw new HttpError(401, 'UNAUTHORIZED', checked.reason);
    const wait = limiter.take(checked.key.id);
    if (wait !== null)
      throw new HttpError(
        429,
        'RATE_LIMITED',
        `too many requests for this key: retry in ${wait} s`,
        undefined,
        {
          'retry-after': String(wait),
        },
      );
    if (spec.scope && !checked.key.scopes.includes(spec.scope))
      throw new HttpError(403, 'FORBIDDEN', `this key lacks the "${spec.scope}" scope`);

    const idempotencyKey = req.headers['idempotency-key'];
    if (
      spec.idempotent &&
      (typeof idempotencyKey !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey))
    )
      throw new HttpError(
        400,
        'BAD_REQUEST',
        'an Idempotency-Key header (1–255 visible ASCII characters) is required',
      );

    let body: unknown;
    if (spec.body) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json')
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as Content-Type: application/json');
      const raw = await readBody(req, maxBody);
      try {
        body = JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', 'the body is not valid JSON');
      }
      const parsed = spec.body.safeParse(body);
      if (!parsed.success) {
        const issues = describeIssues(parsed.error);
        throw new HttpError(400, 'BAD_REQUEST', `invalid request: ${issues[0] ?? 'bad body'}`, issues);
      }
      body = parsed.data;
    }
    let query: unknown;
    if (spec.query) {
      const parsed = spec.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) {
        const issues = describeIssues(parsed.error);
        throw new HttpError(400, 'BAD_REQUEST', `invalid query: ${issues[0] ?? ''}`, issues);
      }
      query = parsed.data;
    }
    const call = {
      integration: checked.integration,
      key: checked.key,
      id,
      body,
      query,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : '',
    };
    const answer = await (handlers[name] as (c: typeof call) => Promise<Answer>)(call);
    return { status: answer.status ?? spec.status, ...answer };
  }

  /** Handles a request under /v1 (server.ts routes them here). */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (url.pathname === '/v1/openapi.json' && req.method === 'GET') {
      openApiJson ??= JSON.stringify(buildOpenApi());
      send(res, 200, openApiJson);
      return;
    }
    try {
      const a = await gate(req, url);
      send(res, a.status ?? 200, a.body === undefined ? undefined : JSON.stringify(a.body), a.headers);
    } catch (err) {
      if (err instanceof HttpError) {
        const close: Record<string, string> = err.status === 413 ? { connection: 'close' } : {};
        send(res, err.status, errorBody(err.code, err.message, err.issues), { ...err.headers, ...close });
        if (err.status === 413) req.resume();
      } else if (err instanceof HubError) {
        send(res, STATUS_OF[err.code] ?? 500, errorBody(err.code, err.message));
      } else {
        log.error({ err, path: url.pathname }, 'integration API handler failed');
        send(res, 500, errorBody('INTERNAL', 'internal hub error'));
      }
    }
  };
}

function errorBody(code: string, message: string, issues?: string[]): string {
  return JSON.stringify({ error: issues ? { code, message, issues } : { code, message } });
}

function send(
  res: ServerResponse,
  status: number,
  body?: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  const tooBig = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${max} bytes`);
  if (Number.isFinite(declared) && declared > max) throw tooBig();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw tooBig();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
