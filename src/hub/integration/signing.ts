// Standard Webhooks signing (hub side): `webhook-signature: v1,<base64 HMAC-SHA256(id.timestamp.body)>`,
// one entry per secret still valid, so a receiver keeps verifying across a secret rotation.
import { createHmac, randomBytes } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX } from '../../shared/integration-api';
import type { EndpointSecret } from '../store/integration-types';

export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export function signatureFor(secret: string, id: string, timestampSec: number, body: string): string {
  const key = Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSec}.${body}`).digest('base64')}`;
}

export function webhookHeaders(
  secrets: readonly EndpointSecret[],
  id: string,
  timestampSec: number,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const valid = secrets.filter((s) => s.expiresAt === null || s.expiresAt > now);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSec),
    'webhook-signature': valid.map((s) => signatureFor(s.secret, id, timestampSec, body)).join(' '),
  };
}
