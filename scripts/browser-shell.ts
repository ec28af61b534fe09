// Runs the workstation as the browser shell: the real core plus the built renderer on 127.0.0.1.
//   npm run build:renderer && tsx scripts/browser-shell.ts [--data-dir DIR] [--port N]
//     [--hub URL --user NAME --password PW]   (optional: sign in right away)
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { XiaoerCore } from '../src/main/core/app-core';
import { startBrowserShell } from '../src/main/core/bridge/browser-shell-server';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: resolve('.data/workstation') },
    port: { type: 'string', default: '0' },
    hub: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
  },
});

const core = new XiaoerCore({ dataDir: resolve(values['data-dir']), shell: 'browser' });
if (values.hub && values.user && values.password) {
  await core.session.login(values.hub, values.user, values.password);
} else {
  core.start();
}
const shell = await startBrowserShell({ core, rendererDir: resolve('out/renderer'), port: Number(values.port) });
console.log(`workstation ready: open ${shell.url}`);

const stop = async () => {
  await shell.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
