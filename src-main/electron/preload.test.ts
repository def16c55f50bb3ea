import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), off: vi.fn() },
}));

describe('preload', () => {
  it('exposes only invoke and on, under window.api', async () => {
    await import('./preload.ts');
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed.api as object).sort()).toEqual(['invoke', 'on']);
  });
});
