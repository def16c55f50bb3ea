// The worker pool with real worker threads: a fit gives the in-process result; jobs that throw, crash, never poll or
// run out of memory are finalised and the pool goes on; cancellation within a second; progress cadence; FIFO order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { readTableFile } from '../data/readTableFile.ts';
import { sharedDir } from '../engine/testing/referenceCases.ts';
import { fitTable } from '../services/fits.ts';
import type { JobOutput } from './jobKind.ts';
import { jobKinds } from './jobKinds.ts';
import type { JobRecord } from '../../src-shared/jobs.ts';
import { testKinds } from './testing/testKinds.ts';
import { WorkerPool } from './workerPool.ts';

const kinds = { ...jobKinds, ...testKinds };
type TestPool = WorkerPool<typeof kinds>;
type Slept = JobOutput<typeof kinds.sleep>;

function makePool(size: number): TestPool {
  return new WorkerPool({ entry: new URL('./testing/test.worker.ts', import.meta.url), kinds, size });
}

/** Resolves once the job's worker has picked it up (its first progress message). */
function pickedUp(pool: TestPool, id: string): Promise<void> {
  return new Promise((resolve) => {
    const off = pool.on((record) => {
      if (record.id !== id || !record.progress) return;
      off();
      resolve();
    });
  });
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

describe('the production worker (fit.worker.ts)', () => {
  let pool: WorkerPool<typeof jobKinds>;
  beforeAll(() => {
    pool = new WorkerPool({ entry: new URL('./fit.worker.ts', import.meta.url), kinds: jobKinds, size: 1 });
  });
  afterAll(() => pool.close());

  it('fits sleepstudy with the same FitResult as fitTable in-process', async () => {
    const table = await readTableFile(join(sharedDir, 'datasets', 'sleepstudy.csv'));
    const spec = ModelSpecSchema.parse({
      formula: 'Reaction ~ Days + (Days | Subject)',
      learner: 'lme',
      estimator: 'reml',
    });
    const record = await pool.submit('fit', { table, spec }).done;
    expect(record.error).toBeNull();
    expect(record.status).toBe('finished');
    // Same code on a copy of the same data: equal to the last bit, all but the timing.
    const local = await fitTable(table, spec);
    const remote = record.result as { fit: typeof local.result; learner: unknown };
    expect({ ...remote.fit, seconds: 0 }).toEqual({ ...local.result, seconds: 0 });
    expect(remote.learner).toEqual(local.learner);
    // The table was copied to the worker, not transferred away.
    expect(table.columns[0]!.values).toHaveLength(180);
  });

  it('serves no test-only kinds', async () => {
    const record = await pool.submit('sleep' as 'fit', {} as never).done;
    expect(record).toMatchObject({ status: 'failed', error: "there is no job kind 'sleep'" });
  });
});

describe('a pool of two workers', () => {
  let pool: TestPool;
  beforeAll(async () => {
    pool = makePool(2);
    // Workers start when jobs need them; start both before the tests that time jobs.
    await Promise.all([0, 1].map(() => pool.submit('sleep', { ms: 10, report: 'once' }).done));
  });
  afterAll(() => pool.close());

  it('starts queued jobs in FIFO order and runs two at once', async () => {
    const started = new Set<string>();
    const off = pool.on((record) => record.status === 'running' && started.add(record.id));
    const jobs = [0, 1, 2, 3].map(() => pool.submit('sleep', { ms: 300, report: 'once' }));
    const records = await Promise.all(jobs.map((job) => job.done));
    off();
    expect([...started]).toEqual(jobs.map((job) => job.id));
    const [a, b, c, d] = records.map((record) => record.result!) as [Slept, Slept, Slept, Slept];
    expect(a.began < b.ended && b.began < a.ended).toBe(true);
    expect(a.threadId).not.toBe(b.threadId);
    expect(c.began).toBeGreaterThanOrEqual(Math.min(a.ended, b.ended));
    expect(d.began).toBeGreaterThanOrEqual(Math.max(a.ended, b.ended));
  });

  it('fails a throwing job with its message and keeps working', async () => {
    const record = await pool.submit('throw', { message: 'the learner diverged at EM iteration 3' }).done;
    expect(record).toMatchObject({ status: 'failed', error: 'the learner diverged at EM iteration 3', result: null });
    expect((await pool.submit('sleep', { ms: 10, report: 'once' }).done).status).toBe('finished');
  });

  it('fails jobs whose input or result breaks their schema', async () => {
    const bad = await pool.submit('sleep', { ms: 'long' } as never).done;
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatch(/^the sleep job's input is invalid/);
    const nan = await pool.submit('nan', {}).done;
    expect(nan.status).toBe('failed');
    expect(nan.error).toMatch(/^the nan job returned an invalid result/);
  });

  it.each([
    ['exit' as const, 'the worker stopped unexpectedly (exit code 3)'],
    ['uncaught' as const, 'the worker crashed: an uncaught error in the worker'],
  ])('fails a job whose worker dies (%s) and replaces the worker while another job runs on', async (how, reason) => {
    const other = pool.submit('sleep', { ms: 800, report: 'once' });
    const crashed = await pool.submit('crash', { how }).done;
    expect(crashed).toMatchObject({ status: 'failed', error: reason });
    expect((await other.done).status).toBe('finished');
    const [x, y] = await Promise.all([0, 1].map(() => pool.submit('sleep', { ms: 200, report: 'once' }).done));
    expect(x!.result!.threadId).not.toBe(y!.result!.threadId);
  });

  it('fails a job that runs out of memory, with the reason, and goes on', async () => {
    const record = await pool.submit('allocate', {}, { maxOldGenerationSizeMb: 64 }).done;
    expect(record.status).toBe('failed');
    expect(record.error).toBe('the job ran out of memory (it needed more than the limit of 64 MB)');
    expect((await pool.submit('sleep', { ms: 10, report: 'once' }).done).status).toBe('finished');
  });

  it('reports progress at least once a second and at most ~10 times a second during a 3 s job', async () => {
    const events = new Map<string, { at: number; record: JobRecord }[]>();
    const off = pool.on((record) => events.get(record.id)?.push({ at: Date.now(), record }));
    // One job reports every 5 ms; the other reports once and is kept alive by the heartbeats of its polls.
    const jobs = (['each-step', 'once'] as const).map((report) =>
      pool.submit('sleep', { ms: 3000, stepMs: 5, report }),
    );
    for (const job of jobs) events.set(job.id, []);
    await Promise.all(jobs.map((job) => job.done));
    off();
    for (const list of events.values()) {
      const running = list.filter((e) => e.record.progress && e.record.status === 'running').map((e) => e.at);
      const finished = list.at(-1)!;
      expect(finished.record.status).toBe('finished');
      const times = [...running, finished.at];
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
      const perSecond = running.map((t) => running.filter((u) => u >= t && u < t + 1000).length);
      expect(Math.max(...perSecond)).toBeLessThanOrEqual(11);
      expect(running.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('cancellation', () => {
  let pool: TestPool;
  beforeAll(() => {
    pool = makePool(1);
  });
  afterAll(() => pool.close());

  it('stops a job that polls within a second and keeps its worker', async () => {
    const before = await pool.submit('sleep', { ms: 10, report: 'once' }).done;
    const job = pool.submit('sleep', { ms: 10_000, report: 'once' });
    await pickedUp(pool, job.id);
    job.cancel();
    const { value: record, ms } = await timed(job.done);
    expect(record.status).toBe('cancelled');
    expect(ms).toBeLessThan(1000);
    const after = await pool.submit('sleep', { ms: 10, report: 'once' }).done;
    expect(after.result!.threadId).toBe(before.result!.threadId);
  });

  it('terminates a job that never polls within a second and replaces its worker', async () => {
    const before = await pool.submit('sleep', { ms: 10, report: 'once' }).done;
    const job = pool.submit('spin', {});
    await pickedUp(pool, job.id);
    job.cancel();
    const { value: record, ms } = await timed(job.done);
    expect(record.status).toBe('cancelled');
    expect(ms).toBeLessThan(1000);
    const after = await pool.submit('sleep', { ms: 10, report: 'once' }).done;
    expect(after.status).toBe('finished');
    expect(after.result!.threadId).not.toBe(before.result!.threadId);
  });

  it('cancels a queued job at once, leaving the running one alone', async () => {
    const running = pool.submit('sleep', { ms: 300, report: 'once' });
    const queued = pool.submit('sleep', { ms: 300, report: 'once' });
    queued.cancel();
    expect(await queued.done).toMatchObject({ status: 'cancelled', startedAt: null });
    expect((await running.done).status).toBe('finished');
  });
});

describe('closing a pool', () => {
  it('finalises the running and the queued jobs as cancelled and takes no more', async () => {
    const pool = makePool(1);
    const jobs = [0, 1, 2].map(() => pool.submit('sleep', { ms: 10_000, report: 'once' }));
    await pickedUp(pool, jobs[0]!.id);
    expect(pool.jobs().map((record) => record.status)).toEqual(['running', 'queued', 'queued']);
    const { ms } = await timed(pool.close());
    const records = await Promise.all(jobs.map((job) => job.done));
    expect(records.map((record) => record.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(ms).toBeLessThan(1000);
    expect(pool.jobs()).toEqual([]);
    expect(() => pool.submit('sleep', { ms: 10, report: 'once' })).toThrow('the worker pool is closed');
  });
});
