// The guided tour (tour/tourSteps.ts): which step is shown, moving between steps (each shows its screen), and the
// localStorage flag that makes the first start open the example with the tour only once.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { readSetting, settingKeys, writeSetting } from '../settings/localSettings.ts';
import { tourSteps } from '../tour/tourSteps.ts';
import { useNavigationStore } from './navigation.ts';

export const useTourStore = defineStore('tour', () => {
  const navigation = useNavigationStore();
  const index = ref<number | null>(null);
  const step = computed(() => (index.value === null ? null : (tourSteps[index.value] ?? null)));

  function show(at: number) {
    const next = tourSteps[at];
    if (!next) return;
    index.value = at;
    navigation.go(next.screen);
  }

  function end() {
    index.value = null;
    writeSetting(settingKeys.tourDone, '1');
  }

  return {
    index,
    step,
    count: tourSteps.length,
    /** True on the first start: no tour finished or skipped in this profile yet. */
    firstStart: () => readSetting(settingKeys.tourDone) === null,
    start: () => show(0),
    next: () => (index.value !== null && index.value + 1 < tourSteps.length ? show(index.value + 1) : end()),
    back: () => index.value !== null && index.value > 0 && show(index.value - 1),
    end,
  };
});
