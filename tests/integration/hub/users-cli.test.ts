// `npm run hub -- users …` against the store of a running hub (its database file, or its Redis on the
// hub-redis project): the CLI changes the record from another process, and the hub drops the user's
// sockets within its access sync.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliTarget, connectAs, login, testHub } from './helpers';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', 'users', ...args]);

describe('hub users CLI', () => {
  it('disables and demotes accounts of a running hub; their sockets drop', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'hub-users-')), 'hub.db');
    const target = await cliTarget(db);
    const hub = await testHub({
      dbPath: db,
      kbSeedDir: false,
      accessSyncMs: 200,
      ...(target.store ? { store: target.store } : {}),
    });
    try {
      const agent = await connectAs(hub, 'agent3');
      const dropped = new Promise<void>((resolve) => agent.socket.once('disconnect', () => resolve()));
      const { stdout } = await cli('disable', 'agent3', ...target.args);
      expect(stdout).toMatch(/agent3\tagent\tdisabled/);
      await dropped;
      expect((await login(hub, 'agent3')).status).toBe(403);

      await cli('role', 'lead1', 'agent', ...target.args);
      const listed = (await cli('list', ...target.args)).stdout;
      expect(listed).toMatch(/lead1\tagent\tactive/);
      await expect(cli('role', 'lead1', 'boss', ...target.args)).rejects.toMatchObject({ code: 2 });
      await cli('enable', 'agent3', ...target.args);
      expect((await login(hub, 'agent3')).status).toBe(200);
    } finally {
      await hub.close();
    }
  }, 60_000);
});
