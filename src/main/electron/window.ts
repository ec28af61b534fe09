// The main window with hardened defaults (Electron security checklist): context isolation, sandbox,
// no Node in the renderer, a strict CSP, navigation and new windows refused, permissions limited.
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

const ALLOWED_PERMISSIONS = new Set(['notifications']);

export function createMainWindow(
  preloadPath: string,
  rendererUrl: string | undefined,
  rendererDir: string,
): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: '小二工作台',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: !process.env['XIAOER_PRODUCTION'],
    },
  });
  window.once('ready-to-show', () => window.show());

  const appOrigin = rendererUrl ? new URL(rendererUrl).origin : 'file://';
  window.webContents.on('will-navigate', (event, url) => {
    if (rendererUrl ? new URL(url).origin !== appOrigin : !url.startsWith('file://')) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app; only https is passed on.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(join(rendererDir, 'index.html'));
  return window;
}
