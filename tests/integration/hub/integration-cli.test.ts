// `npm run hub -- integrations …` against the database file of a running hub: the key printed once
// works at once, only its hash is stored, and a revocation from the CLI (another process) is refused on
// the very next request.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../../src/hub/index';
import { IntegrationClient } from '../../../src/integration-client';
import { testHub } from './helpers';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', 'integrations', ...args], {
    cwd: process.cwd(),
  });

let dir: string;
let hub: RunningHub;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xiaoer-int-cli-'));
  hub = await testHub({ dbPath: join(dir, 'hub.db'), kbSeedDir: false });
});
afterAll(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('integrations CLI', () => {
  it('add prints the key once; list never shows it; revoke applies to the running hub at once', async () => {
    const db = join(dir, 'hub.db');
    const added = JSON.parse(
      (await cli('add', 'shop-a', '--scopes', 'webhooks,escalate', '--db', db, '--json')).stdout,
    );
    expect(added.key).toMatch(/^xk_[a-z0-9]{12}_/);
    const client = new IntegrationClient({ baseUrl: hub.url, apiKey: added.key });
    expect((await client.listWebhooks()).ok).toBe(true);

    const listed = (await cli('list', '--db', db)).stdout;
    expect(listed).toContain('shop-a');
    expect(listed).toContain('webhooks,escalate');
    expect(listed).not.toContain(added.key);
    expect(readFileSync(db).includes(Buffer.from(added.key))).toBe(false);

    await cli('revoke', 'shop-a', '--db', db);
    const after = await client.listWebhooks();
    expect(after).toMatchObject({ ok: false, status: 401 });
  }, 60_000);

  it('refuses unknown scopes and names what is allowed', async () => {
    const err = await cli('add', 'x', '--scopes', 'escalate,everything', '--db', join(dir, 'hub.db')).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/unknown scope\(s\) everything; choose from escalate/);
  }, 30_000);
});
