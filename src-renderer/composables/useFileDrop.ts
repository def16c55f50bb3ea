// Drag and drop of a file onto an element: `dragging` while a file hovers, `onFile` with the dropped file.
import { onScopeDispose, ref, watch, type Ref } from 'vue';

export function useFileDrop(target: Ref<HTMLElement | undefined>, onFile: (file: File) => void) {
  const dragging = ref(false);
  const carriesFile = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const over = (event: DragEvent) => {
    if (!carriesFile(event)) return;
    event.preventDefault();
    dragging.value = true;
  };
  const leave = (event: DragEvent) => {
    if (event.target === target.value) dragging.value = false;
  };
  const drop = (event: DragEvent) => {
    if (!carriesFile(event)) return;
    event.preventDefault();
    dragging.value = false;
    const file = event.dataTransfer?.files[0];
    if (file) onFile(file);
  };
  const listeners = { dragenter: over, dragover: over, dragleave: leave, drop } as const;

  const stop = watch(
    target,
    (element, _, onCleanup) => {
      if (!element) return;
      for (const [name, listener] of Object.entries(listeners))
        element.addEventListener(name, listener as EventListener);
      onCleanup(() => {
        for (const [name, listener] of Object.entries(listeners)) {
          element.removeEventListener(name, listener as EventListener);
        }
      });
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return { dragging };
}
