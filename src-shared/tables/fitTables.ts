// The tables of one fit, as lme4's summary() lays them out: fixed effects, variance components (with correlations),
// and the model summary (fit statistics, sizes, convergence).
import type { FitResult } from '../spec.ts';
import type { TableModel } from './tableModel.ts';

/** Estimates with SE and t where the fit has standard errors (the LME); the EM's learner coefficients have none. */
export function fixedEffectsTable(fit: FitResult): TableModel {
  const withSe = Object.keys(fit.fixef_se).length > 0;
  const rows = Object.entries(fit.fixef).map(([term, estimate]) => {
    const se = fit.fixef_se[term] ?? null;
    return { key: term, cells: withSe ? [term, estimate, se, se ? estimate / se : null] : [term, estimate] };
  });
  return {
    id: 'fixed-effects',
    title: 'Fixed effects',
    columns: [
      { key: 'term', label: 'Term' },
      { key: 'estimate', label: 'Estimate' },
      ...(withSe
        ? [
            { key: 'se', label: 'SE' },
            { key: 't', label: 't' },
          ]
        : []),
    ],
    rows,
    note: withSe
      ? `Outcome ${fit.response}; ${fit.estimator.toUpperCase()} estimates, t = estimate / SE.`
      : `Outcome ${fit.response}; the learner's coefficients at the ${fit.estimator.toUpperCase()} fit (the EM gives no standard errors).`,
  };
}

/** Variances, SDs and the correlations of the random effects (lower triangle), then the residual. */
export function varianceComponentsTable(fit: FitResult): TableModel {
  const q = fit.re_names.length;
  const sd = fit.re_names.map((_, i) => Math.sqrt(Math.max(0, fit.re_cov[i]?.[i] ?? NaN)));
  const corrColumns = fit.re_names.slice(0, -1).map((name, j) => ({ key: `corr-${j}`, label: `r with ${name}` }));
  const rows = fit.re_names.map((name, i) => {
    const variance = fit.re_cov[i]?.[i] ?? null;
    const correlations = corrColumns.map((_, j) => {
      if (j >= i) return null;
      const denominator = sd[i]! * sd[j]!;
      return denominator > 0 ? (fit.re_cov[i]?.[j] ?? NaN) / denominator : null;
    });
    return { key: name, cells: [i === 0 ? fit.group : '', name, variance, sd[i]!, ...correlations] };
  });
  rows.push({
    key: 'Residual',
    cells: ['Residual', '', fit.sigma ** 2, fit.sigma, ...corrColumns.map(() => null)],
  });
  return {
    id: 'variance-components',
    title: 'Variance components',
    columns: [
      { key: 'group', label: 'Group' },
      { key: 'effect', label: 'Effect' },
      { key: 'variance', label: 'Variance' },
      { key: 'sd', label: 'SD' },
      ...corrColumns,
    ],
    rows,
    note: q > 1 ? 'Correlations between the random effects of one cluster.' : undefined,
  };
}

export function fitSummaryTable(fit: FitResult): TableModel {
  const criterionName = fit.estimator === 'ml' ? 'Deviance' : 'REML criterion';
  const entries: [string, number | string | null][] = [
    ['Observations', fit.nobs],
    [`Clusters (${fit.group})`, fit.ngroups],
    ['Rows dropped (missing values)', fit.dropped.rows],
    ['Log-likelihood', fit.logLik],
    ['AIC', fit.aic],
    ['BIC', fit.bic],
    [criterionName, fit.criterion],
    ['Residual SD', fit.sigma],
    ['ICC', fit.icc ?? 'n/a (random slopes)'],
    ['Iterations', fit.iterations],
    ['Converged', fit.converged ? 'yes' : 'no'],
    ['Singular fit', fit.singular ? 'yes' : 'no'],
    ['Time (s)', fit.seconds],
    ['MSE within clusters', fit.metrics.mse_within],
    ['MSE out of clusters', fit.metrics.mse_out],
    ['MSE of the learner alone (ml)', fit.metrics.mse_ml],
    ['MSE with one-hot clusters (hot)', fit.metrics.mse_hot],
  ];
  return {
    id: 'model-summary',
    title: 'Model summary',
    columns: [
      { key: 'statistic', label: 'Statistic' },
      { key: 'value', label: 'Value' },
    ],
    rows: entries.map(([name, value]) => ({ key: name, cells: [name, value] })),
    note:
      `${fit.formula}; ${fit.learner_description.label}, estimator ${fit.estimator.toUpperCase()}` +
      `${fit.backend ? ` (TensorFlow.js ${fit.backend})` : ''}. MSEs on the training rows: "within" adds ` +
      'each cluster’s random effects to the learner’s prediction, "out" is the learner’s prediction alone; ' +
      'ml and hot are the learner fitted without clusters and with one-hot cluster columns.',
  };
}
