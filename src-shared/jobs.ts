// A job as data (Zettlr's tasks): what the worker pool reports, what the API sends to the window, what a UI lists.
import { z } from 'zod';

/** What a running job says about itself; the fields are those the progress bar shows (phase, EM, nets, CV). */
export const JobProgressSchema = z.object({
  phase: z.string(),
  /** Share of the job done, 0..1, where the job can tell. */
  fraction: z.number().min(0).max(1).optional(),
  iteration: z.number().int().optional(),
  gll: z.number().optional(),
  epoch: z.number().int().optional(),
  loss: z.number().optional(),
  fold: z.number().int().optional(),
  folds: z.number().int().optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const jobStatuses = ['queued', 'running', 'finished', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const JobRecordSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(jobStatuses),
  /** The latest progress the job reported; null until its worker picks it up. */
  progress: JobProgressSchema.nullable(),
  /** Epoch milliseconds. */
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Why a job failed, in plain words. */
  error: z.string().nullable(),
  result: z.unknown(),
});

/** `result` is the job's output once it has finished, null before and otherwise. */
export type JobRecord<R = unknown> = Omit<z.infer<typeof JobRecordSchema>, 'result'> & { result: R | null };
