import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../src/hub/auth/login-limiter';

describe('LoginLimiter', () => {
  const limits = { perUser: 3, perAddress: 5, windowMs: 60_000 };

  it('locks a user name after too many failures until the oldest ages out; a success clears it', () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterMs('Agent1', '10.0.0.1', 1000 + i)).toBeNull();
      l.failed('Agent1', '10.0.0.1', 1000 + i);
    }
    expect(l.retryAfterMs('agent1', '10.0.0.2', 2000)).toBe(60_000 + 1000 - 2000); // any case, any address
    expect(l.retryAfterMs('agent1', '10.0.0.2', 61_001)).toBeNull();
    l.failed('agent1', '10.0.0.2', 61_001);
    l.succeeded('agent1');
    expect(l.retryAfterMs('agent1', '10.0.0.2', 61_002)).toBeNull();
  });

  it('locks an address trying many names', () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 5; i++) l.failed(`user${i}`, '10.0.0.9', 1000);
    expect(l.retryAfterMs('someone-else', '10.0.0.9', 1500)).toBe(59_500);
    expect(l.retryAfterMs('someone-else', '10.0.0.8', 1500)).toBeNull();
  });
});
