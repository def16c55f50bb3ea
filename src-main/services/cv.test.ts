import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CvResultSchema, ModelSpecSchema } from '../../src-shared/spec.ts';
import { sharedDir, within } from '../engine/testing/referenceCases.ts';
import { makeServices } from './services.ts';

describe('cross-validation jobs', () => {
  const services = makeServices({ mode: 'cli', workers: 2 });
  const { handlers } = services;
  afterAll(() => services.close());

  async function crossValidate(grouped: boolean, seed: number) {
    const { id: datasetId } = await handlers['datasets.openPath']({
      path: join(sharedDir, 'datasets', 'sleepstudy.csv'),
    });
    const spec = ModelSpecSchema.parse({
      formula: 'Reaction ~ Days + (Days | Subject)',
      learner: 'linear',
      estimator: 'reml',
    });
    const job = await handlers['jobs.cv']({
      datasetId,
      spec,
      cv: { folds: 4, grouped, seed, compare: ['lme', 'ml', 'hot'] },
    });
    await expect
      .poll(async () => (await handlers['jobs.list']({})).find((j) => j.id === job.id)?.status, { timeout: 60_000 })
      .toBe('finished');
    const listed = (await handlers['jobs.list']({})).filter((j) => j.kind !== 'cv');
    expect(listed).toEqual([]);
    return CvResultSchema.parse((await handlers['jobs.result']({ id: job.id })).cv);
  }

  it('reports every metric of the mixedML model and the baselines as mean and SD over folds', async () => {
    const cv = await crossValidate(false, 7);
    expect(cv.folds).toBe(4);
    expect(Object.keys(cv.metrics).sort()).toEqual(['mse_hot', 'mse_ml', 'mse_out', 'mse_within']);
    expect(Object.keys(cv.models).sort()).toEqual(['hot', 'lme', 'ml']);
    // The ml baseline of the mixedML run and the ml model are the same fits.
    expect(cv.models.ml!.metrics.mse!.test.mean).toBe(cv.metrics.mse_ml!.test.mean);
    // With the exact linear learner, REML-EM and the LME reach the same fit (to the EM's tolerance): their CV errors
    // agree to that tolerance, not only roughly.
    expect(within(cv.metrics.mse_within!.test.mean, cv.models.lme!.metrics.mse_within!.test.mean, 1e-3, 0)).toBe(true);
    // Random effects help on rows of known clusters.
    expect(cv.metrics.mse_within!.test.mean).toBeLessThan(cv.metrics.mse_out!.test.mean);
  });

  it('is deterministic for a seed', async () => {
    const a = await crossValidate(false, 3);
    const b = await crossValidate(false, 3);
    expect({ ...a.metrics }).toEqual({ ...b.metrics });
  });

  it('holds out whole clusters when grouped: within equals out on test rows', async () => {
    const cv = await crossValidate(true, 5);
    expect(cv.metrics.mse_within!.test.mean).toBeCloseTo(cv.metrics.mse_out!.test.mean, 10);
  });
});
