// Delivers the webhook outbox. For each (endpoint, conversation) only the oldest pending event is sent,
// so a conversation's events arrive in seq order; different conversations go out in parallel. 2xx
// acknowledges; 410 disables the endpoint; anything else (3xx included, timeouts, refused connections) is
// retried on a schedule with jitter. Nothing is dropped: a disabled or exhausted endpoint keeps its
// queue, and GET /v1/conversations/{id}/events replays from the outbox at any time.
//
// Several nodes on Redis: only the node holding the cluster's timer lease sends (`isActive`), so a
// delivery is not sent by two nodes at once. The others' commits reach it by its idle check (≤ 1 s).
import type { Logger } from 'pino';
import type { HubCore } from '../core';
import type { DueDelivery, IntegrationStore } from '../store/integration-types';
import { webhookHeaders } from './signing';

export interface WebhookDispatchOptions {
  /**
   * Wait before each retry after a failed attempt, ms. Default (Standard Webhooks' example): 5 s, 5 min,
   * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h — about three days. After the last the endpoint is disabled.
   */
  retryScheduleMs?: number[];
  /** ± this fraction of each wait is random, so retries from many hubs do not arrive together (0.2). */
  jitter?: number;
  /** Per-attempt timeout, ms (15 000). */
  timeoutMs?: number;
  /** Attempts in flight at once, across conversations (16). */
  concurrency?: number;
  /** Longest sleep between checks when nothing is due, ms (1000). */
  idleCheckMs?: number;
}

export const DEFAULT_RETRY_SCHEDULE_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  10 * 3600_000,
  14 * 3600_000,
  20 * 3600_000,
  24 * 3600_000,
];

export class WebhookDispatcher {
  private readonly opts: Required<WebhookDispatchOptions>;
  private readonly inFlight = new Set<string>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pumping = false;
  private again = false;
  private readonly onOutbox = () => this.wake();
  readonly stats = { delivered: 0, failedAttempts: 0 };

  constructor(
    private readonly core: HubCore,
    private readonly store: IntegrationStore,
    private readonly log: Logger,
    options: WebhookDispatchOptions = {},
    /** false on a node that must not send now (not the lease holder); checked before every pass. */
    private readonly isActive: () => boolean = () => true,
  ) {
    this.opts = {
      retryScheduleMs: options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS,
      jitter: options.jitter ?? 0.2,
      timeoutMs: options.timeoutMs ?? 15_000,
      concurrency: options.concurrency ?? 16,
      idleCheckMs: options.idleCheckMs ?? 1000,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.core.on('outbox', this.onOutbox);
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.core.off('outbox', this.onOutbox);
    if (this.timer) clearTimeout(this.timer);
    const until = Date.now() + this.opts.timeoutMs;
    while (this.inFlight.size && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }

  /** Looks for due deliveries now (after a commit, or when an attempt finished). */
  wake(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.pump().catch((err: unknown) => {
      this.log.error({ err }, 'webhook dispatch failed');
      this.sleep(this.opts.idleCheckMs);
    });
  }

  private sleep(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(0, ms));
    this.timer.unref();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      if (!this.isActive()) {
        this.sleep(this.opts.idleCheckMs);
        return;
      }
      do {
        this.again = false;
        const free = this.opts.concurrency - this.inFlight.size;
        if (free <= 0) return;
        // Read through the serial queue: never see rows of a unit that has not committed yet.
        const due = await this.core.serial(() =>
          this.store.dueDeliveries(Date.now(), free + this.inFlight.size),
        );
        let started = 0;
        for (const d of due) {
          const lane = `${d.endpointId}|${d.conversationId}`;
          if (this.inFlight.has(lane) || started >= free) continue;
          this.inFlight.add(lane);
          started++;
          // An attempt whose store reads or result unit fail (Redis away) leaves the delivery due: it
          // is tried again on a later pass. Its rejection must end here — unhandled, it ended the process.
          void this.attempt(d)
            .catch((err: unknown) => this.log.warn({ err, lane }, 'webhook attempt not recorded; will retry'))
            .finally(() => {
              this.inFlight.delete(lane);
              this.wake();
            });
        }
      } while (this.again && this.running);
      if (this.inFlight.size === 0) {
        const next = await this.core.serial(() => this.store.nextDeliveryAt());
        this.sleep(
          next === null ? this.opts.idleCheckMs : Math.min(this.opts.idleCheckMs, next - Date.now()),
        );
      }
    } finally {
      this.pumping = false;
      if (this.again) this.wake();
    }
  }

  private async attempt(d: DueDelivery): Promise<void> {
    const loaded = await this.core.serial(async () => ({
      endpoint: await this.store.getEndpoint(d.endpointId),
      row: await this.store.getOutbox(d.conversationId, d.seq),
    }));
    const { endpoint, row } = loaded;
    // the lease may have moved since the due list was read
    if (!endpoint || !row || endpoint.disabledAt !== null || !this.isActive()) return;
    const body = JSON.stringify(row.event);
    const now = Date.now();
    let status = 0;
    let error = '';
    let retryAfterMs = 0;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: webhookHeaders(endpoint.secrets, row.event.id, Math.floor(now / 1000), body, now),
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      status = res.status;
      const ra = Number(res.headers.get('retry-after'));
      if (Number.isFinite(ra) && ra > 0) retryAfterMs = ra * 1000;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      error =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    }
    await this.core.serial(async () => {
      if (!error) {
        await this.store.deliveryDone(d.endpointId, d.conversationId, d.seq);
        if (d.attempts > 0) await this.store.deliveryResumeEndpoint(d.endpointId, Date.now());
        return;
      }
      if (status === 410) {
        await this.store.updateEndpoint(d.endpointId, {
          disabledAt: Date.now(),
          disabledReason: 'the receiver answered 410 Gone',
        });
        return;
      }
      const attempts = d.attempts + 1;
      const schedule = this.opts.retryScheduleMs;
      if (attempts > schedule.length) {
        await this.store.updateEndpoint(d.endpointId, {
          disabledAt: Date.now(),
          disabledReason: `gave up after ${attempts} attempts (${error}); its queue is kept`,
        });
        return;
      }
      const base = Math.max(schedule[attempts - 1]!, retryAfterMs);
      const wait = base * (1 + this.opts.jitter * (Math.random() * 2 - 1));
      await this.store.deliveryRetry(
        d.endpointId,
        d.conversationId,
        d.seq,
        attempts,
        Date.now() + wait,
        error,
      );
    });
    if (error) {
      this.stats.failedAttempts++;
      this.log.debug({ endpoint: endpoint.url, seq: d.seq, error }, 'webhook attempt failed');
    } else this.stats.delivered++;
  }
}
