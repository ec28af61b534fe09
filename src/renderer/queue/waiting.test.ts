import { describe, expect, it } from 'vitest';
import { summary } from '../testing/fixtures';
import { dueReminders, REMIND_AFTER_MS, REMIND_EVERY_MS, waitLevel, WAIT_WARN_MS } from './waiting';

describe('waiting customers', () => {
  it('grades the wait for the queue row', () => {
    expect(waitLevel(null, 10_000)).toBe('none');
    expect(waitLevel(0, WAIT_WARN_MS - 1)).toBe('ok');
    expect(waitLevel(0, WAIT_WARN_MS)).toBe('warn');
    expect(waitLevel(0, REMIND_AFTER_MS)).toBe('late');
  });

  it('reminds once past the threshold, repeats while they still wait, and forgets answered ones', () => {
    const last = new Map<string, number>();
    const a = summary({ id: 'a', waitingSince: 0 });
    const b = summary({ id: 'b', waitingSince: 30_000 });
    const answered = summary({ id: 'c', waitingSince: null });
    let now = REMIND_AFTER_MS - 1;
    expect(dueReminders([a, b, answered], now, last)).toEqual([]);
    now = REMIND_AFTER_MS + 30_000;
    expect(dueReminders([b, a, answered], now, last).map((t) => t.id)).toEqual(['a', 'b']); // longest wait first
    expect(dueReminders([a, b], now + 5_000, last)).toEqual([]); // not again right away
    now += REMIND_EVERY_MS;
    expect(dueReminders([a, b], now, last).map((t) => t.id)).toEqual(['a', 'b']);
    // b gets an answer, then writes again: a fresh wait, reminded only after the threshold again
    expect(dueReminders([a, { ...b, waitingSince: null }], now + 1_000, last)).toEqual([]);
    expect(last.has('b')).toBe(false);
    const bAgain = { ...b, waitingSince: now + 2_000 };
    expect(dueReminders([bAgain], now + 2_000 + REMIND_AFTER_MS, last).map((t) => t.id)).toEqual(['b']);
  });
});
