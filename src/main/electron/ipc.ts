// Electron IPC derived from the API contract: one invoke channel routed by method name through the
// core's router (which validates every input), and one event channel. Every call's sender is checked:
// only the top-level frame of our own window, loaded from our own origin, may call the core.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api';
import { fail } from '../../shared/result';
import type { XiaoerCore } from '../core/app-core';

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: BrowserWindow,
  appOrigin: string,
): boolean {
  const frame = event.senderFrame;
  if (!frame || event.sender !== window.webContents || frame !== window.webContents.mainFrame) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'file:' ? appOrigin === 'file://' : url.origin === appOrigin;
  } catch {
    return false;
  }
}

export function registerIpc(core: XiaoerCore, window: BrowserWindow, appOrigin: string): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, window, appOrigin)) return fail('FORBIDDEN', 'IPC refused: untrusted sender');
    return core.router.dispatch(method, input);
  });
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
