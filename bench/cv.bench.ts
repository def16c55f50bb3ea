// Benchmark of issue 5: a 50-fold cross-validation by rows (seed 1, the default comparisons lme, ml and hot) run as a
// user runs it, through the JobService and its worker pool, with a given number of workers. The main thread's event
// loop delay is recorded meanwhile: it is what the window and the API would feel while every core computes folds.
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CvOptionsSchema, ModelSpecSchema, type CvResult } from '../src-shared/spec.ts';
import { loadReference, sharedDir } from '../src-main/engine/testing/referenceCases.ts';
import { DatasetStore } from '../src-main/services/datasets.ts';
import { JobService } from '../src-main/services/jobs.ts';

export interface CvBenchRun {
  workers: number;
  seconds: number;
  folds: number;
  /** The folds' own mean time (each fold's mixedML fit, as in the paper's tables). */
  secondsPerFold: number;
  /** Mean over folds of the test MSEs: runs with different numbers of workers must agree (seeded folds and fits). */
  testMseWithin: number;
  testMseOut: number;
  /** The main thread's event loop delay during the run (ms): p99 and maximum. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** The sim_linear reference model (its lme4 formula) on a data set with the same columns. */
export async function benchCv(
  dataset: 'sim_linear' | 'sim_nonlinear',
  learner: 'linear' | 'svr',
  workers: number,
  folds = 50,
): Promise<CvBenchRun> {
  const data = await new DatasetStore().openPath(join(sharedDir, 'datasets', `${dataset}.csv`));
  const spec = ModelSpecSchema.parse({ formula: loadReference('sim_linear').formula, learner, estimator: 'reml' });
  const options = CvOptionsSchema.parse({ folds, seed: 1 });
  const jobs = new JobService(new URL('../src-main/jobs/fit.worker.ts', import.meta.url), workers);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const started = performance.now();
  loop.enable();
  try {
    const result = await new Promise<CvResult>((resolve, reject) => {
      jobs.on((job) => {
        if (job.status === 'finished') resolve(jobs.result(job.id).cv!);
        if (job.status === 'failed' || job.status === 'cancelled') reject(new Error(job.error ?? job.status));
      });
      jobs.cv(data, spec, options);
    });
    loop.disable();
    return {
      workers,
      seconds: (performance.now() - started) / 1000,
      folds: result.folds,
      secondsPerFold: result.seconds_per_fold.mean,
      testMseWithin: result.metrics.mse_within!.test.mean,
      testMseOut: result.metrics.mse_out!.test.mean,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
    };
  } finally {
    loop.disable();
    await jobs.close();
  }
}
