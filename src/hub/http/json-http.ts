// Small, reusable pieces every JSON route of the hub uses (and the /v1 integration router can adopt):
// reading a JSON body with a stated size limit, insisting on `application/json`, answering with a
// `Result`, and CORS for configured origins only. Routes throw HttpError; `answerError` turns it into
// the one error shape clients see.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail, type ErrorCode } from '../../shared/result';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Formats a byte limit the way the error states it: "4 MiB (4194304 bytes)". */
export function describeLimit(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const kib = bytes / 1024;
  const human = Number.isInteger(mib) ? `${mib} MiB` : Number.isInteger(kib) ? `${kib} KiB` : `${bytes} B`;
  return `${human} (${bytes} bytes)`;
}

/**
 * JSON bodies only: a form or text/plain post is what a foreign web page can send without a CORS
 * preflight, so refusing everything else (415) closes that door for every route at once.
 */
export function requireJsonContentType(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpError(
      415,
      'BAD_REQUEST',
      `content-type must be application/json (got ${type ? `"${type.slice(0, 64)}"` : 'none'})`,
    );
}

/**
 * Reads and parses a JSON body of at most `limitBytes`. Too big → 413 naming the limit (refused from
 * Content-Length before reading when the client declares it, so the hub never buffers more than the
 * limit); not JSON → 400; wrong content type → 415.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  requireJsonContentType(req);
  const tooBig = () =>
    new HttpError(
      413,
      'BAD_REQUEST',
      `request body is larger than the limit of ${describeLimit(limitBytes)}`,
    );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume(); // drain without buffering so the connection can carry the answer
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) {
      req.resume();
      throw tooBig();
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'request body is not valid JSON');
  }
}

/** The bearer token of a request, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/**
 * CORS for an allow-list of exact origins. A request from any other origin gets no
 * `access-control-allow-origin` at all, so the browser keeps the answer from the page; the Origin
 * header is never echoed unless it is on the list.
 */
export class CorsPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(origins: readonly string[] = []) {
    this.allowed = new Set(origins.map(normalizeOrigin));
  }

  get origins(): string[] {
    return [...this.allowed];
  }

  allows(origin: string | undefined): boolean {
    return origin !== undefined && this.allowed.has(normalizeOrigin(origin));
  }

  headers(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!this.allows(origin)) return { vary: 'origin' };
    return {
      'access-control-allow-origin': origin!,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
      vary: 'origin',
    };
  }
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

/** Parses a comma-separated origin list (CLI flag / env), refusing anything that is not an origin. */
export function parseOrigins(list: string | undefined): string[] {
  if (!list) return [];
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      let url: URL;
      try {
        url = new URL(s);
      } catch {
        throw new Error(`not an origin: "${s}" (expected e.g. http://127.0.0.1:5173)`);
      }
      if (url.origin === 'null' || url.pathname !== '/' || url.search || url.hash)
        throw new Error(`not an origin: "${s}" (scheme://host[:port], no path)`);
      return url.origin;
    });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers a thrown HttpError with its status; anything else is a 500 (logged by the caller). */
export function answerError(
  res: ServerResponse,
  err: unknown,
  headers: Record<string, string> = {},
): boolean {
  if (res.headersSent) return true;
  if (err instanceof HttpError) {
    sendJson(res, err.status, fail(err.code, err.message), { ...headers, ...err.headers });
    return true;
  }
  sendJson(res, 500, fail('INTERNAL', 'internal hub error'), headers);
  return false;
}
