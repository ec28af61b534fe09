// A lease in Redis: one node at a time holds it (SET NX PX), renews it well before it expires, and
// another node takes it over when the holder stops renewing (crashed, partitioned, closed). Timers that
// must run once cluster-wide (SLA sweep, team snapshots, re-routing agents whose node died) check
// `held` before each run.
import type { RedisClient } from '../store/redis/unit';

// renew only while we still hold it (compare-and-pexpire); otherwise try to take it
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0
`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export class Lease {
  held = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly key: string,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const r = await this.client.sendCommand(['EVAL', RENEW, '1', this.key, this.owner, String(this.ttlMs)]);
      this.held = Number(r) === 1;
    } catch (err) {
      // cannot reach Redis: stop acting as the holder (another node may take over meanwhile)
      this.held = false;
      this.onError(err);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.held = false;
    await this.client.sendCommand(['EVAL', RELEASE, '1', this.key, this.owner]).catch(() => undefined);
  }
}
