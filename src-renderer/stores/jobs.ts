// Fits and cross-validations as jobs (jobs.* in api.ts): the run list, kept current by pushed `job` events, and the
// convergence trace of each job gathered from its progress. A finished job of this window becomes an analysis.
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type { ApiEvent, JobSummary } from '../../src-shared/api.ts';
import type { CvOptions, ModelSpec } from '../../src-shared/spec.ts';
import { api } from '../api/client.ts';
import { useNoticesStore } from './notices.ts';
import { useResultsStore, type Submission } from './results.ts';

/** One point of a convergence trace: EM iteration and GLL, or epoch and loss of a learner's own training. */
export interface TracePoint {
  x: number;
  y: number;
}

/** Traces are cut into segments where the count restarts (the next CV fold, the learner's next fit). */
export interface Trace {
  gll: TracePoint[][];
  loss: TracePoint[][];
}

const final = new Set<JobSummary['status']>(['finished', 'failed', 'cancelled']);

export function isActive(job: JobSummary): boolean {
  return !final.has(job.status);
}

export const useJobsStore = defineStore('jobs', () => {
  const notices = useNoticesStore();
  const results = useResultsStore();
  /** Newest first. */
  const jobs = ref<JobSummary[]>([]);
  const selectedId = ref<string>();
  const submissions = new Map<string, Submission>();
  const settled = new Set<string>();
  // Traces grow at every progress event: kept out of Vue's deep reactivity, with a counter charts can watch.
  const traces = new Map<string, Trace>();
  const traceRevision = ref(0);

  const running = computed(() => jobs.value.filter(isActive).length);
  const selected = computed(
    () => jobs.value.find((j) => j.id === selectedId.value) ?? jobs.value.find(isActive) ?? jobs.value[0],
  );

  function update(job: JobSummary) {
    const index = jobs.value.findIndex((j) => j.id === job.id);
    const previous = jobs.value[index];
    // A listing fetched before an event may arrive after it: a final record is never replaced by an older one.
    if (previous && !isActive(previous) && isActive(job)) return;
    const next = [...jobs.value];
    if (previous) next[index] = job;
    else next.unshift(job);
    jobs.value = next;
    record(job);
    settle(job.id);
  }

  function record(job: JobSummary) {
    const p = job.progress;
    if (!p) return;
    const trace = traces.get(job.id) ?? { gll: [], loss: [] };
    const added = extend(trace.gll, p.iteration, p.gll) || extend(trace.loss, p.epoch, p.loss);
    if (!added) return;
    traces.set(job.id, trace);
    traceRevision.value++;
  }

  function extend(segments: TracePoint[][], x: number | undefined, y: number | undefined): boolean {
    if (x === undefined || y === undefined) return false;
    const segment = segments.at(-1);
    const last = segment?.at(-1);
    if (last?.x === x) return false;
    if (!segment || !last || x < last.x) segments.push([{ x, y }]);
    else segment.push({ x, y });
    return true;
  }

  /**
   * A job this window started has ended: its failure is told, its result fetched, once. Its final event may come
   * before the reply that names it, so both call this. Jobs of other windows (listed after a reload) are not told.
   */
  function settle(id: string) {
    const submission = submissions.get(id);
    const job = jobs.value.find((j) => j.id === id);
    if (!submission || !job || isActive(job) || settled.has(id)) return;
    settled.add(id);
    if (job.status === 'failed') notices.error(`${job.label} failed: ${job.error ?? 'no reason given'}`);
    if (job.status === 'finished') void results.collect(id, submission);
  }

  async function submit(what: string, call: () => Promise<JobSummary>, submission: Submission) {
    const job = await notices.attempt(`Could not start the ${what}`, call);
    if (!job) return undefined;
    submissions.set(job.id, submission);
    update(job);
    selectedId.value = job.id;
    settle(job.id);
    return job;
  }

  function fit(datasetId: string, spec: ModelSpec) {
    return submit('fit', () => api.invoke('jobs.fit', { datasetId, spec }), { datasetId, spec });
  }

  function crossValidate(datasetId: string, spec: ModelSpec, cv: CvOptions) {
    return submit('cross-validation', () => api.invoke('jobs.cv', { datasetId, spec, cv }), { datasetId, spec, cv });
  }

  async function cancel(id: string) {
    await notices.attempt('Could not cancel the job', () => api.invoke('jobs.cancel', { id }));
  }

  async function refresh() {
    const list = await notices.attempt('Could not list the jobs', () => api.invoke('jobs.list', {}));
    for (const job of list ?? []) update(job);
  }

  function onEvent(event: ApiEvent) {
    // `hello` opens every (re)connected event stream: catch up on what happened while it was closed.
    if (event.type === 'hello') void refresh();
    else if (event.type === 'job') update(event.job);
  }

  const unsubscribe = api.on(onEvent);
  onScopeDispose(unsubscribe);

  return { jobs, selectedId, selected, running, traces, traceRevision, fit, crossValidate, cancel, refresh };
});
