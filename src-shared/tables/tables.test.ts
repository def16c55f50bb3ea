import { describe, expect, it } from 'vitest';
import { fitWarnings } from '../fitPresentation.ts';
import type { CvResult, FitResult } from '../spec.ts';
import { cvComparisonTable, flattenEstimates } from './cvTable.ts';
import { fixedEffectsTable, varianceComponentsTable } from './fitTables.ts';

// A hand-made fit: two random effects with covariance [[4, -1], [-1, 1]] (correlation -1 / (2 * 1) = -0.5).
const fit: FitResult = {
  learner: 'lme',
  estimator: 'reml',
  formula: 'y ~ x + (x | g)',
  response: 'y',
  group: 'g',
  nobs: 10,
  ngroups: 2,
  dropped: { rows: 0, by_column: {} },
  fixef: { '(Intercept)': 2, x: -0.5 },
  fixef_se: { '(Intercept)': 0.5, x: 0.25 },
  re_names: ['(Intercept)', 'x'],
  re_cov: [
    [4, -1],
    [-1, 1],
  ],
  sigma: 3,
  icc: null,
  logLik: -20,
  criterion: 40,
  aic: 52,
  bic: 54,
  singular: true,
  converged: true,
  iterations: 10,
  evaluations: 30,
  seconds: 0.1,
  warnings: [],
  ranef: { levels: ['a', 'b'], values: [] },
  ranef_condvar_diag: [],
  learner_description: { kind: 'lme', label: 'LME', options: {} },
  metrics: { mse_within: 8, mse_out: 12, mse_ml: 12, mse_hot: 9 },
};

describe('fit tables', () => {
  it('computes t, SDs and correlations from the fit', () => {
    const fixed = fixedEffectsTable(fit);
    expect(fixed.rows.map((r) => r.cells)).toEqual([
      ['(Intercept)', 2, 0.5, 4],
      ['x', -0.5, 0.25, -2],
    ]);
    const noSe = fixedEffectsTable({ ...fit, fixef_se: {} });
    expect(noSe.columns.map((c) => c.key)).toEqual(['term', 'estimate']);
    expect(noSe.rows[1]!.cells).toEqual(['x', -0.5]);
    const variance = varianceComponentsTable(fit);
    expect(variance.columns.map((c) => c.label)).toEqual(['Group', 'Effect', 'Variance', 'SD', 'r with (Intercept)']);
    expect(variance.rows.map((r) => r.cells)).toEqual([
      ['g', '(Intercept)', 4, 2, null],
      ['', 'x', 1, 1, -0.5],
      ['Residual', '', 9, 3, null],
    ]);
  });

  it('explains a singular fit in words when the backend did not', () => {
    expect(fitWarnings(fit)).toHaveLength(1);
    expect(fitWarnings(fit)[0]).toMatch(/Singular fit/);
    expect(fitWarnings({ ...fit, warnings: ['The fit is singular: drop the x slope.'] })).toHaveLength(1);
  });
});

describe('the CV comparison table', () => {
  const summary = (within: number) => ({
    metrics: { MSE_within: { train: { mean: within, sd: 1 }, test: { mean: within + 1, sd: 2 } } },
    estimates: {
      sigma: { mean: 3, sd: 0.1 },
      Sigma: [
        [
          { mean: 4, sd: 0.4 },
          { mean: -1, sd: 0.2 },
        ],
        [
          { mean: -1, sd: 0.2 },
          { mean: 1, sd: NaN },
        ],
      ],
    },
    seconds_per_fold: { mean: 0.5, sd: null },
  });
  const cv: CvResult = {
    ...summary(10),
    folds: 5,
    grouped: false,
    seed: 1,
    re_names: ['(Intercept)', 'x'],
    spec: {
      formula: 'y ~ x + (x | g)',
      learner: 'linear',
      estimator: 'reml',
      covariance: 'unstructured',
      learnerOptions: {},
      tol: 1e-6,
      maxIter: 500,
      seed: 1,
    },
    models: { lme: summary(11), ml: { ...summary(12), estimates: {} } },
  };

  it('has the mixedML model first, train rows before test rows, lower-triangle estimates', () => {
    const table = cvComparisonTable(cv);
    expect(table.columns.map((c) => c.label)).toEqual([
      '',
      'mixedML linear REML',
      'LME',
      'linear without clusters (ml)',
    ]);
    expect(table.rows.map((r) => r.cells[0])).toEqual([
      'MSE within (train)',
      'MSE within (test)',
      'Residual SD',
      'Sigma[1,1]',
      'Sigma[2,1]',
      'Sigma[2,2]',
      'Time per fold (s)',
    ]);
    expect(table.rows[1]!.cells.slice(1)).toEqual([
      { mean: 11, sd: 2 },
      { mean: 12, sd: 2 },
      { mean: 13, sd: 2 },
    ]);
    expect(table.rows[5]!.cells[1]).toEqual({ mean: 1, sd: null });
    expect(table.rows[2]!.cells[3]).toBeNull();
  });

  it('names nested estimates readably', () => {
    const m = { mean: 1, sd: 0 };
    const tree = {
      fixef: { x: m },
      re_cov: [
        [m, m],
        [m, m],
      ],
    };
    expect(flattenEstimates(tree, ['(Intercept)', 'x']).map(([name]) => name)).toEqual([
      'Fixed effect x',
      'Var((Intercept))',
      'Cov(x, (Intercept))',
      'Var(x)',
    ]);
  });
});
