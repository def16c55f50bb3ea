// Issue 4's acceptance checks of the mixedML EM with non-linear learners on the seed paper's nonlinear simulation:
// the MLP with random effects beats the MLP alone, and the SVR with random effects comes close to the true model,
// an LME given the squared columns x1_1^2..x1_5^2 (the paper's LME_nlin), and far below the linear LME.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ModelSpecSchema } from '../../src-shared/spec.ts';
import { applyDerivedColumns } from '../data/deriveColumns.ts';
import { readTableFile } from '../data/readTableFile.ts';
import type { Table } from '../data/table.ts';
import type { EmFit } from '../engine/em/fitEm.ts';
import { sharedDir } from '../engine/testing/referenceCases.ts';
import { designOf, fitTable } from './fits.ts';
import { fitMixed } from './fitModel.ts';

const x = 'x1_1 + x1_2 + x1_3 + x1_4 + x1_5 + x1_6 + x1_7 + x1_8 + x1_9 + x1_10 + x2_1 + x2_2 + x2_3';
const random = '(x1_1 + x1_2 + x1_3 + x1_4 + x1_5 + x1_6 + x1_7 + x1_8 + x1_9 + x1_10 | cluster)';
const squares = [1, 2, 3, 4, 5].map((k) => `sq${k}`);

describe('the mixedML EM with non-linear learners on sim_nonlinear', () => {
  let table: Table;
  const lmeWithin = async (formula: string) =>
    (await fitTable(table, ModelSpecSchema.parse({ formula, learner: 'lme', estimator: 'reml' }))).result.metrics
      .mse_within;

  beforeAll(async () => {
    const file = await readTableFile(join(sharedDir, 'datasets', 'sim_nonlinear.csv'));
    table = applyDerivedColumns(
      file,
      [1, 2, 3, 4, 5].map((k) => ({ kind: 'product' as const, name: `sq${k}`, sources: [`x1_${k}`, `x1_${k}`] })),
    );
  });

  it('MLP REML-EM beats the MLP alone on MSE_within', async () => {
    const spec = ModelSpecSchema.parse({ formula: `y ~ ${x} + ${random}`, learner: 'mlp', estimator: 'reml' });
    const { result } = await fitTable(table, spec);
    expect(result.converged).toBe(true);
    expect(result.metrics.mse_within).toBeLessThan(result.metrics.mse_ml);
  });

  it("SVR REML-EM comes within 10% of LME_nlin's MSE_within, far below the linear LME's", async () => {
    const spec = ModelSpecSchema.parse({ formula: `y ~ ${x} + ${random}`, learner: 'svr', estimator: 'reml' });
    const svr = (await fitMixed(designOf(table, spec), spec)).model as EmFit;
    const nlin = await lmeWithin(`y ~ ${x} + ${squares.join(' + ')} + ${random}`);
    const lin = await lmeWithin(`y ~ ${x} + ${random}`);
    expect(Math.abs(svr.metrics.mseWithin - nlin)).toBeLessThanOrEqual(0.1 * nlin);
    expect(svr.metrics.mseWithin).toBeLessThan(0.75 * lin);
  });
});
