// Delivers the outbox in order, one item at a time, with acknowledgements, exponential backoff with
// jitter on transient failures, and a clear split between "try again later" and "the hub refused".
import type { ErrorCode, Result } from '../../../shared/result';
import type { Outbox, OutboxItem } from './outbox';

/**
 * Failures that say nothing about the item itself: the link, the hub's health, our session, or the
 * hub asking us to slow down (RATE_LIMITED, whose retryAfterMs is then the least we wait).
 */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNAVAILABLE',
  'INTERNAL',
  'UNAUTHORIZED',
  'RATE_LIMITED',
]);

export interface OutboxSenderDeps {
  outbox: Outbox;
  send: (item: OutboxItem) => Promise<Result<unknown>>;
  isOnline: () => boolean;
  /** Reconciles local state with the hub's answer, e.g. the stored reply gets the hub's message. */
  onDelivered?: (item: OutboxItem, data: unknown) => void;
  onRejected?: (item: OutboxItem, message: string) => void;
  onChange?: () => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

export function backoffDelay(attempts: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempts, 20));
  // "Equal jitter": never less than half the step, so a crowd of clients spreads out but still backs off.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class OutboxSender {
  private draining = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: OutboxSenderDeps) {}

  /** Starts delivering if there is something to deliver; safe to call often. */
  kick(): void {
    if (this.draining || this.stopped) return;
    void this.drain();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (;;) {
        if (this.stopped || !this.deps.isOnline()) return;
        const item = this.deps.outbox.head();
        if (!item) return;
        const wait = item.nextAttemptAt - Date.now();
        if (wait > 0) {
          this.wakeIn(wait);
          return;
        }
        const result = await this.deps.send(item);
        if (result.ok) {
          this.deps.outbox.remove(item.id);
          this.deps.onDelivered?.(item, result.data);
        } else if (TRANSIENT.has(result.error.code)) {
          const random = this.deps.random ?? Math.random;
          const hubWait = result.error.code === 'RATE_LIMITED' ? result.error.retryAfterMs : undefined;
          // The hub said how long: wait that (plus a little jitter), not an ever-growing backoff.
          const delay =
            hubWait !== undefined
              ? Math.round(hubWait * (1 + random() * 0.2))
              : backoffDelay(
                  item.attempts,
                  this.deps.baseDelayMs ?? 500,
                  this.deps.maxDelayMs ?? 30_000,
                  random,
                );
          this.deps.outbox.scheduleRetry(item.id, Date.now() + delay, result.error.message);
          this.deps.onChange?.();
          this.wakeIn(delay);
          return;
        } else {
          this.deps.outbox.reject(item.id, `${result.error.code}: ${result.error.message}`);
          this.deps.onRejected?.(item, result.error.message);
        }
        this.deps.onChange?.();
      }
    } finally {
      this.draining = false;
    }
  }

  private wakeIn(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, ms);
    this.timer.unref?.();
  }
}
