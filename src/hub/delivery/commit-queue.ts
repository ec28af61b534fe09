// Serial execution with group commit: every hub state change runs through one queue, one at a time,
// inside store.atomically, and the events it produced are emitted only after the commit, so a client
// never sees an event whose state change was rolled back.
import type { HubStore } from '../store/types';

interface QueuedUnit {
  fn: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type UnitResult = { ok: true; value: unknown; after: Array<() => void> } | { ok: false; err: unknown };

export class CommitQueue {
  /** Emits to run after the current unit commits, in order. */
  private pending: Array<() => void> = [];
  private queue: QueuedUnit[] = [];
  private draining = false;

  constructor(
    private readonly store: HubStore,
    /** Called after a rollback so in-memory mirrors of the store match it again. */
    private readonly onRollback: () => Promise<void>,
  ) {}

  /** Queues f to run after the current unit commits. */
  afterCommit(f: () => void): void {
    this.pending.push(f);
  }

  /**
   * Runs fn atomically, after every earlier state change; its events are emitted only after the commit.
   * Group commit: state changes queued meanwhile run back to back in one store transaction, each in its
   * own nested atomic unit (a failure rolls back only that one), then all their events go out in order.
   */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn: fn as () => Promise<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 256);
        const results: UnitResult[] = [];
        try {
          await this.store.atomically(async () => {
            for (const item of batch) {
              this.pending = [];
              try {
                const value = await this.store.atomically(item.fn);
                results.push({ ok: true, value, after: this.pending });
              } catch (err) {
                results.push({ ok: false, err });
                await this.onRollback().catch(() => undefined);
              }
            }
          });
        } catch (err) {
          // the commit itself failed: nothing of this batch happened
          this.pending = [];
          await this.onRollback().catch(() => undefined);
          for (const item of batch) item.reject(err);
          continue;
        }
        this.pending = [];
        batch.forEach((item, i) => {
          const r = results[i]!;
          if (r.ok) {
            for (const f of r.after) f();
            item.resolve(r.value);
          } else item.reject(r.err);
        });
      }
    } finally {
      this.draining = false;
    }
  }
}
