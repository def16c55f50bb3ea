// The preload exposes exactly `invoke` and `on` of the typed api, nothing else: no ipcRenderer, no fs, no generic
// send. The renderer validates nothing here; the main process validates every message.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const bridge = {
  invoke: (method: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke('api:invoke', method, payload),
  on(listener: (event: unknown) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on('api:event', wrapped);
    return () => ipcRenderer.off('api:event', wrapped);
  },
};

export type Bridge = typeof bridge;

contextBridge.exposeInMainWorld('api', bridge);
