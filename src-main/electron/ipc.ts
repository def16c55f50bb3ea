// Binds the services to ipcMain. Every message is validated (method name and payload) before a handler runs, and
// errors travel back as data so the renderer can rebuild them as ApiError.
import { ipcMain, type WebContents } from 'electron';
import { ZodError } from 'zod';
import { ApiError, isMethod } from '../../src-shared/api.ts';
import { dispatch, type Services } from '../services/services.ts';

export function bindIpc(
  { handlers, onEvent }: Services,
  windows: () => WebContents[],
  isAppUrl: (url: string) => boolean,
): void {
  onEvent((event) => {
    for (const contents of windows()) contents.send('api:event', event);
  });
  ipcMain.handle('api:invoke', async (event, method: unknown, payload: unknown) => {
    try {
      // Only the app's own page may call the backend, never a page the window was somehow led to.
      if (!isAppUrl(event.senderFrame?.url ?? '')) throw new ApiError('unauthorized', 'not the app window');
      if (typeof method !== 'string' || !isMethod(method)) throw new ApiError('not-found', `no API method ${method}`);
      return { ok: await dispatch(handlers, method, payload) };
    } catch (error) {
      const kind = error instanceof ApiError ? error.kind : error instanceof ZodError ? 'bad-request' : 'failed';
      return { error: { kind, message: error instanceof Error ? error.message : String(error) } };
    }
  });
}
