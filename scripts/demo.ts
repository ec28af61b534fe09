// `npm run demo`: the hub and the scenario simulator as two processes of their own — the simulator a
// client of the hub's integration API (its key made here, in the hub database) — plus the workstation
// signed in as agent1: Electron where its binary is installed, otherwise the browser shell, printing
// the URL to open. Press h (then Enter, without a terminal) to stop the hub and watch the workstation
// go offline; h again starts it on the same port and database and the workstation comes back.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { XiaoerCore } from '../src/main/core/app-core';
import { startBrowserShell } from '../src/main/core/bridge/browser-shell-server';
import { electronBinary } from './electron-binary';
import { simulatorKeyFor } from './simulator-key';

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

const dataDir = values['data-dir']
  ? resolve(values['data-dir'])
  : mkdtempSync(join(tmpdir(), 'xiaoer-demo-'));
const hubDb = join(dataDir, 'hub.db');

/** Starts a TypeScript entry point as a child process; resolves with its first stdout line. */
function launch(name: string, file: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const firstLine = new Promise<string>((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => {
      resolveLine(l);
      rl.on('line', (more) => console.log(`[${name}] ${more}`));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
  });
  return { child, firstLine };
}

let hubPort = Number(values['hub-port']);
let hub: ChildProcess | null = null;
let hubUrl = '';
let quitting = false;

async function startHubProcess(): Promise<void> {
  const p = launch('hub', 'src/hub/cli.ts', ['--port', String(hubPort), '--db', hubDb, '--log', 'warn']);
  const line = await p.firstLine;
  const m = /hub listening on (http:\/\/\S+)/.exec(line);
  if (!m) throw new Error(`unexpected hub output: ${line}`);
  hubUrl = m[1]!;
  hubPort = Number(new URL(hubUrl).port);
  hub = p.child;
  p.child.once('exit', () => {
    if (hub === p.child) hub = null;
    if (!quitting)
      console.log(
        'hub stopped: the workstation is offline now and keeps working (press h to start the hub again)',
      );
  });
  console.log(`hub listening on ${hubUrl} (pid ${p.child.pid})`);
}

function stopHubProcess(): Promise<void> {
  const h = hub;
  if (!h) return Promise.resolve();
  return new Promise((r) => {
    h.once('exit', () => r());
    h.kill('SIGTERM');
  });
}

const apiKey = await simulatorKeyFor(hubDb);
await startHubProcess();
const sim = launch(
  'simulator',
  'src/simulator/cli.ts',
  ['--hub', hubUrl, '--seed', String(values.seed), ...(values.rate ? ['--rate', values.rate] : [])],
  { XIAOER_SIMULATOR_KEY: apiKey },
);
console.log(await sim.firstLine);

const children = () => [sim.child, ...(hub ? [hub] : [])];
async function quit(code = 0): Promise<never> {
  quitting = true;
  for (const c of children()) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  process.exit(code);
}

/** h toggles the hub; q quits. Raw keys in a terminal, lines otherwise. */
function hubControls(): void {
  const toggle = async () => {
    if (hub) {
      console.log('stopping the hub …');
      await stopHubProcess();
    } else {
      console.log('starting the hub again …');
      await startHubProcess();
    }
  };
  const onKey = (k: string) => {
    if (k === 'h') void toggle().catch((e: unknown) => console.error(`hub: ${(e as Error).message}`));
    if (k === 'q' || k === '\u0003') void quit();
  };
  if (process.stdin.isTTY) {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d: string) => onKey(d));
  } else {
    createInterface({ input: process.stdin }).on('line', (l) => onKey(l.trim()));
  }
  console.log('keys: h = stop / start the hub (watch the workstation go offline and come back), q = quit');
}

const electron = values.browser ? null : electronBinary();
if (electron) {
  run('npx', ['electron-vite', 'build']);
  const child = spawn(electron, ['.'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      XIAOER_HUB_URL: hubUrl,
      XIAOER_USER: values.user,
      XIAOER_PASSWORD: values.password,
      XIAOER_DATA_DIR: dataDir,
    },
  });
  child.on('exit', () => void quit());
  hubControls();
} else {
  if (!existsSync('out/renderer/index.html')) {
    console.log('building the renderer (first run) …');
    run('npx', ['vite', 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  }
  const core = new XiaoerCore({ dataDir: join(dataDir, 'workstation'), shell: 'browser' });
  await core.session.login(hubUrl, values.user, values.password);
  const shell = await startBrowserShell({
    core,
    rendererDir: resolve('out/renderer'),
    port: Number(values.port),
  });
  console.log(values.browser ? '' : 'Electron is not installed here: running the browser shell instead.');
  console.log(
    `signed in as ${values.user}; other demo users: agent2…agent8, lead1, admin (password ${values.password})`,
  );
  hubControls();
  console.log(`Xiaoer Desk is ready — open ${shell.url}`);
  const stop = async () => {
    quitting = true;
    await shell.close();
    await core.close();
    await quit();
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
