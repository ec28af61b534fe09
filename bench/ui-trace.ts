/// <reference lib="dom" />
// Where the UI bench's time goes: marks from the hub (its outgoing socket.io packets), the core
// (src/main/core/perf-trace.ts) and the renderer (src/renderer/platform/perfTrace.ts), all on this
// machine's wall clock, turned into a per-segment breakdown (p50 / p95 of each hop) for each path.
import type { Page } from '@playwright/test';
import type { RunningHub } from '../src/hub/index';
import { perfTrace, ticketKeyOf, type PerfMark } from '../src/main/core/perf-trace';

export function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    n: s.length,
    p50: r(q(0.5)),
    p95: r(q(0.95)),
    max: r(s[s.length - 1] ?? NaN),
    mean: r(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

/** Turns on the core's marks and records when the hub puts each event on a workstation's socket. */
export function startTrace(hub: RunningHub): { marks: PerfMark[]; stop(): void } {
  perfTrace.enabled = true;
  perfTrace.drain();
  const marks: PerfMark[] = [];
  const hooked = new WeakSet<object>();
  const hook = () => {
    for (const socket of hub.io.sockets.sockets.values()) {
      if (hooked.has(socket)) continue;
      hooked.add(socket);
      socket.onAnyOutgoing((event: string, payload: unknown) => {
        const key = ticketKeyOf(payload);
        if (key) marks.push({ key, stage: `hub.emitted:${event}`, at: perfTrace.now() });
      });
    }
  };
  hook();
  const timer = setInterval(hook, 500); // a reconnected workstation is a new socket
  return {
    marks,
    stop() {
      clearInterval(timer);
      perfTrace.enabled = false;
    },
  };
}

/** Makes the page keep renderer marks (before the app loads). */
export const PAGE_TRACE_INIT = 'globalThis.__xePerf = [];';

export async function drainPage(page: Page): Promise<PerfMark[]> {
  const raw = await page.evaluate(() => {
    const g = globalThis as unknown as { __xePerf?: [string, string, number][] };
    return g.__xePerf ? g.__xePerf.splice(0) : [];
  });
  return raw.map(([key, stage, at]) => ({ key, stage, at }));
}

/** Clocks of two processes on one machine agree to well under a millisecond; allow a little. */
const CLOCK_SLACK_MS = 1;

export interface Segment {
  from: string;
  to: string;
  ms: ReturnType<typeof stats>;
}

/**
 * For each key, the first mark of each stage at or after the previous stage's; the time between
 * consecutive stages that are both present is one segment sample. Stages missing for a key (a path
 * that took a shortcut) are skipped, so the segments of one key still add up to its total.
 */
export function breakdown(marks: PerfMark[], path: readonly string[], keys?: readonly string[]): Segment[] {
  const byKey = new Map<string, PerfMark[]>();
  for (const m of marks) {
    if (keys && !keys.includes(m.key)) continue;
    const list = byKey.get(m.key) ?? [];
    list.push(m);
    byKey.set(m.key, list);
  }
  const samples = new Map<string, number[]>();
  for (const list of byKey.values()) {
    list.sort((a, b) => a.at - b.at);
    let prev: { stage: string; at: number } | null = null;
    for (const stage of path) {
      const hit = list.find((m) => m.stage === stage && (!prev || m.at >= prev.at - CLOCK_SLACK_MS));
      if (!hit) continue;
      if (prev) {
        const id = `${prev.stage} → ${stage}`;
        const xs = samples.get(id) ?? [];
        xs.push(Math.max(0, hit.at - prev.at));
        samples.set(id, xs);
      }
      prev = hit;
    }
  }
  const out: Segment[] = [];
  // In path order, including segments that skipped a stage.
  for (const [id, xs] of samples) {
    const [from, to] = id.split(' → ') as [string, string];
    out.push({ from, to, ms: stats(xs) });
  }
  out.sort((a, b) => path.indexOf(a.from) - path.indexOf(b.from) || path.indexOf(a.to) - path.indexOf(b.to));
  return out;
}

/** Time spent in each stage pair that brackets work (start → done), summed per key, e.g. embeddings. */
export function spans(marks: PerfMark[], start: string, done: string): ReturnType<typeof stats> {
  const open = new Map<string, number[]>();
  const totals = new Map<string, number>();
  for (const m of [...marks].sort((a, b) => a.at - b.at)) {
    if (m.stage === start) open.set(m.key, [...(open.get(m.key) ?? []), m.at]);
    else if (m.stage === done) {
      const started = open.get(m.key)?.shift();
      if (started !== undefined) totals.set(m.key, (totals.get(m.key) ?? 0) + m.at - started);
    }
  }
  return stats([...totals.values()]);
}

export function breakdownTable(title: string, segments: Segment[]): string {
  return [
    `| ${title} | n | p50 ms | p95 ms | max ms |`,
    '| --- | --- | --- | --- | --- |',
    ...segments.map((s) => `| ${s.from} → ${s.to} | ${s.ms.n} | ${s.ms.p50} | ${s.ms.p95} | ${s.ms.max} |`),
  ].join('\n');
}

// ── the three paths the UI bench measures, stage by stage ──────────────────────────────────────────
export const VISIBLE_PATH = [
  'hub.assigned', // the hub's assignedAt
  'hub.unit', // the assignment's serial unit done (before its commit)
  'hub.emitted:ticket:assigned', // committed, on the workstation's socket
  'core.received:ticket:assigned',
  'core.parsed:ticket:assigned',
  'core.stored:ticket:assigned', // the SQLite transaction committed
  'bridge.send:tickets.upserted', // then serialised and sent
  'ui.received:tickets.upserted',
  'ui.handled:tickets.upserted', // the queue slice updated
  'ui.dom', // the row in the DOM (React committed)
] as const;

export const OPEN_PATH = [
  'bench.click',
  'ui.open:fetched', // nothing held for it: the conversation waits for the core's answer
  'ui.call:tickets.get',
  'bridge.call:tickets.get',
  'bridge.handled:tickets.get', // then serialised and sent
  'ui.result:tickets.get',
  'ui.stored:open',
  'ui.dom:open',
  'ui.frame:open', // the first animation frame that has the messages
] as const;

export const SUGGESTION_PATH = [
  'bench.sent',
  'hub.emitted:ticket:message',
  'core.received:ticket:message',
  'core.stored:ticket:message',
  'bridge.send:tickets.message',
  'assist.requested',
  'assist.started:focus',
  'assist.kb.done',
  'assist.computed',
  'bridge.send:assist.suggestions',
  'ui.received:assist.suggestions',
  'ui.handled:assist.suggestions',
  'ui.dom:suggestions',
] as const;

/** An open shown from what the renderer held (conversation/held.ts), refreshed from the core after. */
export const OPEN_HELD_PATH = [
  'bench.click',
  'ui.open:held',
  'ui.stored:open',
  'ui.dom:open',
  'ui.frame:open',
] as const;

/**
 * Bridge calls the core handled while a ticket was opening (click → its first frame), by method:
 * what the open waited behind, and how long the core spent on each.
 */
export function callsDuringOpen(marks: PerfMark[], keys: readonly string[]) {
  const windows = keys.flatMap((key) => {
    const start = marks.find((m) => m.key === key && m.stage === 'bench.click')?.at;
    const end = marks.find((m) => m.key === key && m.stage === 'ui.frame:open')?.at;
    return start !== undefined && end !== undefined ? [{ start, end }] : [];
  });
  const began = new Map<string, number[]>();
  const handled = new Map<string, number[]>();
  for (const m of [...marks].sort((a, b) => a.at - b.at)) {
    const [kind, method] = m.stage.split(':') as [string, string | undefined];
    if (!method) continue;
    const id = `${m.key}|${method}`;
    if (kind === 'bridge.call') began.set(id, [...(began.get(id) ?? []), m.at]);
    else if (kind === 'bridge.handled') {
      const at = began.get(id)?.shift();
      if (at === undefined || !windows.some((w) => at < w.end && m.at > w.start)) continue;
      handled.set(method, [...(handled.get(method) ?? []), m.at - at]);
    }
  }
  return Object.fromEntries([...handled].map(([method, xs]) => [method, stats(xs)]));
}
