// `npm run demo`: a hub with the scenario simulator plus the workstation signed in as agent1.
// Electron where its binary is installed; otherwise the browser shell, printing the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from '../src/hub/index';
import { XiaoerCore } from '../src/main/core/app-core';
import { startBrowserShell } from '../src/main/core/bridge/browser-shell-server';
import { electronBinary } from './electron-binary';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    rate: { type: 'string' },
    'hub-port': { type: 'string', default: '0' },
    port: { type: 'string', default: '0' },
    user: { type: 'string', default: 'agent1' },
    password: { type: 'string', default: 'xiaoer123' },
    browser: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

const dataDir = values['data-dir'] ? resolve(values['data-dir']) : mkdtempSync(join(tmpdir(), 'xiaoer-demo-'));
const hub = await startHub({
  port: Number(values['hub-port']),
  simulate: true,
  seed: Number(values.seed),
  ...(values.rate ? { rate: Number(values.rate) } : {}),
});
console.log(`hub listening on ${hub.url} (simulator on, seed ${values.seed})`);

const electron = values.browser ? null : electronBinary();
if (electron) {
  run('npx', ['electron-vite', 'build']);
  const child = spawn(electron, ['.'], {
    stdio: 'inherit',
    env: { ...process.env, XIAOER_HUB_URL: hub.url, XIAOER_USER: values.user, XIAOER_PASSWORD: values.password, XIAOER_DATA_DIR: dataDir },
  });
  child.on('exit', async () => {
    await hub.close();
    process.exit(0);
  });
} else {
  if (!existsSync('out/renderer/index.html')) {
    console.log('building the renderer (first run) …');
    run('npx', ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  }
  const core = new XiaoerCore({ dataDir, shell: 'browser' });
  await core.session.login(hub.url, values.user, values.password);
  const shell = await startBrowserShell({ core, rendererDir: resolve('out/renderer'), port: Number(values.port) });
  console.log(values.browser ? '' : 'Electron is not installed here: running the browser shell instead.');
  console.log(`signed in as ${values.user}; other demo users: agent2…agent8, lead1, admin (password ${values.password})`);
  console.log(`Xiaoer Desk is ready — open ${shell.url}`);
  const stop = async () => {
    await shell.close();
    await core.close();
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
