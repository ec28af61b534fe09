// The renderer's half of the perf trace (core: main/core/perf-trace.ts): marks on the same wall clock
// along the path bridge frame received → handled by the slices → (the bench's MutationObserver) DOM.
// Off unless the page defines `__xePerf` (the UI bench does, before the app loads).

type Mark = [key: string, stage: string, at: number];

declare global {
  var __xePerf: Mark[] | undefined;
}

export function perfEnabled(): boolean {
  return Array.isArray(globalThis.__xePerf);
}

export function perfNow(): number {
  return performance.timeOrigin + performance.now();
}

export function perfMark(key: string | null | undefined, stage: string, at?: number): void {
  const marks = globalThis.__xePerf;
  if (!marks || !key) return;
  marks.push([key, stage, at ?? perfNow()]);
}

/** The ticket an event or a call is about (`ticketId`, a summary's `id`). */
export function ticketKeyOf(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as { ticketId?: unknown; id?: unknown };
  if (typeof p.ticketId === 'string') return p.ticketId;
  return typeof p.id === 'string' ? p.id : null;
}
