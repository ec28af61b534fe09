// When suggestion work runs, relative to what the agent sees. The screen comes first: a new ticket's
// queue row and an opened conversation are sent to the renderer before any embedding, search or
// ranking for them starts, because work is only ever started from a fresh macrotask (setImmediate /
// a timer), never inside the event that brought the ticket. Two lanes, one job each at a time:
//  - focus: the ticket the agent is looking at, started as soon as it is asked for, even while a
//    background job runs (the embedding worker serves its texts first, see knowledge/embedder.ts);
//  - background: other tickets, only while no focus job runs and once both ticket traffic and the
//    agent's own calls (opening, replying: noteActivity) pause for QUIET_MS — a burst of 20
//    assignments a second, or an agent clicking through the queue, does no assist work until it
//    settles — and at the latest MAX_WAIT_MS after they were asked for.
// A ticket asked for again while queued or running is computed once more afterwards, not twice.

export const QUIET_MS = 250;
export const MAX_WAIT_MS = 3000;

export type AssistLane = 'focus' | 'background';
export type AssistJob = (ticketId: string, lane: AssistLane) => Promise<void>;

export class AssistScheduler {
  private focused: string | null = null;
  private readonly pending = new Map<string, number>(); // ticketId → first asked at
  private readonly running: Record<AssistLane, string | null> = { focus: null, background: null };
  /** Tickets asked for again while running: computed once more when their job ends. */
  private readonly rerun = new Set<string>();
  private lastTraffic = -Infinity;
  private lastActivity = -Infinity;
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
    if (this.running.focus === ticketId || this.running.background === ticketId) {
      this.rerun.add(ticketId);
      return;
    }
    this.lastTraffic = this.now();
    if (!this.pending.has(ticketId)) this.pending.set(ticketId, this.lastTraffic);
    this.quietAgain();
    this.kick();
  }

  /** The agent is working (a call from a window): background work waits for a pause. */
  noteActivity(): void {
    this.lastActivity = this.now();
    if (this.pending.size) this.quietAgain();
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
    this.rerun.clear();
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = null;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** New traffic restarts the quiet period of background work (decided again on the next pump). */
  private quietAgain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.kick();
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
    if (this.stopped || !this.pending.size) return;
    const focused = this.focused;
    if (focused && this.pending.has(focused) && !this.running.focus && this.running.background !== focused) {
      void this.run(focused, 'focus');
    }
    if (this.running.background || this.running.focus || this.timer) return;
    const candidates = [...this.pending].filter(([id]) => id !== this.focused);
    if (!candidates.length) return;
    const oldest = Math.min(...candidates.map(([, at]) => at));
    const quietMs = this.options.quietMs ?? QUIET_MS;
    const maxWait = this.options.maxWaitMs ?? MAX_WAIT_MS;
    const now = this.now();
    const lastBusy = Math.max(this.lastTraffic, this.lastActivity);
    const wait = Math.max(0, Math.min(lastBusy + quietMs - now, oldest + maxWait - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopped || this.running.background || this.running.focus) return this.kick();
      const next = [...this.pending.keys()].find((id) => id !== this.focused);
      if (next) void this.run(next, 'background');
    }, wait);
    this.timer.unref?.();
  }

  private async run(ticketId: string, lane: AssistLane): Promise<void> {
    this.pending.delete(ticketId);
    this.running[lane] = ticketId;
    try {
      await this.job(ticketId, lane);
    } finally {
      this.running[lane] = null;
      if (this.rerun.delete(ticketId) && !this.stopped) this.pending.set(ticketId, this.now());
      // The next job starts from a fresh macrotask, after whatever I/O arrived meanwhile.
      this.kick();
    }
  }
}
