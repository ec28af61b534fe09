// Public entry of the hub: `startHub(options)` starts a real socket.io server with its SQLite store and
// the integration API (/v1 + webhooks). Used by the CLI, the demo, the tests and the benches.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { Server } from 'socket.io';
import type { Intent } from '../shared/domain';
import type { LoginResponse } from '../shared/hub-protocol';
import type { LoginLimits } from './auth/login-limiter';
import { parseOrigins } from './http/json-http';
import type { CommandLimits } from './socket/limits';
import { DEMO_PASSWORD, DEFAULT_USERS, loadUsersFile, seedUsers, type SeedUser } from './auth/users';
import type { ConflictRulesFile } from './conflicts/rules-schema';
import { DEFAULT_RULES_PATH, loadRulesFile } from './conflicts/load';
import { DEFAULT_SLA_MS, HubCore } from './core';
import { DEFAULT_KB_SEED_DIR, loadKbSeed } from './kb/seed';
import { WebhookDispatcher, type WebhookDispatchOptions } from './integration/dispatcher';
import { createIntegrationHttp } from './integration/http';
import type { RateLimit } from './integration/rate-limit';
import { createHubServer } from './server';
import { HubCluster } from './cluster/index';
import { RedisHubStore } from './store/redis';
import { SqliteHubStore } from './store/sqlite';
import type { HubStore, UserRecord } from './store/types';

export interface StartHubOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** SQLite file; default ':memory:'. */
  dbPath?: string;
  /** SQLite synchronous level (NORMAL survives kill -9 in WAL mode; FULL also power loss). */
  synchronous?: 'NORMAL' | 'FULL';
  /** HMAC secret for tokens; default XIAOER_HUB_SECRET, else generated once and stored in the database. */
  tokenSecret?: string;
  /** Token lifetime; default 8 h. */
  tokenTtlMs?: number;
  /** Failed-login limits (auth/login-limiter.ts: delays per user+address, high per-user ceiling). */
  loginLimits?: Partial<LoginLimits>;
  /** Socket flood limits (socket/limits.ts: rates per socket and user, in-flight, sockets per user). */
  commandLimits?: Partial<CommandLimits>;
  /**
   * Browser origins allowed to call the hub (CORS + socket.io), exact `scheme://host:port`. Default:
   * XIAOER_HUB_CORS_ORIGINS (comma-separated), else none — the workstation core is a Node client.
   */
  corsOrigins?: readonly string[];
  /** How often the hub re-reads users for role/disabled changes made by another process; default 2000. */
  accessSyncMs?: number;
  /** How long a disconnected agent keeps their tickets before re-routing; default 30 s. */
  graceMs?: number;
  /** SLA per priority in ms (partial override of 1:60s 2:120s 3:300s 4:600s). */
  slaMs?: Partial<Record<1 | 2 | 3 | 4, number>>;
  slaSweepMs?: number;
  /** Periodic team:snapshot to connected leads; default 3000 ms (plus on change). */
  snapshotMs?: number;
  /** How often integration records past their retention are pruned (SQLite); default 5 min. */
  retentionSweepMs?: number;
  /** Conflict rules: a parsed file, or a path; default resources/hub/conflict-rules.json. */
  rules?: ConflictRulesFile;
  rulesPath?: string;
  /** Knowledge seed directory, or false for none; default resources/kb-seed. Loaded only into an empty store. */
  kbSeedDir?: string | false;
  /** Seed users (default: agent1…agent8, lead1, admin) or a JSON users file (also XIAOER_HUB_USERS). */
  users?: SeedUser[];
  usersFile?: string;
  /** Password for seed users without their own (default XIAOER_HUB_PASSWORD or the demo password). */
  defaultPassword?: string;
  /** A pino logger, a level, or false (silent). Default: level from XIAOER_HUB_LOG or 'warn'. */
  logger?: Logger | pino.Level | false;
  /**
   * Check every event the hub sends against its schema before storing it (delivery/send.ts). Default:
   * on under tests and with XIAOER_HUB_CHECK_OUTGOING=1 (`--check-outgoing`), off otherwise — see
   * checksOutgoingByDefault.
   */
  validateOutgoing?: boolean;
  /** Redis nodes: units on different tickets/actors in flight at once (default 32; 1 = one at a time). */
  unitsInFlight?: number;
  /** Use your own HubStore implementation (e.g. Redis-backed); dbPath is then ignored. */
  store?: HubStore;
  /** The integration API (/v1) and its webhooks; on whenever the store has integration tables. */
  integration?: {
    /** Largest request body, bytes (default 2 MiB). */
    maxBodyBytes?: number;
    /** Requests per key (default 200/s, burst 400). */
    rateLimit?: RateLimit;
    webhooks?: WebhookDispatchOptions;
  };
  /**
   * redis://host:port — keep all state in Redis (RedisHubStore) so several hub nodes can share it.
   * Each node needs its own `node` name. Ignored when `store` is given.
   */
  redis?: string;
  /** Key prefix in Redis (default 'xd'); nodes of one cluster share it. */
  redisPrefix?: string;
  /**
   * This hub's node name among several on one Redis: enables shared presence, cross-node fan-out and
   * the timer lease (cluster/index.ts). Default with `redis`: `node-${pid}`.
   */
  node?: string;
}

export interface RunningHub {
  url: string;
  port: number;
  host: string;
  store: HubStore;
  core: HubCore;
  io: Server;
  /** The webhook outbox dispatcher (absent when the store has no integration tables). */
  webhooks?: WebhookDispatcher;
  /** Set when this hub is a node of several on Redis. */
  cluster?: HubCluster;
  log: Logger;
  /** Mints a token for an existing user without a password (tests, benches). */
  issueToken(userId: string): LoginResponse;
  /** Adds agents (no password login; use issueToken) — e.g. 500 bench agents. */
  addAgents(
    agents: Array<{
      id: string;
      name?: string;
      skills?: Intent[];
      capacity?: number;
      role?: UserRecord['role'];
    }>,
  ): Promise<void>;
  close(): Promise<void>;
}

export async function startHub(options: StartHubOptions = {}): Promise<RunningHub> {
  const log = makeLogger(options.logger);
  const store: HubStore =
    options.store ??
    (options.redis
      ? await RedisHubStore.connect({
          url: options.redis,
          ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}),
        })
      : new SqliteHubStore({
          path: options.dbPath ?? ':memory:',
          synchronous: options.synchronous ?? 'NORMAL',
        }));
  let cluster: HubCluster | undefined;
  try {
    if (store instanceof RedisHubStore) {
      const d = await store.durability();
      if (d.warning) log.warn({ appendonly: d.appendonly, appendfsync: d.appendfsync }, d.warning);
      if (d.compactionWarning)
        log.warn(
          { aofRewritePercentage: d.aofRewritePercentage, aofRewriteMinSize: d.aofRewriteMinSize },
          d.compactionWarning,
        );
    }
    const rules = options.rules ?? loadRulesFile(options.rulesPath ?? DEFAULT_RULES_PATH);
    const usersFile = options.usersFile ?? process.env.XIAOER_HUB_USERS;
    const users = options.users ?? (usersFile ? loadUsersFile(usersFile) : DEFAULT_USERS);
    await seedUsers(
      store,
      users,
      options.defaultPassword ?? process.env.XIAOER_HUB_PASSWORD ?? DEMO_PASSWORD,
    );

    // several nodes may start at once on one Redis: only the first seeds the knowledge base
    const seedOnce = store instanceof RedisHubStore ? await store.claimOnce('kb-seed') : true;
    if (options.kbSeedDir !== false && seedOnce && (await store.kbCount()) === 0) {
      const docs = loadKbSeed(options.kbSeedDir ?? DEFAULT_KB_SEED_DIR);
      if (docs.length) await store.kbPublish(docs, [], Date.now());
    }

    const core = new HubCore({
      store,
      rules,
      log,
      graceMs: options.graceMs ?? 30_000,
      slaMs: { ...DEFAULT_SLA_MS, ...options.slaMs },
      slaSweepMs: options.slaSweepMs ?? 1000,
      snapshotMs: options.snapshotMs ?? 3000,
      ...(options.retentionSweepMs ? { retentionSweepMs: options.retentionSweepMs } : {}),
      validateOutgoing: options.validateOutgoing ?? checksOutgoingByDefault(),
      ...(options.unitsInFlight ? { unitsInFlight: options.unitsInFlight } : {}),
    });
    await core.init();

    // Token secret: explicit, env, or generated once and kept in the database (tokens survive a restart
    // of a hub on a file database; with ':memory:' they die with the process).
    let tokenSecret =
      options.tokenSecret ?? process.env.XIAOER_HUB_SECRET ?? (await store.getMeta('token_secret'));
    if (!tokenSecret) {
      tokenSecret = randomBytes(32).toString('hex');
      if (store instanceof RedisHubStore)
        // nodes starting at once must agree on one secret: the first one written wins
        tokenSecret = await store.setMetaIfAbsent('token_secret', tokenSecret);
      else await store.setMeta('token_secret', tokenSecret);
    }
    const webhooks = store.integration
      ? new WebhookDispatcher(
          core,
          store.integration,
          log,
          options.integration?.webhooks,
          // several nodes on Redis: only the timer lease holder sends (src/hub/README.md)
          () => cluster?.leader ?? true,
        )
      : undefined;
    const v1 = createIntegrationHttp({
      core,
      log,
      ...(options.integration?.maxBodyBytes ? { maxBodyBytes: options.integration.maxBodyBytes } : {}),
      ...(options.integration?.rateLimit ? { rateLimit: options.integration.rateLimit } : {}),
      ...(webhooks ? { wakeDispatcher: () => webhooks.wake() } : {}),
    });
    const nodeName = options.node ?? (options.redis ? `node-${process.pid}` : undefined);
    if (store instanceof RedisHubStore && nodeName)
      cluster = await HubCluster.start(store, core, {
        node: nodeName,
        graceMs: options.graceMs ?? 30_000,
        log,
      });
    const { http, io, issueToken } = createHubServer({
      core,
      log,
      v1,
      tokenSecret,
      tokenTtlMs: options.tokenTtlMs ?? 8 * 3600_000,
      ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
      ...(options.commandLimits ? { commandLimits: options.commandLimits } : {}),
      corsOrigins: options.corsOrigins ?? parseOrigins(process.env.XIAOER_HUB_CORS_ORIGINS),
    });
    // The hub CLI (`users disable|role`) writes to the database from another process: notice it here.
    const accessSync = setInterval(
      () => void core.syncUserAccess().catch((err: unknown) => log.error({ err }, 'user access sync failed')),
      options.accessSyncMs ?? 2000,
    );
    accessSync.unref();
    // Integration clients keep connections open between calls: a keep-alive longer than their pools'
    // (undici: 4 s) means the hub never closes a socket a client is about to reuse (ECONNRESET).
    http.keepAliveTimeout = 65_000;
    http.headersTimeout = 66_000;
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    const port = (http.address() as AddressInfo).port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

    webhooks?.start();

    let closed = false;
    const hub: RunningHub = {
      url,
      port,
      host,
      store,
      core,
      io,
      log,
      issueToken,
      ...(webhooks ? { webhooks } : {}),
      ...(cluster ? { cluster } : {}),
      async addAgents(agents) {
        const now = Date.now();
        await core.serial(async () => {
          for (const a of agents) {
            await store.upsertUser({
              id: a.id,
              username: a.id,
              name: a.name ?? a.id,
              role: a.role ?? 'agent',
              skills: a.skills ?? [],
              capacity: a.capacity ?? 5,
              passwordHash: null,
              createdAt: now,
            });
          }
        });
        await core.refreshUsers();
      },
      async close() {
        if (closed) return;
        closed = true;
        await webhooks?.stop();
        clearInterval(accessSync);
        await core.close();
        await cluster?.stop();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        http.closeAllConnections?.();
        await store.close();
      },
    };
    return hub;
  } catch (err) {
    await cluster?.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}

function makeLogger(opt: StartHubOptions['logger']): Logger {
  if (opt === false) return pino({ level: 'silent' });
  if (opt && typeof opt === 'object') return opt;
  const level =
    (typeof opt === 'string' ? opt : undefined) ??
    (process.env.XIAOER_HUB_LOG as pino.Level | undefined) ??
    'warn';
  return pino({ level, base: { svc: 'hub' } }, pino.destination(2));
}

export type { HubStore } from './store/types';
export { SqliteHubStore } from './store/sqlite';
export { RedisHubStore } from './store/redis';
export { HubCore } from './core';
export { DEMO_PASSWORD, DEFAULT_USERS } from './auth/users';
export { evaluateConflicts } from './conflicts/evaluate';

/**
 * The outgoing check is a development assertion, not a guard: what the hub sends is built by typed
 * code from state it already validated on the way in, and every workstation validates each event it
 * receives (sync-client.ts) anyway. Parsing a ticket:assigned (~2 KB, the whole ticket) with zod cost
 * ~70 µs of the ~590 µs an escalation took on the SQLite hub (measured in the hub bench, 500 agents),
 * so a production hub leaves it off and the test suites — where a schema drift must fail loudly —
 * run with it on.
 */
export function checksOutgoingByDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.XIAOER_HUB_CHECK_OUTGOING;
  if (flag === '1') return true;
  if (flag === '0') return false;
  return env.NODE_ENV === 'test' || env.VITEST !== undefined;
}
