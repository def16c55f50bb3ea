import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ApiEvent } from '../../src-shared/api.ts';
import { loadReference, sharedDir, within } from '../engine/testing/referenceCases.ts';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { makeServices } from './services.ts';

describe('jobs over the API', () => {
  const services = makeServices({ mode: 'cli', workers: 1 });
  const { handlers } = services;
  afterAll(() => services.close());

  it('runs a fit in a worker, pushes its progress and ends with lme4 results', async () => {
    const events: ApiEvent[] = [];
    const unsubscribe = services.onEvent((e) => events.push(e));
    const { id: datasetId } = await handlers['datasets.openPath']({
      path: join(sharedDir, 'datasets', 'sleepstudy.csv'),
    });
    const formula = 'Reaction ~ Days + (Days | Subject)';
    const job = await handlers['jobs.fit']({
      datasetId,
      spec: ModelSpecSchema.parse({ formula, learner: 'lme', estimator: 'reml' }),
    });
    expect(job.label).toContain(formula);
    await expect
      .poll(() => events.some((e) => e.type === 'job' && e.job.status === 'finished'), { timeout: 30_000 })
      .toBe(true);
    unsubscribe();
    const statuses = events.flatMap((e) => (e.type === 'job' ? [e.job.status] : []));
    expect(statuses[0]).toMatch(/queued|running/);
    const { fit } = await handlers['jobs.result']({ id: job.id });
    if (!fit) throw new Error('no fit');
    const ref = loadReference('sleepstudy').REML;
    expect(within(fit.fixef.Days!, ref.fixef.Days!, 1e-3, 1)).toBe(true);
    expect((await handlers['jobs.list']({})).map((j) => j.id)).toContain(job.id);
  });

  it('says clearly when a job or its result does not exist', async () => {
    await expect(handlers['jobs.result']({ id: 'nope' })).rejects.toThrow('no job nope');
    await expect(handlers['jobs.cancel']({ id: 'nope' })).rejects.toThrow('no job nope');
  });
});
