// "Open data" from anywhere in the window (toolbar, the empty data screen, the Predict screen): App.vue provides it,
// because it owns the hidden file input that browser mode falls back to. `show` is the screen to show once the file
// is read (the Data screen unless said otherwise).
import { inject, type InjectionKey } from 'vue';
import type { Screen } from '../stores/navigation.ts';

export type OpenData = (show?: Screen) => void;

export const openDataKey: InjectionKey<OpenData> = Symbol('openData');

export function useOpenData(): OpenData {
  const open = inject(openDataKey);
  if (!open) throw new Error('useOpenData needs App.vue to provide openDataKey');
  return open;
}
