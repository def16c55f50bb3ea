// The messages between the pool (workerPool.ts) and a worker (serveJobs.ts), validated on receipt on both sides.
// One job runs in a worker at a time; cancellation is not a message but a shared flag the job polls (jobKind.ts).
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

export const PoolMessageSchema = z.object({
  type: z.literal('run'),
  jobId: z.string(),
  kind: z.string(),
  input: z.unknown(),
  /** One Int32 the pool sets to 1 to ask the job to stop. */
  cancelFlag: z.instanceof(SharedArrayBuffer),
});
export type PoolMessage = z.infer<typeof PoolMessageSchema>;

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), jobId: z.string(), progress: JobProgressSchema }),
  z.object({ type: z.literal('finished'), jobId: z.string(), result: z.unknown() }),
  z.object({ type: z.literal('failed'), jobId: z.string(), error: z.string() }),
  z.object({ type: z.literal('cancelled'), jobId: z.string() }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;
