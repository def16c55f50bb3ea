// A job as data (Zettlr's tasks): what the pool reports to its listeners and what a UI lists.
// It imports nothing from Node, so it can move to src-shared when the API carries jobs.
import { z } from 'zod';
import { JobProgressSchema } from './protocol.ts';

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

export function isFinal(status: JobStatus): boolean {
  return status === 'finished' || status === 'failed' || status === 'cancelled';
}
