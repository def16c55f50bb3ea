// What a job kind is: the schemas of its input and output and the function a worker runs. The worker validates the
// input on receipt, the pool validates the output on receipt (protocol.ts carries both as unknown).
import type { z } from 'zod';
import type { CancelSignal } from '../engine/learners/learner.ts';
import type { JobProgress } from '../../src-shared/jobs.ts';

export interface JobContext {
  /** Engine code polls `signal.aborted` (CancelSignal); every poll is also a chance to send a progress heartbeat. */
  signal: CancelSignal;
  /** Report progress as often as convenient: the worker sends at most ~10 a second. */
  progress(progress: JobProgress): void;
}

export interface JobKind<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  run(input: z.output<I>, context: JobContext): z.input<O> | Promise<z.input<O>>;
}

export type JobKindRegistry = Record<string, JobKind<z.ZodType, z.ZodType>>;

/** Identity, for type inference of a kind's input and output. */
export function defineJobKind<I extends z.ZodType, O extends z.ZodType>(kind: JobKind<I, O>): JobKind<I, O> {
  return kind;
}

export type JobInput<K> = K extends JobKind<infer I, z.ZodType> ? z.input<I> : never;
export type JobOutput<K> = K extends JobKind<z.ZodType, infer O> ? z.output<O> : never;
