// Starts the real product for a test: a hub with the simulator, a workstation core signed in as an
// agent, and the browser shell serving the built renderer. Nothing is mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHub } from '../../src/hub/index';
import { XiaoerCore } from '../../src/main/core/app-core';
import { startBrowserShell } from '../../src/main/core/bridge/browser-shell-server';

export const DEMO_PASSWORD = 'xiaoer123';

export interface StackOptions {
  seed?: number;
  user?: string;
  simulate?: boolean;
  /** Start signed out, so the test drives the login screen itself. */
  signedOut?: boolean;
}

export async function startStack(options: StackOptions = {}) {
  const hub = await startHub({ port: 0, simulate: options.simulate ?? true, seed: options.seed ?? 7 });
  const dataDir = mkdtempSync(join(tmpdir(), 'xiaoer-test-'));
  const core = new XiaoerCore({ dataDir, shell: 'browser' });
  if (!options.signedOut) await core.session.login(hub.url, options.user ?? 'agent1', DEMO_PASSWORD);
  const shell = await startBrowserShell({ core, rendererDir: resolve('out/renderer') });
  return {
    hub,
    core,
    shell,
    dataDir,
    async close() {
      await shell.close();
      await core.close();
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
