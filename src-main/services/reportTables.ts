// The report's tables as plain data (reportHtml.ts renders them): the variables of a data set, a fit laid out as
// lme4's summary() (fixed effects, variance components, fit statistics), and a cross-validation in the shape of the
// seed paper's Tables 3 and 4.
import type { DatasetSummary } from '../../src-shared/api.ts';
import type { CvResult, FitResult, MeanSd } from '../../src-shared/spec.ts';
import { formatFixed, formatNumber, type ReportTable } from './reportHtml.ts';

export function variablesTable(dataset: DatasetSummary): ReportTable {
  return {
    title: `Variables of ${dataset.name}`,
    head: ['Variable', 'Label', 'Type', 'Missing', 'Mean'],
    textColumns: 3,
    rows: dataset.variables.map((v) => [
      v.derived ? `${v.name} (derived)` : v.name,
      v.label,
      v.type === 'string' ? `text (${v.levels?.length ?? 0} values)` : 'numeric',
      String(v.n_missing),
      v.mean === null ? '' : formatNumber(v.mean),
    ]),
    note: `${dataset.nrows} rows. Missing: empty cells and declared missing values.`,
  };
}

export function fixedEffectsTable(fit: FitResult): ReportTable {
  const withSe = Object.keys(fit.fixef_se).length > 0;
  return {
    title: 'Fixed effects',
    head: withSe ? ['Term', 'Estimate', 'SE', 't'] : ['Term', 'Estimate'],
    rows: Object.entries(fit.fixef).map(([term, estimate]) => {
      const se = fit.fixef_se[term];
      return withSe
        ? [term, formatNumber(estimate), formatNumber(se), formatNumber(se ? estimate / se : NaN)]
        : [term, formatNumber(estimate)];
    }),
    note: withSe
      ? `Outcome ${fit.response}; ${fit.estimator.toUpperCase()} estimates; t = estimate / SE.`
      : `Outcome ${fit.response}; the learner's coefficients at the ${fit.estimator.toUpperCase()} fit (the EM gives no standard errors).`,
  };
}

/** Variances and SDs of the random effects, their correlations (lower triangle), then the residual. */
export function varianceComponentsTable(fit: FitResult): ReportTable {
  const sd = fit.re_names.map((_, i) => Math.sqrt(Math.max(0, fit.re_cov[i]?.[i] ?? NaN)));
  const others = fit.re_names.slice(0, -1);
  const rows = fit.re_names.map((name, i) => [
    i === 0 ? fit.group : '',
    name,
    formatNumber(fit.re_cov[i]?.[i]),
    formatNumber(sd[i]),
    ...others.map((_, j) => {
      if (j >= i) return '';
      const denominator = sd[i]! * sd[j]!;
      return denominator > 0 ? formatFixed((fit.re_cov[i]?.[j] ?? NaN) / denominator, 2) : 'NA';
    }),
  ]);
  rows.push(['Residual', '', formatNumber(fit.sigma ** 2), formatNumber(fit.sigma), ...others.map(() => '')]);
  return {
    title: 'Variance components',
    head: ['Group', 'Effect', 'Variance', 'SD', ...others.map((name) => `r with ${name}`)],
    textColumns: 2,
    rows,
    note:
      others.length > 0
        ? 'r: correlation between the random effects of one cluster.'
        : 'A random intercept only: no correlations.',
  };
}

export function fitStatisticsTable(fit: FitResult): ReportTable {
  const rows: [string, string][] = [
    ['Observations', String(fit.nobs)],
    [`Clusters (${fit.group})`, String(fit.ngroups)],
    ['Rows left out (missing values)', String(fit.dropped.rows)],
    ['Log-likelihood', formatFixed(fit.logLik, 1)],
    ['AIC', formatFixed(fit.aic, 1)],
    ['BIC', formatFixed(fit.bic, 1)],
    [fit.estimator === 'ml' ? 'Deviance' : 'REML criterion', formatFixed(fit.criterion, 1)],
    ['Residual SD', formatNumber(fit.sigma)],
    ['ICC', fit.icc === null ? 'not defined with random slopes' : formatFixed(fit.icc, 3)],
    ['Iterations', String(fit.iterations)],
    ['Converged', fit.converged ? 'yes' : 'no'],
    ['Singular fit', fit.singular ? 'yes' : 'no'],
    ['Time (s)', formatFixed(fit.seconds, 2)],
    ['MSE within clusters', formatNumber(fit.metrics.mse_within)],
    ['MSE out of clusters', formatNumber(fit.metrics.mse_out)],
    ['MSE of the learner alone (ml)', formatNumber(fit.metrics.mse_ml)],
    ['MSE with one-hot clusters (hot)', formatNumber(fit.metrics.mse_hot)],
  ];
  return {
    title: 'Fit statistics',
    head: ['Statistic', 'Value'],
    rows,
    note:
      'MSEs on the training rows: "within" adds each cluster’s random effects to the learner’s prediction, ' +
      '"out" is the learner’s prediction alone; ml and hot are the learner fitted without clusters and with ' +
      'one-hot cluster columns.',
  };
}

const baselineLabels: Record<string, (learner: string) => string> = {
  lme: () => 'LME',
  ml: (learner) => `${learner} without clusters (ml)`,
  hot: (learner) => `${learner} with one-hot clusters (hot)`,
};

/** One column per model (the mixedML model first), metrics on training then test rows, estimates, time per fold. */
export function cvTable(cv: CvResult): ReportTable {
  type Summary = CvResult['models'][string];
  const models: [string, Summary][] = [
    [`mixedML ${cv.spec.learner} ${cv.spec.estimator.toUpperCase()}`, cv],
    ...Object.entries(cv.models).map(([key, m]): [string, Summary] => [
      baselineLabels[key]?.(cv.spec.learner) ?? key,
      m,
    ]),
  ];
  const rows: string[][] = [];
  const metricNames = [...new Set(models.flatMap(([, m]) => Object.keys(m.metrics)))];
  for (const part of ['train', 'test'] as const) {
    for (const metric of metricNames) {
      rows.push([`${metricLabel(metric)}, ${part}`, ...models.map(([, m]) => meanSd(m.metrics[metric]?.[part]))]);
    }
  }
  const estimates = models.map(([, m]) => new Map(flattenEstimates(m.estimates, cv.re_names)));
  for (const name of new Set(estimates.flatMap((e) => [...e.keys()]))) {
    rows.push([name, ...estimates.map((e) => meanSd(e.get(name)))]);
  }
  rows.push(['Time per fold (s)', ...models.map(([, m]) => meanSd(m.seconds_per_fold))]);
  const how = cv.grouped ? 'whole clusters held out' : 'rows assigned to folds at random';
  return {
    title: `Cross-validation: ${cv.folds} folds`,
    head: ['', ...models.map(([label]) => label)],
    rows,
    note: `Mean (SD) over ${cv.folds} folds (${how}, seed ${cv.seed}); ${cv.spec.formula}. The baselines take the mixedML model's time.`,
  };
}

function metricLabel(name: string): string {
  return name.replace(/^mse_?/i, 'MSE ').trim();
}

function meanSd(value: MeanSd | undefined): string {
  if (!value) return '';
  const sd = value.sd === null || Number.isNaN(value.sd) ? 'NA' : formatNumber(value.sd);
  return `${formatNumber(value.mean)} (${sd})`;
}

type EstimateNode = CvResult['estimates'][string];

function isMeanSd(node: EstimateNode): node is MeanSd {
  return !Array.isArray(node) && typeof (node as MeanSd).mean === 'number' && 'sd' in node;
}

/**
 * Leaves of the estimate tree with readable names: `Fixed effect (Intercept)`, `Var(Days)` and `Cov(Days, (Intercept))`
 * (the lower triangle of re_cov, named by `reNames`), `Residual SD`; anything else by its path.
 */
function flattenEstimates(tree: Record<string, EstimateNode>, reNames: readonly string[]): [string, MeanSd][] {
  const out: [string, MeanSd][] = [];
  const covariance = (i: number, j: number) => {
    const [a, b] = [reNames[i] ?? `${i + 1}`, reNames[j] ?? `${j + 1}`];
    return i === j ? `Var(${a})` : `Cov(${a}, ${b})`;
  };
  const walk = (node: EstimateNode, name: string) => {
    if (isMeanSd(node)) out.push([name, node]);
    else if (Array.isArray(node)) {
      const square = node.every((row) => Array.isArray(row) && row.length === node.length);
      node.forEach((child, i) => {
        if (square && Array.isArray(child)) {
          child.forEach((entry, j) => {
            if (j <= i) walk(entry, name === 're_cov' ? covariance(i, j) : `${name}[${i + 1},${j + 1}]`);
          });
        } else walk(child, `${name}[${i + 1}]`);
      });
    } else for (const [key, child] of Object.entries(node)) walk(child, `${name} ${key}`);
  };
  const labels: Record<string, string> = { fixef: 'Fixed effect', sigma: 'Residual SD' };
  for (const [key, node] of Object.entries(tree)) walk(node, labels[key] ?? key);
  return out;
}
