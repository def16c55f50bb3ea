// Job kinds for the pool's tests only, served by testing/test.worker.ts beside the production kinds: each one
// behaves like a job that sleeps, throws, crashes, never polls or runs out of memory.
import { threadId } from 'node:worker_threads';
import { z } from 'zod';
import { throwIfCancelled } from '../../engine/learners/learner.ts';
import { defineJobKind } from '../jobKind.ts';

/** Blocks the thread without using the CPU, as a long synchronous engine step does between polls. */
function block(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const SleepOutput = z.object({ threadId: z.number(), began: z.number(), ended: z.number() });

export const testKinds = {
  /** Sleeps `ms` in steps of `stepMs`, polling cancellation each step; reports progress each step or only once. */
  sleep: defineJobKind({
    input: z.object({ ms: z.number(), stepMs: z.number().default(10), report: z.enum(['each-step', 'once']) }),
    output: SleepOutput,
    run: ({ ms, stepMs, report }, { signal, progress }) => {
      const began = Date.now();
      progress({ phase: 'sleep', fraction: 0 });
      for (let slept = 0; slept < ms; slept = Date.now() - began) {
        throwIfCancelled(signal);
        if (report === 'each-step') progress({ phase: 'sleep', fraction: Math.min(1, slept / ms) });
        block(stepMs);
      }
      return { threadId, began, ended: Date.now() };
    },
  }),
  throw: defineJobKind({
    input: z.object({ message: z.string() }),
    output: z.never(),
    run: ({ message }) => {
      throw new Error(message);
    },
  }),
  /** Dies mid-job: process.exit ends only the worker thread; an uncaught throw crashes it. */
  crash: defineJobKind({
    input: z.object({ how: z.enum(['exit', 'uncaught']) }),
    output: z.never(),
    run: ({ how }) =>
      new Promise<never>(() => {
        if (how === 'exit') process.exit(3);
        setTimeout(() => {
          throw new Error('an uncaught error in the worker');
        });
      }),
  }),
  /** A synchronous loop that never polls the signal: only termination stops it. */
  spin: defineJobKind({
    input: z.object({}),
    output: z.never(),
    run: () => {
      for (let x = 0; ;) x = Math.sin(x + 1);
    },
  }),
  /** Holds ever more memory until the worker's heap limit ends it. */
  allocate: defineJobKind({
    input: z.object({}),
    output: z.never(),
    run: () => {
      const held: number[][] = [];
      for (;;) held.push(Array.from({ length: 1e5 }, (_, i) => i + 0.5));
    },
  }),
  /** Returns what its output schema refuses (zod's numbers are finite), as a diverged fit would. */
  nan: defineJobKind({
    input: z.object({}),
    output: z.number(),
    run: () => Number.NaN,
  }),
};
