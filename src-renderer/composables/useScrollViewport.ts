// The scroll position and height of a virtualised list's scroller, read once per frame (scroll events come faster
// than frames), reset to the top when `resetOn` changes; observers and frames are released with the component.
import { onMounted, onScopeDispose, ref, watch, type Ref } from 'vue';

export function useScrollViewport(
  scroller: Ref<HTMLElement | undefined>,
  initialHeight: number,
  resetOn: () => unknown,
) {
  const scrollTop = ref(0);
  const viewportHeight = ref(initialHeight);
  let frame = 0;
  function onScroll() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      scrollTop.value = scroller.value?.scrollTop ?? 0;
    });
  }
  let observer: ResizeObserver | undefined;
  onMounted(() => {
    observer = new ResizeObserver(([entry]) => {
      if (entry) viewportHeight.value = entry.contentRect.height;
    });
    if (scroller.value) observer.observe(scroller.value);
  });
  onScopeDispose(() => {
    observer?.disconnect();
    cancelAnimationFrame(frame);
  });
  watch(resetOn, () => {
    scroller.value?.scrollTo({ top: 0 });
    scrollTop.value = 0;
  });
  return { scrollTop, viewportHeight, onScroll };
}
