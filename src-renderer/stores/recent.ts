// Data files and projects opened by path, for the toolbar's Recent menu (recent/recentList.ts), kept in localStorage.
// A file that no longer opens is dropped by whoever tried to open it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { parseRecent, withRecent, withoutRecent, type RecentEntry, type RecentKind } from '../recent/recentList.ts';
import { readSetting, settingKeys, writeSetting } from '../settings/localSettings.ts';

export const useRecentStore = defineStore('recent', () => {
  const entries = ref<RecentEntry[]>(parseRecent(readSetting(settingKeys.recent)));

  function set(list: RecentEntry[]) {
    entries.value = list;
    writeSetting(settingKeys.recent, JSON.stringify(list));
  }

  return {
    entries,
    add: (kind: RecentKind, path: string) => set(withRecent(entries.value, { kind, path })),
    drop: (kind: RecentKind, path: string) => set(withoutRecent(entries.value, { kind, path })),
  };
});
