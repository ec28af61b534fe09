// Electron main process: a thin shell around the Electron-free core.
import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XiaoerCore } from './core/app-core';
import { registerIpc } from './electron/ipc';
import { SafeStorageKeyProvider } from './electron/safe-storage-keys';
import { createMainWindow } from './electron/window';

const here = dirname(fileURLToPath(import.meta.url));

app.enableSandbox();

async function main(): Promise<void> {
  await app.whenReady();
  // Packaged: resources are unpacked next to the asar (electron-builder.yml asarUnpack).
  if (app.isPackaged)
    process.env['XIAOER_RESOURCES_DIR'] ??= join(process.resourcesPath, 'app.asar.unpacked', 'resources');
  const dataDir = process.env['XIAOER_DATA_DIR'] ?? join(app.getPath('userData'), 'data');
  const core = new XiaoerCore({
    dataDir,
    shell: 'electron',
    version: app.getVersion(),
    dataKeys: await new SafeStorageKeyProvider(dataDir).loadKeys(),
  });
  const rendererUrl = process.env['ELECTRON_RENDERER_URL'];
  const windows = createMainWindow(
    join(here, '../preload/index.cjs'),
    rendererUrl,
    join(here, '../renderer'),
  );
  const appOrigin = rendererUrl ? new URL(rendererUrl).origin : 'file://';
  const unregister = registerIpc(core, windows.all, appOrigin);

  // The dock/taskbar badge carries the unread count. Notifications for new escalations come from the
  // renderer (Web Notifications work in Electron and know which tickets are new), so none here.
  core.events.subscribe((event) => {
    if (event === 'tickets.upserted') {
      const unread = core.tickets.listOpen().reduce((n, t) => n + t.unread, 0);
      app.setBadgeCount(unread);
    }
  });

  const hubUrl = process.env['XIAOER_HUB_URL'];
  const user = process.env['XIAOER_USER'];
  const password = process.env['XIAOER_PASSWORD'];
  if (hubUrl && user && password && core.session.state().phase === 'signed_out') {
    await core.session.login(hubUrl, user, password).catch(() => undefined);
  } else {
    core.start();
  }

  app.on('window-all-closed', () => {
    unregister();
    void core.close().then(() => app.quit());
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) app.quit();
  });
}

void main();
