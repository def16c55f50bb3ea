// Which screen the window shows: the left navigation's state, also set by actions (a finished job's "Results").
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const screens = [
  { id: 'data', label: 'Data' },
  { id: 'model', label: 'Model' },
  { id: 'runs', label: 'Runs' },
  { id: 'results', label: 'Results' },
  { id: 'compare', label: 'Compare' },
  { id: 'predict', label: 'Predict' },
] as const;

export type Screen = (typeof screens)[number]['id'];

export const useNavigationStore = defineStore('navigation', () => {
  const screen = ref<Screen>('data');
  return { screen, go: (to: Screen) => (screen.value = to) };
});
