// Presence shared across hub nodes: each node writes one field per connected user
// (`user<0x01>node` → {status, seen}) and keeps a heartbeat key with a short expiry. Another node's
// users count as online while that node's heartbeat lives; when a node dies its users become offline
// from their last `seen`, so the grace period still runs (the lease holder re-routes after it).
import type { AgentStatus } from '../context';
import type { Keys } from '../store/redis/keys';
import type { RedisClient } from '../store/redis/unit';

export interface RemotePresence {
  status: AgentStatus;
  node: string;
}

interface Entry {
  status: AgentStatus;
  seen: number;
}

export class SharedPresence {
  /** Users online on other live nodes. */
  remote = new Map<string, RemotePresence>();
  /** Users last seen on a node that is gone: userId → last seen (ms). */
  orphaned = new Map<string, number>();
  /** The dead-node fields behind `orphaned`, so forget() removes only those. */
  private orphanFields = new Map<string, string[]>();
  private refreshedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: Keys,
    readonly node: string,
    private readonly ttlMs: number,
    /** Local users and their status right now. */
    private readonly local: () => Map<string, AgentStatus>,
    private readonly onError: (err: unknown) => void,
  ) {}

  private field(userId: string, node = this.node): string {
    return `${userId}\u0001${node}`;
  }

  /**
   * A node restarted under the same name has no users yet: entries its previous run left (killed
   * without stop()) move to a name no live node has, keeping their last seen, so their grace period
   * runs from then instead of them looking online here, or — after the next kill — long gone.
   */
  async start(): Promise<void> {
    const all = (await this.client.hGetAll(this.keys.presence)) as Record<string, string>;
    const suffix = `\u0001${this.node}`;
    const stale = Object.entries(all).filter(([f]) => f.endsWith(suffix));
    if (stale.length) {
      const m = this.client.multi();
      for (const [f, v] of stale) {
        m.hSet(this.keys.presence, `${f}#gone${Date.now()}`, v);
        m.hDel(this.keys.presence, f);
      }
      await m.exec();
    }
    await this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private async heartbeat(): Promise<void> {
    try {
      const now = Date.now();
      const local = this.local();
      const m = this.client.multi();
      m.set(this.keys.node(this.node), String(now), { PX: this.ttlMs });
      for (const [id, status] of local)
        m.hSet(this.keys.presence, this.field(id), JSON.stringify({ status, seen: now }));
      await m.exec();
      // an entry of ours for a user no longer here (its HDEL failed while Redis was away) goes now
      const suffix = `\u0001${this.node}`;
      const gone = (await this.client.hKeys(this.keys.presence)).filter(
        (f) => f.endsWith(suffix) && !local.has(f.slice(0, -suffix.length)),
      );
      if (gone.length) await this.client.hDel(this.keys.presence, gone);
    } catch (err) {
      this.onError(err);
    }
  }

  /** A local user connected, changed status or left (status null). */
  async changed(userId: string, status: AgentStatus | null): Promise<void> {
    try {
      if (status) {
        const entry: Entry = { status, seen: Date.now() };
        await this.client.hSet(this.keys.presence, this.field(userId), JSON.stringify(entry));
      } else await this.client.hDel(this.keys.presence, this.field(userId));
    } catch (err) {
      this.onError(err);
    }
  }

  /** Re-reads other nodes' users (at most every maxAgeMs). */
  async refresh(maxAgeMs = 200): Promise<void> {
    if (Date.now() - this.refreshedAt < maxAgeMs) return;
    this.refreshedAt = Date.now();
    const all = (await this.client.hGetAll(this.keys.presence)) as Record<string, string>;
    const byNode = new Map<string, Array<[string, Entry]>>();
    for (const [f, v] of Object.entries(all)) {
      const [userId, node] = f.split('\u0001') as [string, string];
      if (node === this.node) continue;
      const list = byNode.get(node) ?? [];
      list.push([userId, JSON.parse(v) as Entry]);
      byNode.set(node, list);
    }
    const nodes = [...byNode.keys()];
    const alive = nodes.length ? await this.client.mGet(nodes.map((n) => this.keys.node(n))) : [];
    const remote = new Map<string, RemotePresence>();
    const orphaned = new Map<string, number>();
    const orphanFields = new Map<string, string[]>();
    nodes.forEach((node, i) => {
      for (const [userId, e] of byNode.get(node)!) {
        if (alive[i]) remote.set(userId, { status: e.status, node });
        else {
          orphaned.set(userId, Math.max(orphaned.get(userId) ?? 0, e.seen));
          orphanFields.set(userId, [...(orphanFields.get(userId) ?? []), this.field(userId, node)]);
        }
      }
    });
    // A user live on a live node (another, or this one) has nothing left to count a grace period from
    // on a dead one: those entries go now. Kept, they outlived the user's next short disconnect (a
    // cut link, a restart) and, with a `seen` long past, had the lease holder re-route at once.
    const live = new Set([...remote.keys(), ...this.local().keys()]);
    const stale: string[] = [];
    for (const id of live) {
      stale.push(...(orphanFields.get(id) ?? []));
      orphaned.delete(id);
      orphanFields.delete(id);
    }
    this.remote = remote;
    this.orphaned = orphaned;
    this.orphanFields = orphanFields;
    if (stale.length) await this.client.hDel(this.keys.presence, stale);
  }

  /** Forgets the dead nodes' entries for a user once their tickets were re-routed. */
  async forget(userId: string): Promise<void> {
    const fields = this.orphanFields.get(userId) ?? [];
    if (fields.length) await this.client.hDel(this.keys.presence, fields);
  }

  /**
   * Leaving: the heartbeat goes, the entries stay with seen = now, so this node's users count as
   * offline from now and the grace period runs for them on the lease holder (unless they reconnect).
   */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const now = Date.now();
    const m = this.client.multi();
    for (const [id, status] of this.local())
      m.hSet(this.keys.presence, this.field(id), JSON.stringify({ status, seen: now }));
    m.del(this.keys.node(this.node));
    await m.exec().catch(() => undefined);
  }
}
