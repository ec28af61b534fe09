// Timestamps along the path from the hub to the screen (hub event received → parsed → stored → sent
// over the bridge; assist requested → started → knowledge → ranked → sent), so `npm run bench -- ui`
// can say where the time goes instead of one end-to-end figure. Off by default: a mark is then one
// boolean test. Turned on by the bench (in process) or XIAOER_PERF_TRACE=1; the renderer keeps its
// own marks (renderer/platform/perfTrace.ts) on the same wall clock.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface PerfMark {
  /** What the mark is about: a ticket id (or an API method for calls about no ticket). */
  key: string;
  stage: string;
  /** Wall-clock ms with sub-ms precision (comparable with the renderer's and the hub's Date.now()). */
  at: number;
}

/** A bench run marks a few thousand stages; a forgotten trace must not grow without bound. */
const MAX_MARKS = 200_000;

class PerfTrace {
  enabled = process.env['XIAOER_PERF_TRACE'] === '1';
  private marks: PerfMark[] = [];
  /** The key of the work in progress, for marks made deep inside it (an embedding, a search). */
  private readonly context = new AsyncLocalStorage<string>();

  now(): number {
    return performance.timeOrigin + performance.now();
  }

  mark(key: string | null | undefined, stage: string, at?: number): void {
    if (!this.enabled || !key) return;
    if (this.marks.length >= MAX_MARKS) this.marks.splice(0, MAX_MARKS / 2);
    this.marks.push({ key, stage, at: at ?? this.now() });
  }

  /** Runs `fn` with `key` as the key of marks made inside it ({@link markHere}), across awaits. */
  within<T>(key: string, fn: () => T): T {
    return this.enabled ? this.context.run(key, fn) : fn();
  }

  /** A mark keyed by the enclosing {@link within}; none outside one. */
  markHere(stage: string): void {
    if (this.enabled) this.mark(this.context.getStore(), stage);
  }

  /** Returns the marks so far and forgets them. */
  drain(): PerfMark[] {
    const out = this.marks;
    this.marks = [];
    return out;
  }
}

export const perfTrace = new PerfTrace();

/** The ticket a hub event or an API payload is about, for keying its marks. */
export function ticketKeyOf(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as { ticketId?: unknown; ticket?: { id?: unknown }; id?: unknown };
  if (typeof p.ticketId === 'string') return p.ticketId;
  if (p.ticket && typeof p.ticket.id === 'string') return p.ticket.id;
  return typeof p.id === 'string' ? p.id : null;
}
