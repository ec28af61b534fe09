// What ran, and when, while one traced path was in flight: puts the samples of a CPU profile written
// by `XIAOER_UI_PROFILE=PREFIX npx tsx bench/ui.ts` on the wall clock of the perf marks (through the
// marked spin each profile starts with) and, for each key's path (e.g. one ticket's open: bench.click →
// ui.frame:open), prints the marks in order and what the profiled thread did between each two.
//
// `npx tsx bench/profile-timeline.ts PREFIX-open [renderer|core] [FROM] [TO] [keys]`
// (FROM/TO default to the open path's ends; keys: how many keys to print, default all).
// Names are readable with an unminified renderer build: `npx vite build --config
// vite.renderer.config.ts --minify false` (then rebuild normally before committing or testing).
import { readFileSync } from 'node:fs';
import type { PerfMark } from '../src/main/core/perf-trace';
import { readCpuProfile, type ProfileNode as Node } from './cpu-profile';

const [prefix, which = 'renderer', from = 'bench.click', to = 'ui.frame:open', keysArg] =
  process.argv.slice(2);
if (!prefix) throw new Error('usage: profile-timeline.ts PREFIX-PHASE [renderer|core] [FROM] [TO] [keys]');
const phase = prefix.slice(prefix.lastIndexOf('-') + 1);
const base = prefix.slice(0, prefix.lastIndexOf('-'));
const file = which === 'core' ? `${base}-core-${phase}.cpuprofile` : `${prefix}.cpuprofile`;
const { profile, stack } = readCpuProfile(file);
const { align, marks } = JSON.parse(readFileSync(`${prefix}.marks.json`, 'utf8')) as {
  align: { fn: string; page: number; core: number };
  marks: PerfMark[];
};

// Sample times (µs on the profiler's clock) → wall-clock ms via the first sample inside the spin.
const times: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) times.push((t += d));
const firstAlign = profile.samples.findIndex((id) =>
  stack(id).some((n) => n.callFrame.functionName === align.fn),
);
if (firstAlign < 0) throw new Error(`no sample inside ${align.fn}: cannot align this profile`);
const alignWall = which === 'core' ? align.core : align.page;
const wallOf = (i: number) => alignWall + (times[i]! - times[firstAlign]!) / 1000;

const label = (n: Node) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
};
const NATIVE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** Self time by leaf, and total time by the app's named functions (components, handlers). */
function summarise(startMs: number, endMs: number): string {
  let idle = 0;
  let busy = 0;
  const entries = new Map<string, number>();
  const named = new Map<string, number>();
  const components = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const at = wallOf(i);
    if (at < startMs || at >= endMs) return;
    const dt = (profile.timeDeltas[i + 1] ?? 250) / 1000;
    const s = stack(id);
    const leaf = s[0]!.callFrame.functionName;
    if (leaf === '(idle)') {
      idle += dt;
      return;
    }
    busy += dt;
    // The task's entry: the frame just under (root).
    const entry = s.length >= 2 ? label(s[s.length - 2]!) : label(s[0]!);
    entries.set(entry, (entries.get(entry) ?? 0) + dt);
    const seen = new Set<string>();
    for (const n of s) {
      const name = n.callFrame.functionName;
      // Components and our own handlers start with a capital or are methods we named; keep the
      // readable ones (unminified build) and skip React's own loop functions.
      if (!name || NATIVE.has(name) || name.length < 3 || seen.has(name)) continue;
      seen.add(name);
      named.set(name, (named.get(name) ?? 0) + dt);
      // React components (and classes) are capitalised: what rendered, by its own name.
      if (/^[A-Z][A-Za-z0-9]+$/.test(name)) components.set(name, (components.get(name) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([n, ms]) => `${n} ${ms.toFixed(1)}`)
      .join(' · ');
  return `busy ${busy.toFixed(1)} ms, idle ${idle.toFixed(1)} ms\n      tasks: ${top(entries, 5)}\n      in: ${top(named, 14)}\n      components: ${top(components, 12)}`;
}

const keys = [...new Set(marks.filter((m) => m.stage === from).map((m) => m.key))];
for (const key of keys.slice(0, keysArg ? Number(keysArg) : keys.length)) {
  const start = marks.find((m) => m.key === key && m.stage === from)!.at;
  const end = marks.find((m) => m.key === key && m.stage === to && m.at >= start)?.at;
  if (end === undefined) continue;
  console.log(`\n${key}: ${from} → ${to} ${(end - start).toFixed(1)} ms`);
  const inside = marks.filter((m) => m.at >= start && m.at <= end).sort((a, b) => a.at - b.at);
  let prev = start;
  for (const m of inside) {
    if (m.at - prev > 2) console.log(`    ${summarise(prev, m.at)}`);
    console.log(
      `  +${(m.at - start).toFixed(1).padStart(6)} ${m.key === key ? '' : `[${m.key}] `}${m.stage}`,
    );
    prev = m.at;
  }
}
