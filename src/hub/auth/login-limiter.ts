// Slows down password guessing: after too many failed logins for one user name, or from one address,
// within a window, further attempts are refused (429 with Retry-After) until the oldest failure in the
// window ages out. A success clears the user name's count. In memory: a restart forgets, which only
// ever errs towards letting a real agent back in.

export interface LoginLimits {
  /** Failures per user name within the window before it is locked. */
  perUser: number;
  /** Failures per client address within the window (several names tried from one place). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 5, perAddress: 20, windowMs: 5 * 60_000 };
const MAX_KEYS = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** null when the attempt may go ahead, else how long until it may. */
  retryAfterMs(username: string, address: string, now = Date.now()): number | null {
    const waits = [
      this.wait(userKey(username), this.limits.perUser, now),
      this.wait(`addr:${address}`, this.limits.perAddress, now),
    ].filter((w): w is number => w !== null);
    return waits.length ? Math.max(...waits) : null;
  }

  failed(username: string, address: string, now = Date.now()): void {
    for (const key of [userKey(username), `addr:${address}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.delete(key); // re-insert: the map's order is least recently failed first
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(username: string): void {
    this.failures.delete(userKey(username));
  }

  private wait(key: string, max: number, now: number): number | null {
    const list = this.recent(key, now);
    return list.length >= max ? list[list.length - max]! + this.limits.windowMs - now : null;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }
}

const userKey = (username: string) => `user:${username.trim().toLowerCase()}`;
