// "Open data" from anywhere in the window (toolbar, the empty data screen): App.vue provides it, because it owns the
// hidden file input that browser mode falls back to.
import { inject, type InjectionKey } from 'vue';

export const openDataKey: InjectionKey<() => void> = Symbol('openData');

export function useOpenData(): () => void {
  const open = inject(openDataKey);
  if (!open) throw new Error('useOpenData needs App.vue to provide openDataKey');
  return open;
}
