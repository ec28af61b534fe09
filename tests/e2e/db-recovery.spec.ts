// A damaged xiaoer.db once ended the core with a raw stack trace. Now the workstation starts with a
// fresh database, the agent signs in again, the tickets they held come back from the hub (resume from
// seq 0), and a notice says what happened and where the damaged file went.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHubWithSimulator } from '../support/simulator';
import { XiaoerCore } from '../../src/main/core/app-core';
import { startBrowserShell, type RunningBrowserShell } from '../../src/main/core/bridge/browser-shell-server';
import { CALM_SEED, loginAs, quietHub, waitFor } from '../support/flows';
import { DEMO_PASSWORD } from '../support/stack';

test('a damaged database is moved aside, rebuilt from the hub, and the agent is told', async ({ page }) => {
  const hub = await startHubWithSimulator({ port: 0, seed: CALM_SEED, ...quietHub() });
  const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-dbrec-e2e-'));
  let core: XiaoerCore | null = null;
  let shell: RunningBrowserShell | null = null;
  try {
    // first run: agent1 signs in and is given a ticket
    core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    await core.session.login(hub.url, 'agent1', DEMO_PASSWORD);
    const first = core;
    const held = await waitFor(async () => {
      const r = await first.router.dispatch('tickets.list', {});
      return r.ok && (r.data as { id: string }[]).length ? (r.data as { id: string }[])[0]!.id : null;
    }, 30_000);
    await core.close();
    core = null;

    // the disk garbles the database
    writeFileSync(join(dataDir, 'xiaoer.db'), Buffer.alloc(128 * 1024, 0x5a));

    core = new XiaoerCore({ dataDir, shell: 'browser', model: null });
    shell = await startBrowserShell({ core, rendererDir: resolve('out/renderer') });
    await loginAs(page, shell.url, hub.url, 'agent1');
    const notice = page.getByTestId('db-recovery-notice');
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await expect(notice).toContainText('本机数据库已损坏');
    await expect(notice).toContainText('xiaoer.db.corrupt-');
    await expect(notice).toContainText('无法读出');
    // the ticket agent1 held comes back from the hub's replay
    await expect(page.locator(`[data-testid="queue-item"][data-ticket-id="${held}"]`)).toBeVisible({
      timeout: 20_000,
    });
    await page.screenshot({ path: 'test-results/db-recovery-zh.png' });
    await page.getByTestId('db-recovery-dismiss').click();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('top-bar')).toBeVisible();
    await expect(page.getByTestId('db-recovery-notice')).toHaveCount(0);
  } finally {
    await shell?.close();
    await core?.close();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
