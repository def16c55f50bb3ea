// The window's analyses (project.ts Analysis): one per finished fit or CV of this window, or read from a project.
// A finished job's result is fetched once by `collect`; the Results and Compare screens show the selected ones.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Analysis } from '../../src-shared/project.ts';
import type { CvOptions, ModelSpec } from '../../src-shared/spec.ts';
import { api } from '../api/client.ts';
import { useDatasetsStore } from './datasets.ts';
import { useNoticesStore } from './notices.ts';

/** What the window asked a job to do: the job record alone does not say which data set or spec it ran. */
export interface Submission {
  datasetId: string;
  spec: ModelSpec;
  cv?: CvOptions;
}

export const useResultsStore = defineStore('results', () => {
  const notices = useNoticesStore();
  const analyses = ref<Analysis[]>([]);
  const selectedFitId = ref<string>();
  const selectedCvId = ref<string>();
  const revision = ref(0);
  const fetching = new Set<string>();

  const fits = computed(() => analyses.value.filter((a) => a.fit));
  const cvs = computed(() => analyses.value.filter((a) => a.cv));
  const selectedFit = computed(() => fits.value.find((a) => a.id === selectedFitId.value) ?? fits.value.at(-1));
  const selectedCv = computed(() => cvs.value.find((a) => a.id === selectedCvId.value) ?? cvs.value.at(-1));

  function has(id: string) {
    return analyses.value.some((a) => a.id === id);
  }

  async function collect(jobId: string, submission: Submission) {
    if (fetching.has(jobId) || has(jobId)) return;
    fetching.add(jobId);
    const result = await notices.attempt('Could not fetch the result', () => api.invoke('jobs.result', { id: jobId }));
    fetching.delete(jobId);
    // A job started before another project was opened belongs to the old project, whose data this window no longer has.
    if (!result || !useDatasetsStore().datasets.some((d) => d.id === submission.datasetId)) return;
    const analysis: Analysis = {
      id: jobId,
      datasetId: submission.datasetId,
      spec: submission.spec,
      createdAt: Date.now(),
      fit: result.fit,
      cv: result.cv && submission.cv ? { options: submission.cv, result: result.cv } : undefined,
      learner: result.learner,
    };
    analyses.value = [...analyses.value, analysis];
    if (analysis.fit) selectedFitId.value = jobId;
    if (analysis.cv) selectedCvId.value = jobId;
    revision.value++;
  }

  function remove(id: string) {
    analyses.value = analyses.value.filter((a) => a.id !== id);
    revision.value++;
  }

  /** A project was opened: its analyses replace the window's. */
  function replaceAll(list: Analysis[]) {
    analyses.value = list;
    selectedFitId.value = undefined;
    selectedCvId.value = undefined;
  }

  return {
    analyses,
    fits,
    cvs,
    selectedFitId,
    selectedCvId,
    selectedFit,
    selectedCv,
    revision,
    has,
    collect,
    remove,
    replaceAll,
  };
});
