import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { readTableFile } from '../data/readTableFile.ts';
import { loadReference, sharedDir, within } from '../engine/testing/referenceCases.ts';
import { LinearLearner } from '../engine/learners/linear.ts';
import { SvrLearner } from '../engine/learners/svr.ts';
import { hotFeatures } from '../engine/metrics.ts';
import { subsetDesign } from '../engine/subsetDesign.ts';
import { featuresOf, fitWithBaselines } from './fitModel.ts';
import { designOf, fitTable } from './fits.ts';

describe('an EM fit with the linear learner, as the app reports it', () => {
  it("has lme4's fixed effects, random effects and their conditional variances (REML, sleepstudy)", async () => {
    const table = await readTableFile(join(sharedDir, 'datasets', 'sleepstudy.csv'));
    const spec = ModelSpecSchema.parse({
      formula: 'Reaction ~ Days + (Days | Subject)',
      learner: 'linear',
      estimator: 'reml',
      tol: 1e-8,
    });
    const { result } = await fitTable(table, spec);
    const ref = loadReference('sleepstudy').REML;
    for (const [k, v] of Object.entries(ref.fixef)) expect(within(result.fixef[k]!, v, 1e-3, 1), k).toBe(true);
    expect(result.ranef.levels).toEqual(ref.ranef_levels);
    ref.ranef.forEach((row, j) =>
      row.forEach((v, a) => expect(within(result.ranef.values[j]![a]!, v, 1e-2, 1)).toBe(true)),
    );
    ref.ranef_condvar_diag.forEach((row, j) =>
      row.forEach((v, a) => expect(within(result.ranef_condvar_diag[j]![a]!, v, 1e-2, 1e-8)).toBe(true)),
    );
  });
});

describe('the ml and hot baselines (MATH.md section 5)', () => {
  async function sleepstudy(learner: 'svr' | 'lme') {
    const table = await readTableFile(join(sharedDir, 'datasets', 'sleepstudy.csv'));
    const spec = ModelSpecSchema.parse({ formula: 'Reaction ~ Days + (Days | Subject)', learner, estimator: 'reml' });
    const design = designOf(table, spec);
    const rows = Array.from({ length: design.n }, (_, i) => i).filter((i) => i % 10 !== 3);
    const train = subsetDesign(design, rows);
    const known = [...new Set(rows.map((i) => design.group[i]!))].sort((a, b) => a - b);
    return { spec, design, train, known };
  }

  it('are the learner on y alone and the learner with one-hot clusters, trained on the training rows', async () => {
    const { spec, design, train, known } = await sleepstudy('svr');
    const { baselines } = await fitWithBaselines(train, spec, {}, { design, known });
    const ml = new SvrLearner();
    await ml.fit(featuresOf(train), train.y);
    expect(Array.from(baselines.ml)).toEqual(Array.from(ml.predict(featuresOf(design))));
    const hot = new SvrLearner();
    const all = Array.from({ length: train.J }, (_, j) => j);
    await hot.fit(hotFeatures(featuresOf(train), train, all), train.y);
    expect(Array.from(baselines.hot)).toEqual(Array.from(hot.predict(hotFeatures(featuresOf(design), design, known))));
  });

  it('use least squares for the LME, which has no learner of its own', async () => {
    const { spec, design, train, known } = await sleepstudy('lme');
    const { baselines } = await fitWithBaselines(train, spec, {}, { design, known });
    const ml = new LinearLearner();
    await ml.fit(featuresOf(train), train.y);
    const expected = ml.predict(featuresOf(design));
    baselines.ml.forEach((v, i) =>
      expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1e-9 * Math.abs(expected[i]!)),
    );
  });
});
