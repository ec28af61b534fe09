// Flood control for socket commands: a rate per socket and per user, a cap on commands in flight per
// socket, on unread answers per socket, and on sockets per user. One agent hammering the hub then gets
// RATE_LIMITED (with how long to wait) instead of slowing everybody else down.
//
// Rates use rate-limiter-flexible's BurstyRateLimiter: a steady allowance per second plus a burst
// allowance over ten seconds that is only drawn on once the steady one is spent — a token bucket's
// "rate + burst" in two fixed windows. The same classes exist for Redis (RateLimiterRedis), so a hub
// running on several nodes can share the counts by swapping the two limiters below.
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ClientCommandName } from '../../shared/hub-protocol';

export interface RateAllowance {
  /** Points per second, always available. */
  perSecond: number;
  /** Extra points per 10 s, drawn once the per-second allowance is spent (bursts, backlog drains). */
  burstPer10s: number;
}

export interface CommandLimits {
  perSocket: RateAllowance;
  perUser: RateAllowance;
  /** Commands a socket may have running at once; more wait for an answer first. */
  maxInFlightPerSocket: number;
  /** Bytes of answers queued to a socket that it has not read yet; beyond, new commands are refused. */
  maxUnreadBytesPerSocket: number;
  /** Sockets one user may hold at once (several windows, a reconnect overlap). */
  maxSocketsPerUser: number;
  /**
   * Heavy reads (kb:pull, metrics, team lists, message pages) one user may have running at once. A
   * client pages one at a time; a flood of them would otherwise queue seconds of serialization in
   * front of everybody's acks.
   */
  maxHeavyInFlightPerUser: number;
  /** Characters of knowledge served that cost one more point (a big page costs more than a small one). */
  charsPerPoint: number;
}

/**
 * Sized so a workstation draining an offline backlog (one command at a time, ~200 a second) and a
 * lead's team view stay well inside, while a flood is cut to a few percent of what it asks for.
 */
export const DEFAULT_COMMAND_LIMITS: CommandLimits = {
  perSocket: { perSecond: 100, burstPer10s: 1000 },
  perUser: { perSecond: 150, burstPer10s: 1500 },
  maxInFlightPerSocket: 32,
  maxUnreadBytesPerSocket: 8 * 1024 * 1024,
  maxSocketsPerUser: 8,
  maxHeavyInFlightPerUser: 2,
  charsPerPoint: 10_000,
};

const HEAVY: ReadonlySet<string> = new Set<ClientCommandName>([
  'kb:pull',
  'metrics:get',
  'team:tickets',
  'ticket:messages',
]);

/** Commands that read a lot cost more points than a reply or a status change. */
const COST: Partial<Record<ClientCommandName, number>> = {
  'kb:pull': 10,
  'team:tickets': 5,
  'metrics:get': 5,
  'conflict:list': 3,
  'team:ticket': 3,
  'customer:history': 3,
  'ticket:messages': 3,
  'ticket:assignments': 2,
};

export function commandCost(name: string): number {
  return COST[name as ClientCommandName] ?? 1;
}

interface Allowance {
  steady: RateLimiterMemory;
  both: BurstyRateLimiter;
}

function bursty(prefix: string, a: RateAllowance): Allowance {
  const steady = new RateLimiterMemory({ keyPrefix: prefix, points: a.perSecond, duration: 1 });
  const burst = new RateLimiterMemory({ keyPrefix: `${prefix}_burst`, points: a.burstPer10s, duration: 10 });
  return { steady, both: new BurstyRateLimiter(steady, burst) };
}

export class CommandLimiter {
  private readonly perSocket: Allowance;
  private readonly perUser: Allowance;
  private readonly heavy = new Map<string, number>();

  constructor(readonly limits: CommandLimits = DEFAULT_COMMAND_LIMITS) {
    this.perSocket = bursty('sock', limits.perSocket);
    this.perUser = bursty('user', limits.perUser);
  }

  /**
   * Takes a heavy-read seat for the user; returns a release function, or null when all are taken.
   * Light commands always get a no-op release.
   */
  seat(userId: string, command: string): (() => void) | null {
    if (!HEAVY.has(command)) return () => undefined;
    const n = this.heavy.get(userId) ?? 0;
    if (n >= this.limits.maxHeavyInFlightPerUser) return null;
    this.heavy.set(userId, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.heavy.get(userId) ?? 1) - 1;
      if (left > 0) this.heavy.set(userId, left);
      else this.heavy.delete(userId);
    };
  }

  /** Charges what an answer weighed after the fact (knowledge pages by their characters). */
  async charge(userId: string, socketId: string, command: string, data: unknown): Promise<void> {
    if (command !== 'kb:pull') return;
    const docs = (data as { docs?: Array<{ title: string; body: string }> } | undefined)?.docs ?? [];
    const chars = docs.reduce((n, d) => n + d.title.length + d.body.length, 0);
    const points = Math.floor(chars / this.limits.charsPerPoint);
    if (points <= 0) return;
    await this.perSocket.steady.penalty(socketId, points);
    await this.perUser.steady.penalty(userId, points);
  }

  /** null when the command may run, else the milliseconds to wait before trying again. */
  async take(userId: string, socketId: string, command: string): Promise<number | null> {
    const cost = commandCost(command);
    // Bursts are for many small commands (an outbox draining after a reconnect); heavy reads get the
    // steady allowance only, so a flood of them cannot spend the burst on seconds of serialization.
    const heavy = HEAVY.has(command);
    try {
      await (heavy ? this.perSocket.steady : this.perSocket.both).consume(socketId, cost);
      await (heavy ? this.perUser.steady : this.perUser.both).consume(userId, cost);
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext));
      throw err;
    }
  }
}

/**
 * Stops reading from a flooding connection for a while (the WebSocket's pause/resume): its further
 * packets wait in the kernel's buffers instead of costing the hub a refusal each. Long-polling
 * connections have nothing to pause; they are only refused.
 */
export function pauseReading(conn: unknown, ms: number): void {
  const ws = (
    conn as { transport?: { socket?: { pause?: () => void; resume?: () => void; isPaused?: boolean } } }
  ).transport?.socket;
  if (!ws?.pause || !ws.resume || ws.isPaused) return;
  ws.pause();
  setTimeout(() => ws.resume!(), Math.min(1000, Math.max(20, ms))).unref();
}

/** What a socket has been sent but not yet taken: engine.io's queue plus the WebSocket's buffer. */
export function unreadBytes(conn: unknown): number {
  const c = conn as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } };
  const queued = Array.isArray(c.writeBuffer) ? c.writeBuffer.length * 1024 : 0; // packets, roughly
  return queued + (c.transport?.socket?.bufferedAmount ?? 0);
}
