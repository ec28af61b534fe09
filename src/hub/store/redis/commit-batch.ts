// Sends units' commit plans to the commit script (commit-script.ts), several in one call: the plans of
// the units that finish in one turn of the event loop go together on the next turn (setImmediate), so
// under load — many units of different lanes in flight (delivery/commit-queue.ts), whose reads come
// back in the same socket reads — a node makes one script call for several units instead of one each.
// Calls are not held back for the previous one's reply: they pipeline as single-unit calls did. Each
// unit is still checked and applied on its own inside the script, and its outcome comes back to it
// alone: a failed precondition rejects only that unit's commit (StoreConflictError, so only it re-runs).
import { StoreConflictError } from '../types';
import { COMMIT_SCRIPT } from './commit-script';
import type { RedisClient } from './unit';

/** A unit's plan in the script's ARGV layout (its part after the call's header). */
export interface UnitPlan {
  checks: string[][];
  loads: Array<[string, number]>;
  ops: string[][];
}

interface Waiting {
  plan: UnitPlan;
  resolve: (seqs: number[]) => void;
  reject: (err: unknown) => void;
}

/** Units per script call at most (a call blocks Redis while it runs; 64 escalations take ~5 ms). */
const MAX_UNITS_PER_CALL = 64;

export class CommitBatcher {
  private sha: string | undefined;
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly client: RedisClient,
    private readonly header: { loadKey: string; capacityKey: string; fanChannel: string },
    /** Units per call; 1 = every unit its own call, sent at once (as before batching). */
    private readonly maxUnitsPerCall = MAX_UNITS_PER_CALL,
  ) {}

  /** Commits one unit's plan; resolves with the seqs its events were given, in order. */
  commit(plan: UnitPlan): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ plan, resolve, reject });
      if (this.maxUnitsPerCall <= 1) this.send();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.send();
        });
      }
    });
  }

  private send(): void {
    while (this.waiting.length) void this.call(this.waiting.splice(0, this.maxUnitsPerCall));
  }

  private async call(batch: Waiting[]): Promise<void> {
    let replies: unknown[];
    try {
      replies = (await this.evalCommit(this.argv(batch.map((w) => w.plan)))) as unknown[];
    } catch (err) {
      // the call itself failed (connection lost, Redis refused the script): every unit in it fails
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => {
      const r = replies[i] as Array<number | string>;
      if (r[0] === 1) w.resolve(r.slice(1).map(Number));
      else if (r[0] === 0) w.reject(new StoreConflictError(String(r[1]), String(r[2])));
      else w.reject(new Error(`commit script: ${String(r[1])}`));
    });
  }

  private argv(plans: UnitPlan[]): string[] {
    const { loadKey, capacityKey, fanChannel } = this.header;
    const args = [loadKey, capacityKey, fanChannel, String(plans.length)];
    for (const p of plans) {
      args.push(String(p.checks.length), String(p.loads.length), String(p.ops.length));
      for (const c of p.checks) pushItem(args, c);
      for (const [agent, delta] of p.loads) args.push(agent, String(delta));
      for (const o of p.ops) pushItem(args, o);
    }
    return args;
  }

  private async evalCommit(args: string[]): Promise<unknown> {
    if (!this.sha) this.sha = (await this.client.scriptLoad(COMMIT_SCRIPT)) as string;
    try {
      return await this.client.sendCommand(['EVALSHA', this.sha, '0', ...args]);
    } catch (err) {
      // Redis restarted (scripts are not persisted): load it again once
      if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
      this.sha = (await this.client.scriptLoad(COMMIT_SCRIPT)) as string;
      return this.client.sendCommand(['EVALSHA', this.sha, '0', ...args]);
    }
  }
}

/** An item is its argument count, then its arguments (a loop: an op may have thousands of fields). */
function pushItem(args: string[], item: readonly string[]): void {
  args.push(String(item.length));
  for (const a of item) args.push(a);
}
