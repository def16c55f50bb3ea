// The worker pool and its FIFO job queue: the only place that knows about threads (DESIGN.md). Every submitted job
// is finalised exactly once, as finished, failed or cancelled, whatever its worker does: a worker that throws, exits
// or runs out of memory fails its job with a plain reason and is replaced when the queue next needs a worker.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { JobInput, JobKindRegistry, JobOutput } from './jobKind.ts';
import type { JobRecord, JobStatus } from '../../src-shared/jobs.ts';
import { WorkerMessageSchema, type WorkerMessage } from './protocol.ts';
import { startWorker, type WorkerEntry } from './startWorker.ts';

export interface WorkerPoolOptions<K extends JobKindRegistry> {
  /** The worker entry (startWorker.ts): fit.worker.ts, or a test entry serving more kinds. */
  entry: WorkerEntry;
  /** The kinds the entry serves; the pool validates each result against its kind's output schema. */
  kinds: K;
  /** Number of workers; default: one per core but one, at least one. */
  size?: number;
  /** How long a cancelled job may take to stop by itself before its worker is terminated. */
  cancelGraceMs?: number;
}

export interface JobOptions {
  /** Heap limit of the job's worker (worker_threads resourceLimits); beyond it the job fails as out of memory. */
  maxOldGenerationSizeMb?: number;
}

export interface JobHandle<R> {
  id: string;
  /** Resolves with the final record; never rejects. */
  done: Promise<JobRecord<R>>;
  cancel(): void;
}

export type JobListener = (record: JobRecord) => void;

interface Job {
  record: JobRecord;
  input: unknown;
  heapLimitMb: number | undefined;
  resolve: (record: JobRecord) => void;
  cancelFlag?: Int32Array;
  cancelTimer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  heapLimitMb: number | undefined;
  job: Job | null;
  /** Why the worker died, from its 'error' event, for the job that 'exit' then fails. */
  crash: string | null;
}

/** Stops within a second in all: a cooperative job stops at its next poll, others are terminated after this. */
const defaultCancelGraceMs = 500;

export class WorkerPool<K extends JobKindRegistry> {
  readonly size: number;
  readonly #entry: WorkerEntry;
  readonly #kinds: K;
  readonly #cancelGraceMs: number;
  readonly #queue: Job[] = [];
  readonly #jobs = new Map<string, Job>();
  readonly #slots: Slot[] = [];
  readonly #listeners = new Set<JobListener>();
  #closed = false;

  constructor(options: WorkerPoolOptions<K>) {
    this.#entry = options.entry;
    this.#kinds = options.kinds;
    this.size = Math.max(1, options.size ?? availableParallelism() - 1);
    this.#cancelGraceMs = options.cancelGraceMs ?? defaultCancelGraceMs;
  }

  submit<N extends keyof K & string>(
    kind: N,
    input: JobInput<K[N]>,
    options: JobOptions = {},
  ): JobHandle<JobOutput<K[N]>> {
    if (this.#closed) throw new Error('the worker pool is closed');
    const record: JobRecord = {
      id: randomUUID(),
      kind,
      status: 'queued',
      progress: null,
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
    };
    let resolve!: (record: JobRecord) => void;
    const done = new Promise<JobRecord>((r) => (resolve = r));
    const job: Job = { record, input, heapLimitMb: options.maxOldGenerationSizeMb, resolve };
    this.#jobs.set(record.id, job);
    this.#queue.push(job);
    this.#emit(record);
    this.#dispatch();
    return {
      id: record.id,
      done: done as Promise<JobRecord<JobOutput<K[N]>>>,
      cancel: () => this.cancel(record.id),
    };
  }

  /** Asks a job to stop: a queued job is cancelled at once, a running one within a second. */
  cancel(id: string): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    if (job.record.status === 'queued') {
      this.#queue.splice(this.#queue.indexOf(job), 1);
      this.#finalise(job, 'cancelled', {});
      return;
    }
    if (!job.cancelFlag || job.cancelTimer) return;
    Atomics.store(job.cancelFlag, 0, 1);
    job.cancelTimer = setTimeout(() => void this.#slotOf(job)?.worker.terminate(), this.#cancelGraceMs);
  }

  /** The jobs not yet finalised, in the order they were submitted. */
  jobs(): JobRecord[] {
    return [...this.#jobs.values()].map((job) => job.record);
  }

  /** Listens to every change of every job (status, progress); returns the unsubscribe function. */
  on(listener: JobListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Cancels the queued and running jobs and ends the workers; the pool takes no more jobs. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) this.#finalise(job, 'cancelled', {});
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #dispatch(): void {
    for (let job = this.#queue[0]; job; job = this.#queue[0]) {
      const slot = this.#idleSlot(job.heapLimitMb);
      if (!slot) return;
      this.#queue.shift();
      this.#run(job, slot);
    }
  }

  /** An idle worker with the job's heap limit: an existing one, a new one, or a new one in an idle one's place. */
  #idleSlot(heapLimitMb: number | undefined): Slot | undefined {
    const idle = this.#slots.filter((slot) => !slot.job);
    const same = idle.find((slot) => slot.heapLimitMb === heapLimitMb);
    if (same) return same;
    const other = idle[0];
    if (other) {
      this.#slots.splice(this.#slots.indexOf(other), 1);
      void other.worker.terminate();
    } else if (this.#slots.length >= this.size) {
      return undefined;
    }
    return this.#spawn(heapLimitMb);
  }

  #spawn(heapLimitMb: number | undefined): Slot {
    const slot: Slot = { worker: startWorker(this.#entry, heapLimitMb), heapLimitMb, job: null, crash: null };
    slot.worker.on('message', (raw: unknown) => this.#onMessage(slot, raw));
    slot.worker.on('messageerror', (error) =>
      this.#abandon(slot, `a worker message could not be read: ${errorMessage(error)}`),
    );
    slot.worker.on('error', (error) => (slot.crash ??= crashReason(error, heapLimitMb)));
    slot.worker.on('exit', (code) => this.#onExit(slot, code));
    this.#slots.push(slot);
    return slot;
  }

  #run(job: Job, slot: Slot): void {
    slot.job = job;
    slot.worker.ref();
    job.cancelFlag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    this.#update(job, { status: 'running', startedAt: Date.now() });
    try {
      const { id: jobId, kind } = job.record;
      slot.worker.postMessage({ type: 'run', jobId, kind, input: job.input, cancelFlag: job.cancelFlag.buffer });
    } catch (error) {
      // The input could not be copied to the worker (a function, a detached buffer): the worker never saw the job.
      this.#finalise(job, 'failed', { error: `the job's input cannot be sent to a worker: ${errorMessage(error)}` });
    }
  }

  #onMessage(slot: Slot, raw: unknown): void {
    const parsed = WorkerMessageSchema.safeParse(raw);
    if (!parsed.success)
      return this.#abandon(slot, `the worker sent an invalid message: ${z.prettifyError(parsed.error)}`);
    const message = parsed.data;
    const job = slot.job;
    if (!job || job.record.id !== message.jobId) return;
    this.#onJobMessage(job, message);
  }

  #onJobMessage(job: Job, message: WorkerMessage): void {
    switch (message.type) {
      case 'progress':
        return this.#update(job, { progress: message.progress });
      case 'failed':
        return this.#finalise(job, 'failed', { error: message.error });
      case 'cancelled':
        return this.#finalise(job, 'cancelled', {});
      case 'finished': {
        const result = this.#kinds[job.record.kind]!.output.safeParse(message.result);
        if (result.success) return this.#finalise(job, 'finished', { result: result.data });
        const error = `the ${job.record.kind} job returned an invalid result: ${z.prettifyError(result.error)}`;
        return this.#finalise(job, 'failed', { error });
      }
    }
  }

  /** A worker that breaks the protocol is not trusted with more jobs. */
  #abandon(slot: Slot, reason: string): void {
    slot.crash ??= reason;
    void slot.worker.terminate();
  }

  #onExit(slot: Slot, code: number): void {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    const job = slot.job;
    if (job) {
      if (job.cancelTimer || this.#closed) this.#finalise(job, 'cancelled', {});
      else
        this.#finalise(job, 'failed', { error: slot.crash ?? `the worker stopped unexpectedly (exit code ${code})` });
    }
    this.#dispatch();
  }

  #slotOf(job: Job): Slot | undefined {
    return this.#slots.find((slot) => slot.job === job);
  }

  #update(job: Job, change: Partial<JobRecord>): void {
    job.record = { ...job.record, ...change };
    this.#emit(job.record);
  }

  #finalise(job: Job, status: JobStatus, change: Pick<Partial<JobRecord>, 'error' | 'result'>): void {
    if (!this.#jobs.delete(job.record.id)) return;
    clearTimeout(job.cancelTimer);
    const slot = this.#slotOf(job);
    if (slot) {
      slot.job = null;
      slot.worker.unref();
    }
    this.#update(job, { status, finishedAt: Date.now(), ...change });
    job.resolve(job.record);
    this.#dispatch();
  }

  #emit(record: JobRecord): void {
    for (const listener of this.#listeners) listener(record);
  }
}

function crashReason(error: Error & { code?: string }, heapLimitMb: number | undefined): string {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    const limit = heapLimitMb === undefined ? "the worker's heap limit" : `the limit of ${heapLimitMb} MB`;
    return `the job ran out of memory (it needed more than ${limit})`;
  }
  return `the worker crashed: ${error.message}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
