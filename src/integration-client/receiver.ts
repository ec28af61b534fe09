// A small webhook receiver on loopback: verifies each delivery, answers 2xx only once the handler has
// taken it, and ignores repeats by webhook-id (at-least-once delivery means repeats are normal).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '../shared/integration-api';
import { verifyWebhook } from './verify';

export interface WebhookReceiverOptions {
  /** Current secrets (after a rotation, old and new); read on every delivery. */
  secrets: () => readonly string[];
  onEvent: (event: WebhookEvent) => void | Promise<void>;
  /** Port to listen on (0 = any free one; reuse a port to come back after an outage). */
  port?: number;
  host?: string;
  /** Called for refused deliveries (bad signature, stale timestamp …). */
  onRefused?: (reason: string) => void;
  /** webhook-ids already handled (keep it across a restart, as a real receiver keeps its own). */
  handled?: Set<string>;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  /** webhook-ids seen, in arrival order (each once). */
  readonly seen: string[];
  duplicates: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(opts: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const seenSet = opts.handled ?? new Set<string>();
  const seen: string[] = [];
  const state = { duplicates: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const v = verifyWebhook(opts.secrets(), req.headers, raw);
        if (!v.ok) {
          opts.onRefused?.(v.reason);
          res.writeHead(401).end(v.reason);
          return;
        }
        if (seenSet.has(v.event.id)) {
          state.duplicates++;
          res.writeHead(200).end();
          return;
        }
        try {
          await opts.onEvent(v.event);
        } catch {
          res.writeHead(500).end();
          return;
        }
        seenSet.add(v.event.id);
        seen.push(v.event.id);
        res.writeHead(204).end();
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/webhooks`,
    port,
    seen,
    get duplicates() {
      return state.duplicates;
    },
    set duplicates(n: number) {
      state.duplicates = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
