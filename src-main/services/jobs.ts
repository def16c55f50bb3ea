// Fits and cross-validations as jobs in the worker pool: the service side of `jobs.*` in api.ts. Jobs are labelled
// for the run list and their records pushed to listeners as they change.
import { ApiError, type JobSummary } from '../../src-shared/api.ts';
import type { JobRecord } from '../../src-shared/jobs.ts';
import { randomUUID } from 'node:crypto';
import type { CvOptions, CvResult, FitResult, ModelSpec } from '../../src-shared/spec.ts';
import { groupedKFold, kFoldByRows } from '../engine/cv.ts';
import type { FoldOutcome } from './crossValidate.ts';
import { summarizeCv } from './cvSummary.ts';
import { designOf } from './fits.ts';
import { jobKinds } from '../jobs/jobKinds.ts';
import type { WorkerEntry } from '../jobs/startWorker.ts';
import { WorkerPool } from '../jobs/workerPool.ts';
import type { Dataset } from './datasets.ts';

export class JobService {
  readonly #pool: WorkerPool<typeof jobKinds>;
  readonly #labels = new Map<string, string>();
  /** The latest record of every job of the session: the pool forgets a job once it is final. */
  readonly #records = new Map<string, JobRecord>();
  /** The fold jobs of each cross-validation: run by the pool, reported through their parent only. */
  readonly #children = new Map<string, { id: string; cancel(): void }[]>();
  readonly #listeners = new Set<(job: JobSummary) => void>();

  /**
   * `size` workers; by default the pool's (cores - 1, at least 1), which leaves a core to the window so that it keeps
   * drawing while jobs run (issue 5; e2e/responsive.spec.ts measures it). The CLI, with no window, uses every core.
   */
  constructor(entry: WorkerEntry, size?: number) {
    this.#pool = new WorkerPool({ entry, kinds: jobKinds, size });
    this.#pool.on((record) => {
      if (record.kind !== 'cvFold') this.#update(record);
    });
  }

  fit(dataset: Dataset, spec: ModelSpec): JobSummary {
    const handle = this.#pool.submit('fit', { table: dataset.table, spec });
    this.#labels.set(handle.id, `${spec.learner} ${spec.estimator}: ${spec.formula} (${dataset.name})`);
    return this.#summary(this.#record(handle.id));
  }

  cancel(id: string): void {
    this.#record(id);
    const children = this.#children.get(id);
    if (children) for (const child of children) child.cancel();
    else this.#pool.cancel(id);
  }

  list(): JobSummary[] {
    return [...this.#records.values()].map((record) => this.#summary(record));
  }

  result(id: string): { fit?: FitResult; learner?: unknown; cv?: CvResult } {
    const record = this.#record(id);
    if (record.status !== 'finished') {
      throw new ApiError('bad-request', `job ${id} has no result: it is ${record.status}`);
    }
    return record.result as { fit?: FitResult; learner?: unknown; cv?: CvResult };
  }

  /**
   * A cross-validation is one job for the window, run as one pool job per fold so that folds run in parallel; the
   * fold jobs themselves are not listed. A failed fold fails the whole job and cancels the others.
   */
  cv(dataset: Dataset, spec: ModelSpec, options: CvOptions): JobSummary {
    const design = designOf(dataset.table, spec);
    const folds = options.grouped
      ? groupedKFold(design.group, options.folds, options.seed)
      : kFoldByRows(design.n, options.folds, options.seed);
    const id = randomUUID();
    const record: JobRecord = {
      id,
      kind: 'cv',
      status: 'running',
      progress: { phase: 'cross-validation', fold: 0, folds: folds.length, fraction: 0 },
      startedAt: Date.now(),
      finishedAt: null,
      error: null,
      result: null,
    };
    this.#labels.set(
      id,
      `${folds.length}-fold CV, ${spec.learner} ${spec.estimator}: ${spec.formula} (${dataset.name})`,
    );
    const handles = folds.map((fold) =>
      this.#pool.submit('cvFold', {
        table: dataset.table,
        spec,
        train: Array.from(fold.train),
        test: Array.from(fold.test),
        compare: options.compare,
      }),
    );
    this.#children.set(id, handles);
    this.#update(record);
    let done = 0;
    // Kept in fold order, not finishing order, so that the sums over folds (and the result) do not depend on timing.
    const outcomes: FoldOutcome[] = new Array(handles.length);
    for (const [k, handle] of handles.entries()) {
      void handle.done.then((child) => {
        const parent = this.#records.get(id)!;
        if (parent.status !== 'running') return;
        if (child.status === 'finished') {
          outcomes[k] = child.result as FoldOutcome;
          done++;
          const progress = {
            phase: 'cross-validation',
            fold: done,
            folds: folds.length,
            fraction: done / folds.length,
          };
          if (done < folds.length) return this.#update({ ...parent, progress });
          return this.#update({
            ...parent,
            progress,
            status: 'finished',
            finishedAt: Date.now(),
            result: { cv: summarizeCv(outcomes, spec, options, design.zNames) },
          });
        }
        for (const other of handles) other.cancel();
        const error = child.status === 'failed' ? `a fold failed: ${child.error}` : null;
        this.#update({
          ...parent,
          status: child.status === 'failed' ? 'failed' : 'cancelled',
          error,
          finishedAt: Date.now(),
        });
      });
    }
    return this.#summary(record);
  }

  on(listener: (job: JobSummary) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #update(record: JobRecord): void {
    this.#records.set(record.id, record);
    const summary = this.#summary(record);
    for (const listener of this.#listeners) listener(summary);
  }

  #record(id: string): JobRecord {
    const record = this.#records.get(id);
    if (!record) throw new ApiError('not-found', `no job ${id}`);
    return record;
  }

  #summary(record: JobRecord): JobSummary {
    const { result: _result, ...rest } = record;
    return { ...rest, label: this.#labels.get(record.id) ?? record.kind };
  }
}
