// Fits and cross-validations as jobs in the worker pool: the service side of `jobs.*` in api.ts. Jobs are labelled
// for the run list and their records pushed to listeners as they change.
import { ApiError, type JobSummary } from '../../src-shared/api.ts';
import type { JobRecord } from '../../src-shared/jobs.ts';
import type { CvOptions, FitResult, ModelSpec } from '../../src-shared/spec.ts';
import { jobKinds } from '../jobs/jobKinds.ts';
import type { WorkerEntry } from '../jobs/startWorker.ts';
import { WorkerPool } from '../jobs/workerPool.ts';
import type { Dataset } from './datasets.ts';

export class JobService {
  readonly #pool: WorkerPool<typeof jobKinds>;
  readonly #labels = new Map<string, string>();
  /** The latest record of every job of the session: the pool forgets a job once it is final. */
  readonly #records = new Map<string, JobRecord>();
  readonly #listeners = new Set<(job: JobSummary) => void>();

  constructor(entry: WorkerEntry, size?: number) {
    this.#pool = new WorkerPool({ entry, kinds: jobKinds, size });
    this.#pool.on((record) => {
      this.#records.set(record.id, record);
      const summary = this.#summary(record);
      for (const listener of this.#listeners) listener(summary);
    });
  }

  fit(dataset: Dataset, spec: ModelSpec): JobSummary {
    const handle = this.#pool.submit('fit', { table: dataset.table, spec });
    this.#labels.set(handle.id, `${spec.learner} ${spec.estimator}: ${spec.formula} (${dataset.name})`);
    return this.#summary(this.#record(handle.id));
  }

  cancel(id: string): void {
    this.#record(id);
    this.#pool.cancel(id);
  }

  list(): JobSummary[] {
    return [...this.#records.values()].map((record) => this.#summary(record));
  }

  result(id: string): { fit: FitResult; learner: unknown } {
    const record = this.#record(id);
    if (record.status !== 'finished') {
      throw new ApiError('bad-request', `job ${id} has no result: it is ${record.status}`);
    }
    return record.result as { fit: FitResult; learner: unknown };
  }

  cv(_dataset: Dataset, _spec: ModelSpec, _options: CvOptions): JobSummary {
    throw new ApiError('failed', 'cross-validation is not available in this version yet');
  }

  on(listener: (job: JobSummary) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    return this.#pool.close();
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
