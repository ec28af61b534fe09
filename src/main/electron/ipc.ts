// Electron IPC derived from the API contract: one invoke channel routed by method name through the
// core's router (which validates every input), and one event channel. Every call's sender is checked:
// only the top-level frame of one of our own windows, loaded from our own origin, may call the core.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api';
import { fail } from '../../shared/result';
import type { XiaoerCore } from '../core/app-core';

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  windows: readonly BrowserWindow[],
  appOrigin: string,
): boolean {
  const frame = event.senderFrame;
  const window = windows.find((w) => w.webContents === event.sender);
  if (!frame || !window || frame !== window.webContents.mainFrame) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'file:' ? appOrigin === 'file://' : url.origin === appOrigin;
  } catch {
    return false;
  }
}

export function registerIpc(core: XiaoerCore, windows: () => BrowserWindow[], appOrigin: string): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, windows(), appOrigin))
      return fail('FORBIDDEN', 'IPC refused: untrusted sender');
    return core.router.dispatch(method, input);
  });
  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
