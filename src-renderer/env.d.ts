/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** Present in Electron only: the preload's bridge (src-main/electron/preload.ts). */
  api?: {
    invoke(method: string, payload: unknown): Promise<unknown>;
    on(listener: (event: unknown) => void): () => void;
  };
}
