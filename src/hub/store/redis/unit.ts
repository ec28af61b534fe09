// The unit of work behind RedisHubStore.atomically(). Writes are buffered in Node (nothing reaches
// Redis before the commit) and reads inside the unit see them through an overlay, so a unit reads its
// own writes like a SQL transaction does. Nested units are frames: a failing inner frame is dropped
// alone. The outermost frame commits as one plan of the Lua commit script (commit-script.ts), which
// checks the unit's preconditions and applies everything or nothing of it; plans of units finishing
// together share one script call (commit-batch.ts), each still checked and answered on its own.
//
// The frame stack lives in AsyncLocalStorage, so only code running inside atomically() joins the unit;
// a read from an HTTP handler meanwhile sees committed state only and a stray write commits alone.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RedisClientType } from '@redis/client';
import type { ServerEventName } from '../../../shared/hub-protocol';
import type { StoredEvent } from '../types';
import { CommitBatcher } from './commit-batch';
import { mergeInto, newFrame, type Frame, type Op, type Unit } from './unit-frame';
import type { Keys } from './keys';

export type RedisClient = RedisClientType;
export class RedisTx {
  private readonly als = new AsyncLocalStorage<Unit>();
  private readonly batcher: CommitBatcher;

  constructor(
    readonly client: RedisClient,
    readonly k: Keys,
    /** Pub/sub channel the commit announces appended events on ('' = none). */
    fanChannel: string,
    /** Events kept per user in the replay stream (about: whole stream nodes are trimmed); 0 = all. */
    readonly replayRetain = 0,
    /** Units' plans sent in one commit-script call at most (commit-batch.ts); 1 = each its own call. */
    unitsPerCommitCall?: number,
  ) {
    this.batcher = new CommitBatcher(
      client,
      { loadKey: k.load, capacityKey: k.capacity, fanChannel },
      unitsPerCommitCall,
    );
  }

  private get unit(): Unit | undefined {
    const u = this.als.getStore();
    return u && !u.over ? u : undefined;
  }
  get inUnit(): boolean {
    return this.unit !== undefined;
  }
  private get top(): Frame {
    const u = this.unit;
    if (!u) throw new Error('RedisTx: write outside a unit');
    return u.frames[u.frames.length - 1]!;
  }

  /** Runs fn as one unit: the outermost call commits, nested calls are frames. */
  async atomically<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.unit;
    if (outer) {
      outer.frames.push(newFrame());
      try {
        const value = await fn();
        const f = outer.frames.pop()!;
        mergeInto(outer.frames[outer.frames.length - 1]!, f);
        return value;
      } catch (err) {
        outer.frames.pop();
        throw err;
      }
    }
    const unit: Unit = {
      frames: [newFrame()],
      versions: new Map(),
      written: new Set(),
      watched: new Set(),
      over: false,
    };
    try {
      const value = await this.als.run(unit, fn);
      await this.commit(unit);
      return value;
    } finally {
      unit.over = true;
    }
  }

  /** Runs a write: inside a unit it joins it, outside it commits on its own. */
  write<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.unit) return Promise.resolve(fn());
    return this.atomically(async () => fn());
  }

  // ── buffered writes ──────────────────────────────────────────────────────────────────────────
  hset(key: string, fields: Record<string, string>): void {
    const f = this.top;
    const op: Op = ['hset', key];
    let h = f.hashes.get(key);
    if (!h) f.hashes.set(key, (h = new Map()));
    for (const [name, v] of Object.entries(fields)) {
      op.push(name, v);
      h.set(name, v);
    }
    if (op.length > 2) f.ops.push(op);
  }
  hdel(key: string, field: string): void {
    const f = this.top;
    f.ops.push(['hdel', key, field]);
    let h = f.hashes.get(key);
    if (!h) f.hashes.set(key, (h = new Map()));
    h.set(field, null);
  }
  sadd(key: string, member: string): void {
    this.setOp('sadd', key, member, true);
  }
  srem(key: string, member: string): void {
    this.setOp('srem', key, member, false);
  }
  private setOp(op: 'sadd' | 'srem', key: string, member: string, present: boolean): void {
    const f = this.top;
    f.ops.push([op, key, member]);
    let s = f.sets.get(key);
    if (!s) f.sets.set(key, (s = new Map()));
    s.set(member, present);
  }
  rpush(key: string, value: string): void {
    const f = this.top;
    // pushes in a row to one list (a ticket's messages) go as one RPUSH: one call in the script, not n
    const last = f.ops[f.ops.length - 1];
    if (last?.[0] === 'rpush' && last[1] === key) last.push(value);
    else f.ops.push(['rpush', key, value]);
    const l = f.lists.get(key);
    if (l) l.push(value);
    else f.lists.set(key, [value]);
  }
  /** Appends value to the list unless field is already in the hash (dedup by id). Not overlaid. */
  rpushOnce(dedupHash: string, field: string, listKey: string, value: string): void {
    this.top.ops.push(['hsetnx_rpush', dedupHash, field, listKey, value]);
  }
  /** Values this unit's rpushOnce calls will append to listKey (not yet deduplicated). */
  pendingOnce(listKey: string): string[] {
    return this.frames().flatMap((f) =>
      f.ops.filter((o) => o[0] === 'hsetnx_rpush' && o[3] === listKey).map((o) => o[4]!),
    );
  }
  zadd(key: string, score: number, member: string): void {
    this.top.ops.push(['zadd', key, String(score), member]);
  }
  zrem(key: string, member: string): void {
    this.top.ops.push(['zrem', key, member]);
  }
  /** Deletes the key at commit (not overlaid: for keys this unit does not read back). */
  del(key: string): void {
    this.top.ops.push(['del', key]);
  }
  /**
   * At commit, after the writes before it: sets member's score in headsKey to the `nextAt` of the
   * lowest entry of laneKey (a sorted set of seqs; the entry's JSON is hash[fieldPrefix + seq]), or
   * removes member when the lane is empty. Computed inside the script, so it holds whatever other
   * nodes committed meanwhile.
   */
  laneHead(laneKey: string, headsKey: string, member: string, hash: string, fieldPrefix: string): void {
    this.top.ops.push(['lanehead', laneKey, headsKey, member, hash, fieldPrefix]);
  }
  hincr(key: string, field: string, by: number): void {
    this.top.ops.push(['hincr', key, field, String(by)]);
  }
  hsetnx(key: string, field: string, value: string): void {
    this.top.ops.push(['hsetnx', key, field, value]);
  }
  setMax(key: string, n: number): void {
    this.top.ops.push(['setmax', key, String(n)]);
  }
  /** Precondition: the key must not exist at commit. */
  requireAbsent(key: string): void {
    this.top.checks.push(['nx', key]);
  }
  /**
   * At commit, after the writes before it: the key expires in ms if every one of `lanes` (sorted
   * sets) is empty, and loses any expiry otherwise.
   */
  expireWhenEmpty(key: string, ms: number, lanes: readonly string[]): void {
    this.top.ops.push(['expireidle', key, String(ms), ...lanes]);
  }
  /** At commit, after the writes before it: the key expires in ms. */
  pexpire(key: string, ms: number): void {
    this.top.ops.push(['pexpire', key, String(ms)]);
  }
  /** Precondition: the hash field must still be free at commit (idempotency keys). */
  requireFreeField(key: string, field: string): void {
    this.top.checks.push(['hnx', key, field]);
  }
  /**
   * Reads a hash field and, inside a unit, requires it to be unchanged at commit (optimistic, like a
   * ticket's version): a unit that decided on what it read cannot overwrite another node's newer value.
   * The check is on the committed value; the answer includes this unit's own pending writes.
   */
  async hgetWatched(key: string, field: string): Promise<string | null> {
    const base = ((await this.client.hGet(key, field)) as string | null | undefined) ?? null;
    if (this.unit) this.top.checks.push(base === null ? ['hnx', key, field] : ['heq', key, field, base]);
    let v = base;
    for (const f of this.frames()) {
      const h = f.hashes.get(key);
      if (h?.has(field)) v = h.get(field)!;
    }
    return v;
  }
  /** The agent's load changes by delta; a net increase past their capacity fails the commit. */
  loadDelta(agentId: string, delta: number): void {
    this.top.loads.push([agentId, delta]);
  }
  /** A ticket hash this unit writes: its version is checked (unchanged since read) and bumped at commit. */
  touchTicket(key: string, inserted: boolean): void {
    const u = this.unit!;
    if (inserted) u.versions.set(key, 'new');
    u.written.add(key);
  }
  /**
   * A ticket this unit decided on (e.g. whom to tell about a new message) without changing it: the
   * commit fails if another unit changed it since this one read it, so the decision is re-made.
   */
  watchTicket(key: string): void {
    this.unit?.watched.add(key);
  }
  noteVersion(key: string, ver: string | null | undefined): void {
    const u = this.unit;
    if (u && !u.versions.has(key)) u.versions.set(key, ver ?? '0');
  }

  /** Buffers an event; its seq is assigned by the commit script and filled in after the commit. */
  event(userId: string, name: ServerEventName, payload: Record<string, unknown>, at: number): StoredEvent {
    const body = JSON.stringify(payload).slice(1);
    const ev: StoredEvent = { seq: 0, name, payload: { ...payload, seq: 0 }, at };
    const f = this.top;
    f.ops.push([
      'event',
      this.k.seqHeads,
      userId,
      this.k.stream(userId),
      name,
      body,
      String(at),
      String(this.replayRetain),
    ]);
    f.events.push(ev);
    return ev;
  }

  // ── reads through the overlay ───────────────────────────────────────────────────────────────
  private frames(): Frame[] {
    return this.unit?.frames ?? [];
  }

  /** The hash with this unit's pending writes applied; null when it does not exist. */
  async hgetall(key: string): Promise<Record<string, string> | null> {
    const base = (await this.client.hGetAll(key)) as Record<string, string>;
    let exists = Object.keys(base).length > 0;
    const out: Record<string, string> = { ...base };
    for (const f of this.frames()) {
      const h = f.hashes.get(key);
      if (!h) continue;
      for (const [name, v] of h) {
        if (v === null) delete out[name];
        else {
          out[name] = v;
          exists = true;
        }
      }
    }
    return exists && Object.keys(out).length ? out : null;
  }

  async hmget(key: string, fields: readonly string[]): Promise<Array<string | null>> {
    if (!fields.length) return [];
    const base = (await this.client.hmGet(key, [...fields])) as Array<string | null>;
    return fields.map((name, i) => {
      let v = base[i] ?? null;
      for (const f of this.frames()) {
        const h = f.hashes.get(key);
        if (h?.has(name)) v = h.get(name)!;
      }
      return v;
    });
  }

  async hget(key: string, field: string): Promise<string | null> {
    return (await this.hmget(key, [field]))[0]!;
  }

  async smembers(key: string): Promise<string[]> {
    const set = new Set(await this.client.sMembers(key));
    for (const f of this.frames()) {
      const s = f.sets.get(key);
      if (!s) continue;
      for (const [m, present] of s) {
        if (present) set.add(m);
        else set.delete(m);
      }
    }
    return [...set];
  }

  /** The set's size with this unit's pending adds and removes applied (SCARD, + SMISMEMBER if it changed it). */
  async scard(key: string): Promise<number> {
    const pending = new Map<string, boolean>();
    for (const f of this.frames()) for (const [m, present] of f.sets.get(key) ?? []) pending.set(m, present);
    if (!pending.size) return this.client.sCard(key);
    const members = [...pending.keys()];
    const [n, there] = await Promise.all([this.client.sCard(key), this.client.smIsMember(key, members)]);
    let size = n;
    members.forEach((m, i) => {
      const was = Boolean(there[i]);
      if (pending.get(m) && !was) size++;
      else if (!pending.get(m) && was) size--;
    });
    return size;
  }

  /** The list's length with this unit's pending pushes counted. */
  async llen(key: string): Promise<number> {
    const pending = this.frames().reduce((n, f) => n + (f.lists.get(key)?.length ?? 0), 0);
    return (await this.client.lLen(key)) + pending;
  }

  async lrange(key: string, start = 0, stop = -1): Promise<string[]> {
    const pending = this.frames().flatMap((f) => f.lists.get(key) ?? []);
    if (!pending.length) return this.client.lRange(key, start, stop);
    const all = [...(await this.client.lRange(key, 0, -1)), ...pending];
    return all.slice(start, stop === -1 ? undefined : stop + 1);
  }

  // ── commit ──────────────────────────────────────────────────────────────────────────────────
  private async commit(unit: Unit): Promise<void> {
    const f = unit.frames[0]!;
    if (!f.ops.length && !f.loads.length) return;
    const checks = [...f.checks];
    const ops = [...f.ops];
    for (const key of unit.written) {
      const v = unit.versions.get(key) ?? '0';
      checks.push(v === 'new' ? ['nx', key] : ['ver', key, v]);
      ops.push(['hincr', key, 'ver', '1']);
    }
    for (const key of unit.watched) {
      const v = unit.versions.get(key);
      if (v !== undefined && v !== 'new' && !unit.written.has(key)) checks.push(['ver', key, v]);
    }
    const seqs = await this.batcher.commit({ checks, loads: f.loads, ops });
    f.events.forEach((ev, i) => {
      const seq = seqs[i]!;
      ev.seq = seq;
      ev.payload.seq = seq;
    });
  }
}
