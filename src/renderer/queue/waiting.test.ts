import { describe, expect, it } from 'vitest';
import { summary } from '../testing/fixtures';
import {
  dueReminders,
  REMIND_AFTER_MS,
  REMIND_EVERY_MS,
  REMIND_MIN_GAP_MS,
  waitLevel,
  WAIT_WARN_MS,
  type ReminderState,
} from './waiting';

describe('waiting customers', () => {
  it('grades the wait for the queue row', () => {
    expect(waitLevel(null, 10_000)).toBe('none');
    expect(waitLevel(0, WAIT_WARN_MS - 1)).toBe('ok');
    expect(waitLevel(0, WAIT_WARN_MS)).toBe('warn');
    expect(waitLevel(0, REMIND_AFTER_MS)).toBe('late');
  });

  it('reminds once past the threshold, repeats while they still wait, and forgets answered ones', () => {
    const state: ReminderState = { lastReminded: new Map(), lastFiredAt: null };
    const last = state.lastReminded;
    const a = summary({ id: 'a', waitingSince: 0 });
    const b = summary({ id: 'b', waitingSince: 30_000 });
    const answered = summary({ id: 'c', waitingSince: null });
    let now = REMIND_AFTER_MS - 1;
    expect(dueReminders([a, b, answered], now, state)).toEqual([]);
    now = REMIND_AFTER_MS + 30_000;
    expect(dueReminders([b, a, answered], now, state).map((t) => t.id)).toEqual(['a', 'b']); // longest wait first
    expect(dueReminders([a, b], now + 5_000, state)).toEqual([]); // not again right away
    now += REMIND_EVERY_MS;
    expect(dueReminders([a, b], now, state).map((t) => t.id)).toEqual(['a', 'b']);
    // b gets an answer, then writes again: a fresh wait, reminded only after the threshold again
    expect(dueReminders([a, { ...b, waitingSince: null }], now + 1_000, state)).toEqual([]);
    expect(last.has('b')).toBe(false);
    const bAgain = { ...b, waitingSince: now + 2_000 };
    expect(dueReminders([bAgain], now + 2_000 + REMIND_AFTER_MS, state).map((t) => t.id)).toEqual(['b']);
  });

  it('fires at most once per gap however many customers cross the line, naming the late ones next time', () => {
    const state: ReminderState = { lastReminded: new Map(), lastFiredAt: null };
    const a = summary({ id: 'a', waitingSince: 0 });
    const b = summary({ id: 'b', waitingSince: 10_000 });
    expect(dueReminders([a], REMIND_AFTER_MS, state).map((t) => t.id)).toEqual(['a']);
    // b crosses the line 10 s later: within the gap, so it waits for the next reminder
    expect(dueReminders([a, b], REMIND_AFTER_MS + 10_000, state)).toEqual([]);
    expect(dueReminders([a, b], REMIND_AFTER_MS + REMIND_MIN_GAP_MS, state).map((t) => t.id)).toEqual(['b']);
  });
});
