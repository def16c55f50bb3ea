// The data sets open in the backend (datasets.* in api.ts): their summaries, the one the views work on, and the
// calls that open, upload and derive. `revision` counts changes, so the project store can tell unsaved work.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DatasetSummary } from '../../src-shared/api.ts';
import type { DerivedColumn } from '../../src-shared/spec.ts';
import { api } from '../api/client.ts';
import { readFileBase64 } from '../format/readFile.ts';
import { useNoticesStore } from './notices.ts';

export const useDatasetsStore = defineStore('datasets', () => {
  const notices = useNoticesStore();
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

  function openPath(path: string) {
    return read(path, () => api.invoke('datasets.openPath', { path }));
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

  /** A project was opened: its data sets replace the window's. */
  function replaceAll(list: DatasetSummary[]) {
    datasets.value = list;
    activeId.value = list[0]?.id;
  }

  return { datasets, activeId, active, reading, revision, openPath, upload, derive, replaceAll };
});
