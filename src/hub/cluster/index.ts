// One hub node of several on a shared Redis store (`npm run hub -- --redis URL --node NAME`). Adds to
// the core: presence shared across nodes (presence.ts), live fan-out of events committed on other
// nodes (fanout.ts), and a lease so cluster-wide timers run on one node at a time (lease.ts): the SLA
// sweep, periodic team snapshots, re-routing the tickets of agents whose node died (their grace
// period runs from when that node was last seen), and draining the queue for agents on other nodes.
import type { Logger } from 'pino';
import type { AgentStatus, ClusterHooks, HubContext } from '../context';
import type { HubCore } from '../core';
import type { RedisHubStore } from '../store/redis';
import { drainQueue } from '../routing/assign';
import { Fanout } from './fanout';
import { Lease } from './lease';
import { SharedPresence } from './presence';

export interface ClusterOptions {
  node: string;
  /** Heartbeat expiry: a node silent this long is dead; default 3000 ms. */
  nodeTtlMs?: number;
  /** Timer lease expiry (renewed every third of it); default 3000 ms. */
  leaseMs?: number;
  graceMs: number;
  log: Logger;
}

export class HubCluster implements ClusterHooks {
  readonly node: string;
  private ctx!: HubContext;
  private readonly presence: SharedPresence;
  private readonly lease: Lease;
  private readonly fanout: Fanout;
  private orphanTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly store: RedisHubStore,
    private readonly core: HubCore,
    private readonly opts: ClusterOptions,
  ) {
    this.node = opts.node;
    const warn = (what: string) => (err: unknown) => opts.log.warn({ err, node: opts.node }, what);
    this.presence = new SharedPresence(
      store.client,
      store.keys,
      opts.node,
      opts.nodeTtlMs ?? 3000,
      () => this.localUsers(),
      warn('presence heartbeat failed'),
    );
    this.lease = new Lease(
      store.client,
      store.keys.lease('timers'),
      opts.node,
      opts.leaseMs ?? 3000,
      warn('timer lease renewal failed'),
    );
    this.fanout = new Fanout(() => this.ctx, store.keys);
  }

  static async start(store: RedisHubStore, core: HubCore, opts: ClusterOptions): Promise<HubCluster> {
    const c = new HubCluster(store, core, opts);
    c.ctx = core.attachCluster(c);
    await c.presence.start();
    await c.fanout.start(store.duplicate());
    await c.lease.start();
    c.orphanTimer = setInterval(() => void c.rerouteOrphans(), Math.max(200, Math.min(1000, opts.graceMs)));
    c.orphanTimer.unref();
    return c;
  }

  get leader(): boolean {
    return this.lease.held;
  }

  remote(userId: string) {
    return this.presence.remote.get(userId);
  }

  presenceChanged(userId: string, status: AgentStatus | null): void {
    void this.presence.changed(userId, status);
  }

  catchUp(userId: string): void {
    this.fanout.catchUp(userId);
  }

  refresh(): Promise<void> {
    return this.presence.refresh();
  }

  private localUsers(): Map<string, AgentStatus> {
    const out = new Map<string, AgentStatus>();
    for (const [id, p] of this.ctx?.presence ?? []) if (p.sinks.size) out.set(id, p.status);
    return out;
  }

  /** Lease holder: users last seen on a dead node more than graceMs ago lose their tickets to others. */
  private async rerouteOrphans(): Promise<void> {
    if (!this.leader || this.ctx.closed) return;
    try {
      await this.presence.refresh(0);
      const now = Date.now();
      for (const [userId, seen] of this.presence.orphaned) {
        if (now - seen < this.opts.graceMs) continue;
        await this.core.rerouteIfOffline(userId, '坐席所在节点离线超过宽限期，工单已转派');
        if (!this.core.isOnline(userId)) await this.presence.forget(userId);
      }
    } catch (err) {
      this.opts.log.warn({ err }, 'orphan re-routing failed');
    }
    // A node drains the queue when one of its own agents comes online or frees a seat. A ticket queued
    // on node A while A's view of who is online elsewhere was not yet fresh (≤ 200 ms old), for an agent
    // already online on node B, would wait for the next such event; the holder drains it within a tick.
    try {
      await this.core.inUnit((ctx) => drainQueue(ctx));
    } catch (err) {
      this.opts.log.warn({ err }, 'queue drain failed');
    }
  }

  async stop(): Promise<void> {
    if (this.orphanTimer) clearInterval(this.orphanTimer);
    await this.lease.stop();
    await this.presence.stop();
    await this.fanout.stop();
  }
}
