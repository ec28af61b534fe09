// The assist scheduler: nothing runs inside the event that asked for it, the ticket on screen goes
// first, background tickets wait for a pause in traffic, and repeated requests are coalesced.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssistScheduler } from '../../../src/main/core/assist/scheduler';

afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  const runs: [string, string][] = [];
  let release: (() => void) | null = null;
  const job = vi.fn(async (id: string, lane: 'focus' | 'background') => {
    runs.push([id, lane]);
    await new Promise<void>((r) => (release = r));
  });
  const finish = async () => {
    const r = release;
    release = null;
    r?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { runs, job, finish };
}

describe('AssistScheduler', () => {
  it('never runs work inside the request; the focused ticket runs on the next macrotask', async () => {
    vi.useFakeTimers();
    const { runs, job } = recorder();
    const s = new AssistScheduler(job, { quietMs: 250, maxWaitMs: 3000 });
    s.focus('t1');
    s.request('t1');
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([['t1', 'focus']]);
    s.stop();
  });

  it('holds background tickets during a burst and runs them after the pause, focus first', async () => {
    vi.useFakeTimers();
    const { runs, job, finish } = recorder();
    const s = new AssistScheduler(job, { quietMs: 250, maxWaitMs: 3000 });
    for (let i = 0; i < 10; i++) {
      s.request(`b${i}`);
      await vi.advanceTimersByTimeAsync(50); // 20 tickets a second
    }
    expect(runs).toEqual([]); // still a burst: no assist work yet
    s.focus('b7'); // the agent opens one of them
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([['b7', 'focus']]);
    await finish();
    await vi.advanceTimersByTimeAsync(250);
    expect(runs.at(-1)).toEqual(['b0', 'background']);
    s.stop();
  });

  it('a steady stream still gets background work done after the longest wait', async () => {
    vi.useFakeTimers();
    const { runs, job } = recorder();
    const s = new AssistScheduler(job, { quietMs: 250, maxWaitMs: 1000 });
    for (let i = 0; i < 30 && !runs.length; i++) {
      s.request(`b${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(runs[0]).toEqual(['b0', 'background']);
    s.stop();
  });

  it('a ticket asked for again while it runs is computed once more afterwards, not twice in parallel', async () => {
    vi.useFakeTimers();
    const { runs, job, finish } = recorder();
    const s = new AssistScheduler(job, { quietMs: 250, maxWaitMs: 3000 });
    s.focus('t1');
    s.request('t1');
    await vi.advanceTimersByTimeAsync(0);
    s.request('t1');
    s.request('t1');
    await vi.advanceTimersByTimeAsync(0);
    expect(job).toHaveBeenCalledTimes(1);
    await finish();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([
      ['t1', 'focus'],
      ['t1', 'focus'],
    ]);
    s.stop();
  });
});

describe('AssistScheduler lanes', () => {
  it('the ticket on screen does not wait for a background job to finish', async () => {
    vi.useFakeTimers();
    const { runs, job } = recorder();
    const s = new AssistScheduler(job, { quietMs: 250, maxWaitMs: 3000 });
    s.request('b1');
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toEqual([['b1', 'background']]);
    s.focus('f1');
    s.request('f1');
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([
      ['b1', 'background'],
      ['f1', 'focus'],
    ]);
    s.stop();
  });

  it("the agent's own calls hold background work like ticket traffic does, up to the longest wait", async () => {
    vi.useFakeTimers();
    const { runs, job } = recorder();
    const s = new AssistScheduler(job, { quietMs: 250, maxWaitMs: 2000 });
    s.request('b1');
    for (let i = 0; i < 9; i++) {
      await vi.advanceTimersByTimeAsync(200);
      s.noteActivity(); // opening tickets, typing a reply
    }
    expect(runs).toEqual([]); // 1.8 s of calls, never a 250 ms pause
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toEqual([['b1', 'background']]); // 2 s after it was asked for, busy or not
    s.stop();
  });

  it('no background job starts while the focused ticket computes', async () => {
    vi.useFakeTimers();
    const { runs, job, finish } = recorder();
    const s = new AssistScheduler(job, { quietMs: 250, maxWaitMs: 3000 });
    s.focus('f1');
    s.request('f1');
    s.request('b1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual([['f1', 'focus']]);
    await finish();
    await vi.advanceTimersByTimeAsync(300);
    expect(runs.at(-1)).toEqual(['b1', 'background']);
    s.stop();
  });
});
