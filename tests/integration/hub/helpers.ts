/* eslint-disable @typescript-eslint/no-explicit-any -- event payloads here are checked by the assertions, not the type system */
// Test helpers: a real hub on port 0 and real socket.io clients that record every event they get.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { startHub, type RunningHub, type StartHubOptions } from '../../../src/hub/index';
import { RedisHubStore } from '../../../src/hub/store/redis';
import type { HubStore } from '../../../src/hub/store/types';
import type { ClientCommandName, CommandInput, CommandOutput } from '../../../src/shared/hub-protocol';
import type { Result } from '../../../src/shared/result';

export const PASSWORD = 'xiaoer123';

/** Which store the hub suite runs on: the vitest project "hub-redis" sets XIAOER_TEST_HUB_STORE=redis. */
export const HUB_STORE: 'sqlite' | 'redis' =
  process.env.XIAOER_TEST_HUB_STORE === 'redis' ? 'redis' : 'sqlite';

/**
 * A store for one test hub. On SQLite: undefined (startHub opens its own, in memory or at dbPath). On
 * Redis: a fresh key prefix on the run's redis-server; pass the same `prefix` again to reopen the same
 * state (a restart).
 */
export async function testStore(prefix = `t${randomUUID().slice(0, 8)}`): Promise<HubStore | undefined> {
  if (HUB_STORE !== 'redis') return undefined;
  return RedisHubStore.connect({ url: inject('redisUrl'), prefix });
}

/**
 * For the administration CLIs (`users`, `integrations`): a store for a test hub and the flags that make
 * a CLI work on the same state — `--db` on the SQLite file, `--redis URL --redis-prefix P` on Redis.
 */
export async function cliTarget(dbPath: string): Promise<{ store?: HubStore; args: string[] }> {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const store = await testStore(prefix);
  return store
    ? { store, args: ['--redis', inject('redisUrl'), '--redis-prefix', prefix] }
    : { args: ['--db', dbPath] };
}

/** On Redis the hub also runs as a cluster node (shared presence, fan-out, timer lease), alone. */
export async function testHub(opts: StartHubOptions = {}): Promise<RunningHub> {
  const store = opts.store ?? (await testStore());
  return startHub({
    port: 0,
    logger: false,
    tokenSecret: 'test-secret-0123456789',
    ...(store ? { store, node: `n-${randomUUID().slice(0, 6)}` } : {}),
    ...opts,
  });
}

export async function login(
  hub: RunningHub,
  username: string,
  password = PASSWORD,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${hub.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: await res.json() };
}

export interface Recorded {
  name: string;
  payload: any;
}

export class TestClient {
  readonly events: Recorded[] = [];
  readonly socket: Socket;
  private waiters: Array<() => void> = [];

  constructor(url: string, auth: Record<string, unknown>) {
    this.socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.onAny((name: string, payload: unknown) => {
      this.events.push({ name, payload });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (e) => reject(e));
    });
  }

  connectError(): Promise<Error & { data?: any }> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => reject(new Error('unexpectedly connected')));
      this.socket.once('connect_error', (e) => resolve(e));
    });
  }

  async cmd<K extends ClientCommandName>(
    name: K,
    input: CommandInput<K> | unknown,
    timeoutMs = 10_000,
  ): Promise<Result<CommandOutput<K>>> {
    return (await (this.socket.timeout(timeoutMs) as any).emitWithAck(name, input)) as Result<
      CommandOutput<K>
    >;
  }

  async ok<K extends ClientCommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
    const r = await this.cmd(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.data;
  }

  of(name: string): any[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload);
  }

  seqs(): number[] {
    return this.events.filter((e) => typeof e.payload?.seq === 'number').map((e) => e.payload.seq as number);
  }

  async waitFor(name: string, pred: (p: any) => boolean = () => true, timeoutMs = 8000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.find((e) => e.name === name && pred(e.payload));
      if (hit) return hit.payload;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${name}; got ${this.events.map((e) => e.name).join(', ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** Logs in (or mints a token for password-less users) and connects; resumes from lastSeq unless resume:false. */
export async function connectAs(
  hub: RunningHub,
  username: string,
  opts: { lastSeq?: number; resume?: boolean; status?: 'online' | 'away' | 'busy' } = {},
): Promise<TestClient> {
  const r = await login(hub, username);
  const token = r.status === 200 ? r.body.token : hub.issueToken(username).token;
  const c = new TestClient(hub.url, { token, ...(opts.status ? { status: opts.status } : {}) });
  await c.connected();
  if (opts.resume !== false) await c.ok('session:resume', { lastSeq: opts.lastSeq ?? 0 });
  return c;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 8000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
