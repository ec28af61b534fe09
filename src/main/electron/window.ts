// The app's windows with hardened defaults (Electron security checklist): context isolation, sandbox,
// no Node in the renderer, a strict CSP, navigation refused, permissions limited. New windows are
// refused too, except a conversation popped out of our own renderer (`?popout=<ticketId>`), which
// opens with the same hardening and the same preload.
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { isPopoutUrl } from './popout-url';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

const ALLOWED_PERMISSIONS = new Set(['notifications']);

function webPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    devTools: !process.env['XIAOER_PRODUCTION'],
  };
}

export interface AppWindows {
  main: BrowserWindow;
  /** Every open window of ours (main first), for the IPC sender check and event fan-out. */
  all(): BrowserWindow[];
}

export function createMainWindow(
  preloadPath: string,
  rendererUrl: string | undefined,
  rendererDir: string,
): AppWindows {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });

  const main = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: '小二工作台',
    show: false,
    webPreferences: webPreferences(preloadPath),
  });
  main.once('ready-to-show', () => main.show());

  const appOrigin = rendererUrl ? new URL(rendererUrl).origin : 'file://';
  const popouts = new Set<BrowserWindow>();

  const harden = (contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (rendererUrl ? new URL(url).origin !== appOrigin : !url.startsWith('file://'))
        event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isPopoutUrl(url, appOrigin))
        return {
          action: 'allow',
          overrideBrowserWindowOptions: {
            width: 980,
            height: 820,
            minWidth: 720,
            minHeight: 560,
            webPreferences: webPreferences(preloadPath),
          },
        };
      // Links to the web open in the user's browser, never inside the app; only https is passed on.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('did-create-window', (child) => {
      popouts.add(child);
      child.on('closed', () => popouts.delete(child));
      harden(child.webContents);
    });
  };
  harden(main.webContents);

  if (rendererUrl) void main.loadURL(rendererUrl);
  else void main.loadFile(join(rendererDir, 'index.html'));
  return { main, all: () => [main, ...popouts].filter((w) => !w.isDestroyed()) };
}
