// The buffers of a unit of work (unit.ts): a frame per nesting level, merged into its parent when the
// inner unit succeeds and dropped when it fails.
import type { StoredEvent } from '../types';

export type Op = string[];

export interface Frame {
  ops: Op[];
  checks: Op[];
  loads: Array<[string, number]>;
  events: StoredEvent[];
  /** key → field → value (null = deleted) */
  hashes: Map<string, Map<string, string | null>>;
  /** key → member → present? */
  sets: Map<string, Map<string, boolean>>;
  /** key → appended values */
  lists: Map<string, string[]>;
}

export interface Unit {
  frames: Frame[];
  /** ticket hash key → the version read first in this unit ('new' = inserted here) */
  versions: Map<string, string>;
  /** ticket hash keys this unit writes (their version is checked and bumped at commit) */
  written: Set<string>;
  /** ticket hash keys whose version this unit relies on without writing them (checked, not bumped) */
  watched: Set<string>;
  /** Committed or failed. Timers and promises started inside a unit inherit its async context; once the
   * unit is over they must not write into it, so they see no unit and start their own. */
  over: boolean;
}

export const newFrame = (): Frame => ({
  ops: [],
  checks: [],
  loads: [],
  events: [],
  hashes: new Map(),
  sets: new Map(),
  lists: new Map(),
});

export function mergeInto(parent: Frame, child: Frame): void {
  parent.ops.push(...child.ops);
  parent.checks.push(...child.checks);
  parent.loads.push(...child.loads);
  parent.events.push(...child.events);
  for (const [k, h] of child.hashes) {
    const p = parent.hashes.get(k);
    if (!p) parent.hashes.set(k, h);
    else for (const [f, v] of h) p.set(f, v);
  }
  for (const [k, s] of child.sets) {
    const p = parent.sets.get(k);
    if (!p) parent.sets.set(k, s);
    else for (const [m, v] of s) p.set(m, v);
  }
  for (const [k, l] of child.lists) {
    const p = parent.lists.get(k);
    if (!p) parent.lists.set(k, l);
    else p.push(...l);
  }
}
