// The cross-validation comparison in the shape of the seed paper's Tables 3 and 4: one column per model (the mixedML
// model first, then the baselines of MATH.md section 5), metrics on training rows, then on test rows, then the
// estimates, each as mean (SD) over folds.
import type { CvResult, MeanSd } from '../spec.ts';
import type { MeanSdCell, TableCell, TableModel } from './tableModel.ts';

type Summary = CvResult['models'][string];
type EstimateNode = Summary['estimates'][string];

const baselineLabels: Record<string, (learner: string) => string> = {
  lme: () => 'LME',
  ml: (learner) => `${learner} without clusters (ml)`,
  hot: (learner) => `${learner} with one-hot clusters (hot)`,
};

export function cvComparisonTable(cv: CvResult): TableModel {
  const models: [string, Summary][] = [['mixedml', cv], ...Object.entries(cv.models)];
  const label = (key: string) =>
    key === 'mixedml'
      ? `mixedML ${cv.spec.learner} ${cv.spec.estimator.toUpperCase()}`
      : (baselineLabels[key]?.(cv.spec.learner) ?? key);

  const metricNames = unique(models.flatMap(([, m]) => Object.keys(m.metrics)));
  const rows: TableModel['rows'] = [];
  for (const part of ['train', 'test'] as const) {
    for (const metric of metricNames) {
      rows.push({
        key: `${metric}-${part}`,
        cells: [`${metricLabel(metric)} (${part})`, ...models.map(([, m]) => cell(m.metrics[metric]?.[part]))],
      });
    }
  }
  const estimates = models.map(([, m]) => new Map(flattenEstimates(m.estimates, cv.re_names)));
  for (const name of unique(estimates.flatMap((e) => [...e.keys()]))) {
    rows.push({ key: `estimate-${name}`, cells: [name, ...estimates.map((e) => cell(e.get(name)))] });
  }
  rows.push({ key: 'seconds', cells: ['Time per fold (s)', ...models.map(([, m]) => cell(m.seconds_per_fold))] });

  return {
    id: 'cv-comparison',
    title: `Cross-validation, ${cv.folds} ${cv.grouped ? 'grouped ' : ''}folds`,
    columns: [{ key: 'quantity', label: '' }, ...models.map(([key]) => ({ key, label: label(key) }))],
    rows,
    note:
      `Mean (SD) over ${cv.folds} folds (${cv.grouped ? 'whole clusters held out' : 'rows assigned at random'}, ` +
      `seed ${cv.seed}); ${cv.spec.formula}. The baselines take the mixedML model's time.`,
  };
}

/** `mse_within` as the paper writes it: MSE within. */
function metricLabel(name: string): string {
  return name.replace(/^mse/i, 'MSE').replace(/_/g, ' ');
}

function cell(value: MeanSd | undefined): TableCell {
  if (!value) return null;
  const sd = value.sd === null || Number.isNaN(value.sd) ? null : value.sd;
  return { mean: value.mean, sd } satisfies MeanSdCell;
}

function isMeanSd(node: EstimateNode): node is MeanSd {
  return !Array.isArray(node) && typeof (node as MeanSd).mean === 'number' && 'sd' in node;
}

/**
 * Leaves of the estimate tree with readable names: `Fixed effect (Intercept)`, `Var(Days)` and `Cov(Days, (Intercept))`
 * (the lower triangle of re_cov, named by `reNames`), `Residual SD`; anything else by its path.
 */
export function flattenEstimates(tree: Record<string, EstimateNode>, reNames: readonly string[]): [string, MeanSd][] {
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

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
