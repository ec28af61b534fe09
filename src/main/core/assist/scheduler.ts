// When suggestion work runs, relative to what the agent sees. The screen comes first: a new ticket's
// queue row and an opened conversation are sent to the renderer before any embedding, search or
// ranking for them starts, because work is only ever started from a fresh macrotask (setImmediate /
// a timer), never inside the event that brought the ticket. Then, one ticket at a time:
//  - the ticket the agent is looking at (focus) first, as soon as the current job ends;
//  - other tickets only once ticket traffic pauses for QUIET_MS (a burst of 20 assignments a second
//    does no assist work until it settles), and at the latest MAX_WAIT_MS after they were asked for;
//    they run in the background lane of the embedding worker, behind the focused ticket's texts.
// A ticket asked for again while queued or running is computed once more afterwards, not twice.

export const QUIET_MS = 250;
export const MAX_WAIT_MS = 3000;

export type AssistJob = (ticketId: string, lane: 'focus' | 'background') => Promise<void>;

export class AssistScheduler {
  private focused: string | null = null;
  private readonly pending = new Map<string, number>(); // ticketId → first asked at
  private running: string | null = null;
  private rerun = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private stopped = false;

  constructor(
    private readonly job: AssistJob,
    private readonly options: { quietMs?: number; maxWaitMs?: number; now?: () => number } = {},
  ) {}

  /** The ticket on screen (null: none). Its pending work moves to the front. */
  focus(ticketId: string | null): void {
    this.focused = ticketId;
    if (ticketId && this.pending.has(ticketId)) this.kick();
  }

  get focusedTicket(): string | null {
    return this.focused;
  }

  /** Suggestions for this ticket are stale (a customer wrote, the ticket changed). */
  request(ticketId: string): void {
    if (this.stopped) return;
    if (this.running === ticketId) {
      this.rerun = true;
      return;
    }
    if (!this.pending.has(ticketId)) this.pending.set(ticketId, this.now());
    // New traffic restarts the quiet period of background work.
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = null;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Decides on a fresh macrotask, never inside the caller's event. */
  private kick(): void {
    if (this.immediate || this.stopped) return;
    this.immediate = setImmediate(() => {
      this.immediate = null;
      this.pump();
    });
  }

  private pump(): void {
    if (this.stopped || this.running || !this.pending.size) return;
    if (this.focused && this.pending.has(this.focused)) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.runNext();
      return;
    }
    if (this.timer) return;
    const oldest = Math.min(...this.pending.values());
    const maxWait = this.options.maxWaitMs ?? MAX_WAIT_MS;
    const wait = Math.max(0, Math.min(this.options.quietMs ?? QUIET_MS, oldest + maxWait - this.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNext();
    }, wait);
    this.timer.unref?.();
  }

  private async runNext(): Promise<void> {
    if (this.stopped || this.running) return;
    const focused = this.focused && this.pending.has(this.focused) ? this.focused : null;
    const ticketId = focused ?? this.pending.keys().next().value;
    if (!ticketId) return;
    this.pending.delete(ticketId);
    this.running = ticketId;
    this.rerun = false;
    try {
      await this.job(ticketId, focused ? 'focus' : 'background');
    } finally {
      this.running = null;
      if (this.rerun && !this.stopped) this.pending.set(ticketId, this.now());
      this.rerun = false;
      // The next job starts from a fresh macrotask, after whatever I/O arrived meanwhile.
      this.kick();
    }
  }
}
