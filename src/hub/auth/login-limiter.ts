// Slows down password guessing without letting a stranger lock the real agent out.
//
// - Per (user name, address): a few free failures, then each further failure makes that pair wait
//   longer (1 s, 2 s, 4 s … up to a ceiling). A guesser at one address slows to a crawl; the agent at
//   their own desk is not affected by it.
// - Per user name from everywhere: a high ceiling (default 100 failures in 15 minutes) that slows a
//   guess spread over many addresses. Addresses where this user logged in successfully lately are
//   exempt, so even then the owner gets in from their usual machine.
// - Per address across names: slows one place spraying many names.
// Counters live in rate-limiter-flexible's memory store: every key expires on its own timer and there
// is no size cap, so no amount of junk can push an active lock out (the old 10,000-key cap could be
// flushed). A restart forgets, which only ever errs towards letting a real agent back in.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failures per (user name, address) before delays start. */
  freePerPair: number;
  /** The first delay after the free failures; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures per user name from all addresses within the window (known addresses are exempt). */
  perUser: number;
  /** Failures per address across user names within the window. */
  perAddress: number;
  windowMs: number;
  /** How long a successful (user, address) stays "known" (exempt from the per-user ceiling). */
  knownForMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  freePerPair: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  perUser: 100,
  perAddress: 50,
  windowMs: 15 * 60_000,
  knownForMs: 14 * 24 * 3600_000, // below setTimeout's 24.8-day ceiling, which the store's expiry uses
};

const sec = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export class LoginLimiter {
  private readonly limits: LoginLimits;
  /** Failures per pair; the record lives an hour past the first, so delays keep growing meanwhile. */
  private readonly pairFailures: RateLimiterMemory;
  private readonly pairWait: RateLimiterMemory;
  private readonly userFailures: RateLimiterMemory;
  private readonly addressFailures: RateLimiterMemory;
  private readonly known: RateLimiterMemory;

  constructor(limits: Partial<LoginLimits> = {}) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
    const l = this.limits;
    this.pairFailures = new RateLimiterMemory({
      keyPrefix: 'pair',
      points: l.freePerPair,
      duration: sec(Math.max(3600_000, l.windowMs)),
    });
    this.pairWait = new RateLimiterMemory({ keyPrefix: 'wait', points: 1, duration: 1 });
    this.userFailures = new RateLimiterMemory({
      keyPrefix: 'user',
      points: l.perUser,
      duration: sec(l.windowMs),
    });
    this.addressFailures = new RateLimiterMemory({
      keyPrefix: 'addr',
      points: l.perAddress,
      duration: sec(l.windowMs),
    });
    this.known = new RateLimiterMemory({ keyPrefix: 'known', points: 1, duration: sec(l.knownForMs) });
  }

  /** null when the attempt may go ahead, else how long until it may. */
  async retryAfterMs(username: string, address: string): Promise<number | null> {
    const pair = pairKey(username, address);
    const waits: number[] = [];
    const blocked = await this.pairWait.get(pair);
    if (blocked && blocked.consumedPoints > 1) waits.push(blocked.msBeforeNext);
    const addr = await this.addressFailures.get(address);
    if (addr && addr.consumedPoints >= this.limits.perAddress) waits.push(addr.msBeforeNext);
    const user = await this.userFailures.get(userKey(username));
    if (user && user.consumedPoints >= this.limits.perUser && !(await this.known.get(pair)))
      waits.push(user.msBeforeNext);
    const wait = waits.length ? Math.max(...waits) : 0;
    return wait > 0 ? wait : null;
  }

  async failed(username: string, address: string): Promise<void> {
    const pair = pairKey(username, address);
    const n = await count(this.pairFailures, pair);
    await count(this.userFailures, userKey(username));
    await count(this.addressFailures, address);
    const over = n - this.limits.freePerPair;
    if (over > 0) {
      const delay = Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * 2 ** Math.min(over - 1, 30));
      await this.pairWait.block(pair, sec(delay));
    }
  }

  /** The owner got in: their pair starts afresh and their address is known for a while. */
  async succeeded(username: string, address: string): Promise<void> {
    const pair = pairKey(username, address);
    await this.pairFailures.delete(pair);
    await this.pairWait.delete(pair);
    await this.known.set(pair, 1, sec(this.limits.knownForMs));
  }
}

/** Counts one failure and returns the count in the window (a rejection past the points still counts). */
async function count(limiter: RateLimiterMemory, key: string): Promise<number> {
  try {
    return (await limiter.consume(key)).consumedPoints;
  } catch (err) {
    if (err instanceof RateLimiterRes) return err.consumedPoints;
    throw err;
  }
}

const userKey = (username: string) => username.trim().toLowerCase();
const pairKey = (username: string, address: string) => `${userKey(username)}@${address}`;
