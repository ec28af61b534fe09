// A small typed client for the hub's integration API (/v1), typed and checked by the route table in
// src/shared/integration-routes.ts. Nothing throws: every call answers { ok, status, data | error }.
// Used by the simulator, the tests and the benches; a platform can copy the pattern.
import type { z } from 'zod';
import type { InboundEvent } from '../shared/integration-api';
import {
  integrationRoutes,
  type RouteBody,
  type RouteName,
  type RouteQuery,
  type RouteResponse,
  type RouteSpec,
} from '../shared/integration-routes';

export interface ApiFailure {
  ok: false;
  /** 0 when the hub could not be reached. */
  status: number;
  error: { code: string; message: string; issues?: string[] };
  /** From Retry-After on a 429. */
  retryAfterSec?: number;
}
export type ApiAnswer<T> = { ok: true; status: number; data: T; replayed: boolean } | ApiFailure;

export interface IntegrationClientOptions {
  /** The hub, e.g. http://127.0.0.1:4300 */
  baseUrl: string;
  /** An integration key `xk_…`. */
  apiKey: string;
  timeoutMs?: number;
}

export class IntegrationClient {
  private readonly base: string;

  constructor(private readonly opts: IntegrationClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
  }

  async call<K extends RouteName>(
    name: K,
    args: { id?: string; body?: RouteBody<K>; query?: RouteQuery<K>; idempotencyKey?: string } = {},
  ): Promise<ApiAnswer<RouteResponse<K>>> {
    const spec: RouteSpec = integrationRoutes[name];
    let path = spec.path.replace('{id}', encodeURIComponent(args.id ?? ''));
    if (args.query) {
      const qs = new URLSearchParams(
        Object.entries(args.query as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
      path += `?${qs.toString()}`;
    }
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.apiKey}` };
    if (args.body !== undefined) headers['content-type'] = 'application/json';
    if (args.idempotencyKey) headers['idempotency-key'] = args.idempotencyKey;
    // A request that is safe to send twice (a read, a delete, or one the hub deduplicates) is retried
    // once when a kept-alive connection turns out closed before any answer (ECONNRESET).
    const safe =
      spec.method !== 'POST' || !!args.idempotencyKey || name === 'postEvents' || name === 'postDelivery';
    let res: Response | undefined;
    for (let attempt = 0; !res; attempt++) {
      try {
        res = await fetch(this.base + path, {
          method: spec.method,
          headers,
          ...(args.body !== undefined ? { body: JSON.stringify(args.body) } : {}),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
        });
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
        if ((cause as { code?: string } | undefined)?.code === 'ECONNRESET' && safe && attempt === 0)
          continue;
        const message = cause?.message ?? (err instanceof Error ? err.message : String(err));
        return {
          ok: false,
          status: 0,
          error: { code: 'UNAVAILABLE', message: `cannot reach the hub: ${message}` },
        };
      }
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.status !== spec.status) {
      const error = (json as { error?: ApiFailure['error'] } | undefined)?.error ?? {
        code: 'HTTP_' + res.status,
        message: text.slice(0, 200) || res.statusText,
      };
      const ra = Number(res.headers.get('retry-after'));
      return { ok: false, status: res.status, error, ...(ra > 0 ? { retryAfterSec: ra } : {}) };
    }
    if (spec.response) {
      const parsed = (spec.response as z.ZodType).safeParse(json);
      if (!parsed.success)
        return {
          ok: false,
          status: res.status,
          error: { code: 'BAD_RESPONSE', message: `the hub answered ${name} with an unexpected shape` },
        };
      json = parsed.data;
    }
    return {
      ok: true,
      status: res.status,
      data: json as RouteResponse<K>,
      replayed: res.headers.get('idempotent-replayed') === 'true',
    };
  }

  escalate(body: RouteBody<'createEscalation'>, idempotencyKey: string) {
    return this.call('createEscalation', { body, idempotencyKey });
  }
  sendEvents(conversationId: string, events: InboundEvent[]) {
    return this.call('postEvents', { id: conversationId, body: { events } });
  }
  reportDelivery(conversationId: string, body: RouteBody<'postDelivery'>) {
    return this.call('postDelivery', { id: conversationId, body });
  }
  replay(conversationId: string, after = 0, limit = 100) {
    return this.call('replayEvents', { id: conversationId, query: { after, limit } });
  }
  createWebhook(url: string) {
    return this.call('createWebhook', { body: { url } });
  }
  listWebhooks() {
    return this.call('listWebhooks');
  }
  rotateWebhookSecret(endpointId: string) {
    return this.call('rotateWebhookSecret', { id: endpointId });
  }
  enableWebhook(endpointId: string) {
    return this.call('enableWebhook', { id: endpointId });
  }
  deleteWebhook(endpointId: string) {
    return this.call('deleteWebhook', { id: endpointId });
  }
  publishKnowledge(body: RouteBody<'publishKnowledge'>) {
    return this.call('publishKnowledge', { body });
  }
  listKnowledge(since = 0) {
    return this.call('listKnowledge', { query: { since } });
  }
}
