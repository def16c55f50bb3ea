// The messages between the pool (workerPool.ts) and a worker (serveJobs.ts), validated on receipt on both sides.
// One job runs in a worker at a time; cancellation is not a message but a shared flag the job polls (jobKind.ts).
import { z } from 'zod';
import { JobProgressSchema } from '../../src-shared/jobs.ts';

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
