// The worker's side of the pool: runs one job at a time from a registry of kinds and answers with protocol messages.
// Every job ends in exactly one of finished, failed or cancelled; a message that fails validation throws, which
// ends the worker and lets the pool fail the job (workerPool.ts).
import { parentPort, type MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import type { JobKindRegistry } from './jobKind.ts';
import { makeProgressReporter } from './progressReporter.ts';
import { PoolMessageSchema, type PoolMessage, type WorkerMessage } from './protocol.ts';

/** Ticks the progress reporter while an asynchronous job awaits (a synchronous job ticks through its polls). */
const heartbeatTimerMs = 250;

export function serveJobs(kinds: JobKindRegistry): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs inside a worker thread');
  port.on('message', (raw: unknown) => void runJob(kinds, PoolMessageSchema.parse(raw), port));
}

async function runJob(kinds: JobKindRegistry, message: PoolMessage, port: MessagePort): Promise<void> {
  const { jobId } = message;
  const post = (reply: WorkerMessage) => port.postMessage(reply);
  const flag = new Int32Array(message.cancelFlag);
  const cancelled = () => Atomics.load(flag, 0) === 1;
  const reporter = makeProgressReporter((progress) => post({ type: 'progress', jobId, progress }));
  const signal = {
    get aborted() {
      reporter.tick();
      return cancelled();
    },
  };
  reporter.tick();
  const heartbeat = setInterval(reporter.tick, heartbeatTimerMs);
  try {
    const kind = Object.hasOwn(kinds, message.kind) ? kinds[message.kind] : undefined;
    if (!kind) throw new Error(`there is no job kind '${message.kind}'`);
    const input = kind.input.safeParse(message.input);
    if (!input.success) throw new Error(`the ${message.kind} job's input is invalid: ${z.prettifyError(input.error)}`);
    const result = await kind.run(input.data, { signal, progress: reporter.report });
    post(cancelled() ? { type: 'cancelled', jobId } : { type: 'finished', jobId, result });
  } catch (error) {
    // A cancelled job usually ends by throwing (learner.ts's CancelledError); whatever it threw, it was cancelled.
    post(cancelled() ? { type: 'cancelled', jobId } : { type: 'failed', jobId, error: errorMessage(error) });
  } finally {
    clearInterval(heartbeat);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
