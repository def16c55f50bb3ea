// Chooses the transport at start: the preload's bridge in Electron, loopback HTTP in browser mode.
import type { ApiClient } from '../../src-shared/api.ts';
import { makeHttpClient } from './httpClient.ts';
import { makeIpcClient } from './ipcClient.ts';

export const api: ApiClient = window.api ? makeIpcClient(window.api) : makeHttpClient(location.origin, readToken());

/** The per-launch token arrives in the URL once; keep it for reloads and drop it from the address bar. */
function readToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('mixedml-token', fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url);
  }
  return fromUrl ?? sessionStorage.getItem('mixedml-token') ?? '';
}
