import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { readTableFile } from '../data/readTableFile.ts';
import { loadReference, sharedDir, within } from '../engine/testing/referenceCases.ts';
import { fitTable } from './fits.ts';

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
