// Asks before the window closes or reloads while `unsaved()` holds (the browser's own prompt; Electron's main
// process decides what to show, see its will-prevent-unload handling).
import { onScopeDispose } from 'vue';

export function useBeforeUnload(unsaved: () => boolean) {
  const listener = (event: BeforeUnloadEvent) => {
    if (unsaved()) event.preventDefault();
  };
  window.addEventListener('beforeunload', listener);
  onScopeDispose(() => window.removeEventListener('beforeunload', listener));
}
