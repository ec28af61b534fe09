// The login limiter: growing delays per (user, address), a high per-user ceiling that known addresses
// pass, a per-address ceiling, and no size cap that could flush an active lock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoginLimiter } from '../../../src/hub/auth/login-limiter';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LoginLimiter', () => {
  const limits = {
    freePerPair: 3,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    perUser: 10,
    perAddress: 20,
    windowMs: 60_000,
  };

  it('makes one (user, address) wait longer with each failure past the free ones; others are untouched', async () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 3; i++) {
      expect(await l.retryAfterMs('Agent1', '10.0.0.1')).toBeNull();
      await l.failed('Agent1', '10.0.0.1');
    }
    expect(await l.retryAfterMs('agent1', '10.0.0.1')).toBeNull();
    await l.failed('agent1', '10.0.0.1'); // 4th: 1 s
    expect(await l.retryAfterMs('agent1', '10.0.0.1')).toBe(1000);
    expect(await l.retryAfterMs('agent1', '10.0.0.2')).toBeNull(); // the owner elsewhere
    vi.advanceTimersByTime(1000);
    await l.failed('agent1', '10.0.0.1'); // 5th: 2 s
    expect(await l.retryAfterMs('agent1', '10.0.0.1')).toBe(2000);
    vi.advanceTimersByTime(2000);
    await l.failed('agent1', '10.0.0.1'); // 6th: 4 s
    expect(await l.retryAfterMs('agent1', '10.0.0.1')).toBe(4000);
    vi.advanceTimersByTime(4000);
    await l.succeeded('agent1', '10.0.0.1');
    await l.failed('agent1', '10.0.0.1');
    expect(await l.retryAfterMs('agent1', '10.0.0.1')).toBeNull(); // a success starts the pair afresh
  });

  it('slows a guess spread over many addresses, but not the owner at an address they logged in from', async () => {
    const l = new LoginLimiter(limits);
    await l.succeeded('agent1', '10.0.0.1');
    for (let i = 0; i < 10; i++) await l.failed('agent1', `10.9.0.${i}`);
    expect(await l.retryAfterMs('agent1', '10.9.0.200')).toBe(60_000);
    expect(await l.retryAfterMs('agent1', '10.0.0.1')).toBeNull();
  });

  it('limits an address trying many names', async () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 20; i++) await l.failed(`user${i}`, '10.0.0.9');
    expect(await l.retryAfterMs('someone-else', '10.0.0.9')).toBe(60_000);
    expect(await l.retryAfterMs('someone-else', '10.0.0.8')).toBeNull();
  });

  it('never forgets an active lock, however many other keys fail meanwhile', async () => {
    const l = new LoginLimiter({ ...limits, perAddress: 1_000_000, perUser: 1_000_000 });
    for (let i = 0; i < 4; i++) await l.failed('agent1', '10.0.0.1');
    for (let i = 0; i < 20_000; i++) await l.failed(`junk${i}`, `10.1.${i >> 8}.${i & 255}`);
    expect(await l.retryAfterMs('agent1', '10.0.0.1')).toBe(1000);
  });
});
