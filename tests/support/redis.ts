// A real redis-server for tests: Debian's binary on a free loopback port, its own temp dir, AOF on with
// `appendfsync always` (every write is fsync'd before the reply, the setting the hub documents as the
// one that loses nothing on a crash of Redis; tests are small, so its cost does not matter here).
// Tests that need Redis call startRedis(); they skip with a clear message when the binary is absent.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';

export const REDIS_SERVER_BIN = process.env.XIAOER_REDIS_SERVER ?? '/usr/bin/redis-server';

export function redisAvailable(): boolean {
  return existsSync(REDIS_SERVER_BIN);
}

export const REDIS_MISSING = `redis-server not found at ${REDIS_SERVER_BIN} (apt-get install -y redis-server, or set XIAOER_REDIS_SERVER)`;

export interface RunningRedis {
  url: string;
  port: number;
  dir: string;
  /** kill -9, keeping the data dir (for crash/restart tests). */
  kill(): Promise<void>;
  /** Starts again on the same port and dir (the AOF is replayed). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startRedis(
  opts: {
    appendfsync?: 'always' | 'everysec';
    appendonly?: boolean;
    /** auto-aof-rewrite-percentage (Redis default 100; 0 = never rewritten) */
    aofRewritePercentage?: number;
  } = {},
): Promise<RunningRedis> {
  if (!redisAvailable()) throw new Error(REDIS_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'xiaoer-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const launch = async () => {
    child = spawn(
      REDIS_SERVER_BIN,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        opts.appendonly === false ? 'no' : 'yes',
        '--appendfsync',
        opts.appendfsync ?? 'always',
        '--save',
        '',
        ...(opts.aofRewritePercentage === undefined
          ? []
          : ['--auto-aof-rewrite-percentage', String(opts.aofRewritePercentage)]),
        '--protected-mode',
        'yes',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${stderr}`);
      const c = createClient({ url, socket: { reconnectStrategy: false } });
      c.on('error', () => undefined);
      try {
        await c.connect();
        await c.ping();
        await c.close();
        return;
      } catch {
        c.destroy();
        if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  const waitExit = (sig: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill(sig);
    });

  await launch();
  return {
    url,
    port,
    dir,
    kill: () => waitExit('SIGKILL'),
    restart: launch,
    async stop() {
      await waitExit('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
