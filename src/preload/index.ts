// The preload exposes exactly one object, derived from the API contract: invoke(method, input) for the
// methods the contract lists and subscribe(listener) for its events. Raw ipcRenderer never reaches
// the page, and a method or event outside the contract is refused here before it reaches main.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, isApiEvent, isApiMethod } from '../shared/api';

const api = {
  invoke(method: string, input: unknown): Promise<unknown> {
    if (!isApiMethod(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: `unknown API method: ${method}` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input);
  },
  subscribe(listener: (event: string, payload: unknown) => void): () => void {
    const handler = (_e: IpcRendererEvent, event: unknown, payload: unknown) => {
      if (isApiEvent(event)) listener(event, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('xiaoer', api);
// A file dropped or picked in the page reaches the core by its path (kb.import { path }), never as bytes.
contextBridge.exposeInMainWorld('xiaoerFiles', {
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});
