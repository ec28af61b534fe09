// `npm run hub -- integrations …` against the store of a running hub (its database file, or its Redis on
// the hub-redis project): the key printed once
// works at once, only its hash is stored, and a revocation from the CLI (another process) is refused on
// the very next request.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { IntegrationClient } from '../../../src/integration-client';
import { RedisHubStore } from '../../../src/hub/store/redis';
import { cliTarget, testHub } from './helpers';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', 'integrations', ...args], {
    cwd: process.cwd(),
  });

let dir: string;
let hub: RunningHub;
let target: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xiaoer-int-cli-'));
  const t = await cliTarget(join(dir, 'hub.db'));
  target = t.args;
  hub = await testHub({
    dbPath: join(dir, 'hub.db'),
    kbSeedDir: false,
    ...(t.store ? { store: t.store } : {}),
  });
});

/** Everything the store holds (the file, or every key's content under the prefix), to search for a secret. */
async function storedBytes(db: string): Promise<Buffer> {
  const store = hub.store;
  if (!(store instanceof RedisHubStore))
    // the database and its write-ahead log (recent commits live there until a checkpoint)
    return Buffer.concat([db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  const dumps: string[] = [];
  for await (const keys of store.client.scanIterator({ MATCH: `${store.keys.prefix}:*` }))
    for (const key of keys) {
      const read = {
        hash: ['HGETALL', key],
        string: ['GET', key],
        set: ['SMEMBERS', key],
        list: ['LRANGE', key, '0', '-1'],
        zset: ['ZRANGE', key, '0', '-1'],
        stream: ['XRANGE', key, '-', '+'],
      }[String(await store.client.type(key))];
      if (read) dumps.push(JSON.stringify(await store.client.sendCommand(read)));
    }
  return Buffer.from(dumps.join('\n'));
}
afterAll(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('integrations CLI', () => {
  it('add prints the key once; list never shows it; revoke applies to the running hub at once', async () => {
    const db = join(dir, 'hub.db');
    const added = JSON.parse(
      (await cli('add', 'shop-a', '--scopes', 'webhooks,escalate', ...target, '--json')).stdout,
    );
    expect(added.key).toMatch(/^xk_[a-z0-9]{12}_/);
    const client = new IntegrationClient({ baseUrl: hub.url, apiKey: added.key });
    expect((await client.listWebhooks()).ok).toBe(true);

    const listed = (await cli('list', ...target)).stdout;
    expect(listed).toContain('shop-a');
    expect(listed).toContain('webhooks,escalate');
    expect(listed).not.toContain(added.key);
    const stored = await storedBytes(db);
    expect(stored.includes(Buffer.from(added.key))).toBe(false);
    expect(stored.includes(Buffer.from(added.key.split('_')[1]))).toBe(true); // the key's public id is

    await cli('revoke', 'shop-a', ...target);
    const after = await client.listWebhooks();
    expect(after).toMatchObject({ ok: false, status: 401 });
  }, 60_000);

  it('refuses unknown scopes and names what is allowed', async () => {
    const err = await cli('add', 'x', '--scopes', 'escalate,everything', ...target).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/unknown scope\(s\) everything; choose from escalate/);
  }, 30_000);
});
