// Verifying a Standard Webhooks delivery: the signature (any `v1,` entry against any of the receiver's
// secrets, compared in constant time), the timestamp (within a tolerance, against replays), and the body
// against the contract. Refusals say why.
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_TOLERANCE_SEC,
  WebhookEventSchema,
  type WebhookEvent,
} from '../shared/integration-api';

export type WebhookHeaders = Record<string, string | string[] | undefined>;
export type Verified = { ok: true; event: WebhookEvent } | { ok: false; reason: string };

const header = (h: WebhookHeaders, name: string): string | undefined => {
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

export function verifyWebhook(
  secrets: string | readonly string[],
  headers: WebhookHeaders,
  rawBody: string,
  options: { toleranceSec?: number; nowSec?: number } = {},
): Verified {
  const id = header(headers, 'webhook-id');
  const ts = header(headers, 'webhook-timestamp');
  const sig = header(headers, 'webhook-signature');
  if (!id || !ts || !sig)
    return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  const timestamp = Number(ts);
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'malformed webhook-timestamp' };
  const now = options.nowSec ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSec ?? WEBHOOK_TOLERANCE_SEC;
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: 'timestamp outside the tolerance' };
  const content = `${id}.${timestamp}.${rawBody}`;
  const expected = (typeof secrets === 'string' ? [secrets] : secrets).map((s) =>
    createHmac(
      'sha256',
      Buffer.from(s.startsWith(WEBHOOK_SECRET_PREFIX) ? s.slice(WEBHOOK_SECRET_PREFIX.length) : s, 'base64'),
    )
      .update(content)
      .digest(),
  );
  const match = sig.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const got = Buffer.from(value, 'base64');
    return expected.some((e) => e.length === got.length && timingSafeEqual(e, got));
  });
  if (!match) return { ok: false, reason: 'no matching signature' };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const parsed = WebhookEventSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'the body does not match the WebhookEvent contract' };
  if (parsed.data.id !== id) return { ok: false, reason: 'webhook-id differs from the event id' };
  return { ok: true, event: parsed.data };
}
