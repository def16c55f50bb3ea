// The data sets open in the backend (datasets.* in api.ts): their summaries, the one the views work on, and the
// calls that open, upload and derive. `revision` counts changes, so the project store can tell unsaved work. Files
// opened by path go to the recent-files list, and leave it when they no longer open.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DatasetSummary } from '../../src-shared/api.ts';
import type { DerivedColumn } from '../../src-shared/spec.ts';
import { api } from '../api/client.ts';
import { readFileBase64 } from '../format/readFile.ts';
import { useNoticesStore } from './notices.ts';
import { useRecentStore } from './recent.ts';

export const useDatasetsStore = defineStore('datasets', () => {
  const notices = useNoticesStore();
  const recent = useRecentStore();
  const datasets = ref<DatasetSummary[]>([]);
  const activeId = ref<string>();
  /** The file being read, for a busy indicator. */
  const reading = ref<string | null>(null);
  const revision = ref(0);
  const active = computed(() => datasets.value.find((d) => d.id === activeId.value));

  function put(summary: DatasetSummary) {
    const others = datasets.value.filter((d) => d.id !== summary.id);
    datasets.value = [...others, summary];
    activeId.value = summary.id;
    revision.value++;
  }

  async function read(name: string, call: () => Promise<DatasetSummary>) {
    reading.value = name;
    const summary = await notices.attempt(`Could not open ${name}`, call);
    reading.value = null;
    if (summary) put(summary);
    return summary;
  }

  async function openPath(path: string) {
    const summary = await read(path, () => api.invoke('datasets.openPath', { path }));
    if (summary) recent.add('data', path);
    else recent.drop('data', path);
    return summary;
  }

  function upload(file: File) {
    return read(file.name, async () =>
      api.invoke('datasets.upload', { name: file.name, base64: await readFileBase64(file) }),
    );
  }

  async function derive(column: DerivedColumn): Promise<boolean> {
    const id = activeId.value;
    if (!id) return false;
    const summary = await notices.attempt('Could not add the column', () =>
      api.invoke('datasets.derive', { id, column }),
    );
    if (summary) put(summary);
    return !!summary;
  }

  /** A project was opened: its data sets replace the window's; `show` (else the first) is the one shown. */
  function replaceAll(list: DatasetSummary[], show?: string) {
    datasets.value = list;
    activeId.value = list.find((d) => d.id === show)?.id ?? list[0]?.id;
  }

  return { datasets, activeId, active, reading, revision, openPath, upload, derive, replaceAll };
});
