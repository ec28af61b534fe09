// The shared HubStore: Redis (≥ 7) through node-redis, for several hub nodes. Every unit of work
// (atomically) buffers its writes and commits them as one Lua script that checks the unit's
// preconditions first (redis/unit.ts, redis/commit-script.ts), so there is no lock across nodes:
// two nodes routing the same ticket, or filling the same agent's last seat, cannot both commit.
//
// RedisHubStore owns the connection and delegates each aggregate (delegating.ts) to its module: redis/users.ts,
// redis/tickets.ts (tickets, messages, actions, assignments), redis/events.ts (the replay log, Streams),
// redis/commands.ts (idempotency), redis/feedback.ts, redis/conflicts.ts, redis/knowledge.ts, and the
// integration API's state as `integration` (redis/integration.ts).
import { createClient } from '@redis/client';
import { DelegatingHubStore, type StoreParts } from './delegating';
import type { HubStore } from './types';
import { RedisCommandResults } from './redis/commands';
import { RedisConflicts } from './redis/conflicts';
import { checkDurability, type DurabilityReport } from './redis/durability';
import { RedisReplayLog } from './redis/events';
import { RedisFeedback } from './redis/feedback';
import { RedisIntegrationStore } from './redis/integration';
import { Keys } from './redis/keys';
import { RedisKnowledge } from './redis/knowledge';
import { RedisTickets } from './redis/tickets';
import { RedisTx, type RedisClient } from './redis/unit';
import { RedisUsers } from './redis/users';

export interface RedisStoreOptions {
  /** redis://host:port[/db] */
  url: string;
  /** Key prefix; hubs (or test runs) with different prefixes share a Redis without seeing each other. */
  prefix?: string;
  /** Keep retrying while Redis is away (a hub: true, the default); false fails at once (a CLI). */
  reconnect?: boolean;
  /**
   * Replay-log retention: events kept per user (at least this many; the stream is trimmed a node of
   * ~100 entries at a time). A workstation resuming from before the kept window gets a snapshot
   * (delivery/replay.ts). Default REPLAY_RETAIN; 0 keeps everything (as the SQLite store does).
   */
  replayRetain?: number;
  /** How long an idempotent command's stored answer is kept (default COMMAND_ANSWER_TTL_MS). */
  commandAnswerTtlMs?: number;
  /** How long a conversation's outbox is kept after its last delivery (default OUTBOX_RETAIN_MS). */
  outboxRetainMs?: number;
  /** How long a message delivery report is kept after its `at` (default MESSAGE_DELIVERY_RETAIN_MS). */
  messageDeliveryRetainMs?: number;
  /** How long a conversation's inbound-event dedup records are kept after its last event (default INBOUND_RETAIN_MS). */
  inboundRetainMs?: number;
  /** How long a closed conversation's integration record is kept (default CONVERSATION_RETAIN_MS). */
  conversationRetainMs?: number;
  /**
   * Units' plans sent in one commit-script call at most (redis/commit-batch.ts; default 64). Each is
   * still checked and applied on its own; 1 = every unit its own call.
   */
  unitsPerCommitCall?: number;
}

/** Events kept per user's replay stream by default: days of an agent's work (~20 events a ticket). */
export const REPLAY_RETAIN = 10_000;

export class RedisHubStore extends DelegatingHubStore implements HubStore {
  readonly groupCommit = false;
  /** The integration API's keys, conversations, inbound dedup and webhook outbox (redis/integration.ts). */
  readonly integration: RedisIntegrationStore;
  readonly keys: Keys;
  readonly tx: RedisTx;
  protected readonly parts: StoreParts;

  private constructor(
    readonly client: RedisClient,
    readonly url: string,
    prefix: string,
    opts: Pick<
      RedisStoreOptions,
      | 'replayRetain'
      | 'commandAnswerTtlMs'
      | 'outboxRetainMs'
      | 'messageDeliveryRetainMs'
      | 'inboundRetainMs'
      | 'conversationRetainMs'
      | 'unitsPerCommitCall'
    >,
  ) {
    super();
    this.keys = new Keys(prefix);
    this.tx = new RedisTx(
      client,
      this.keys,
      this.keys.fan,
      opts.replayRetain ?? REPLAY_RETAIN,
      opts.unitsPerCommitCall,
    );
    this.parts = {
      users: new RedisUsers(this.tx),
      tickets: new RedisTickets(this.tx, opts.conversationRetainMs),
      events: new RedisReplayLog(this.tx),
      commands: new RedisCommandResults(this.tx, opts.commandAnswerTtlMs),
      feedback: new RedisFeedback(this.tx),
      conflicts: new RedisConflicts(this.tx),
      knowledge: new RedisKnowledge(this.tx),
    };
    this.integration = new RedisIntegrationStore(this.tx, {
      outboxRetainMs: opts.outboxRetainMs,
      messageDeliveryRetainMs: opts.messageDeliveryRetainMs,
      inboundRetainMs: opts.inboundRetainMs,
      conversationRetainMs: opts.conversationRetainMs,
    });
  }

  static async connect(opts: RedisStoreOptions): Promise<RedisHubStore> {
    const client = createClient({
      url: opts.url,
      // keep retrying while Redis restarts; commands meanwhile wait in the offline queue
      socket: {
        reconnectStrategy: opts.reconnect === false ? false : (retries) => Math.min(50 * 2 ** retries, 2000),
        ...(opts.reconnect === false ? { connectTimeout: 5000 } : {}),
      },
    }) as RedisClient;
    client.on('error', () => undefined); // reconnects on its own; failed commands reject
    await client.connect();
    return new RedisHubStore(client, opts.url, opts.prefix ?? 'xd', opts);
  }

  /** Reads the persistence settings (CONFIG GET) and says what a crash of Redis would lose. */
  durability(): Promise<DurabilityReport> {
    return checkDurability(this.client);
  }

  /** A second connection for blocking reads / pub/sub (cluster/fanout.ts). */
  duplicate(): RedisClient {
    const c = this.client.duplicate() as RedisClient;
    c.on('error', () => undefined);
    return c;
  }

  atomically<T>(fn: () => Promise<T>): Promise<T> {
    return this.tx.atomically(fn);
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
  }

  /** true for the first caller ever (per prefix): one-time start-up work among several nodes. */
  async claimOnce(what: string): Promise<boolean> {
    return (await this.client.hSetNX(this.keys.meta, `once:${what}`, String(Date.now()))) === 1;
  }

  /** Stores value unless the key has one; returns the value that is stored. */
  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    await this.client.hSetNX(this.keys.meta, key, value);
    return (await this.client.hGet(this.keys.meta, key)) ?? value;
  }

  async agentLoads(): Promise<Map<string, number>> {
    const all = (await this.client.hGetAll(this.keys.load)) as Record<string, string>;
    return new Map(Object.entries(all).map(([id, n]) => [id, Number(n)]));
  }

  // ── meta ───────────────────────────────────────────────────────────────────────────────────────
  async getMeta(key: string) {
    return (await this.tx.hget(this.keys.meta, key)) ?? undefined;
  }
  setMeta(key: string, value: string) {
    return this.tx.write(() => this.tx.hset(this.keys.meta, { [key]: value }));
  }
}
