// The design's '(Intercept)' column, removed for the learners that model the features as scikit-learn sees them (svr,
// forest): a column of ones changes scikit-learn's gamma = 'scale' and max_features, and carries no information.

import type { Features } from './learner.ts';

export const INTERCEPT_NAME = '(Intercept)';

/** Indices of the columns a learner keeps: all but those named '(Intercept)'. */
export function keptColumns(names: readonly string[], p: number): Int32Array {
  if (names.length !== p) throw new Error(`features: ${p} columns but ${names.length} names`);
  return Int32Array.from(names.keys()).filter((k) => names[k] !== INTERCEPT_NAME);
}

/** Row-major n x columns.length copy of the given columns of X. */
export function selectColumns(X: Features, columns: Int32Array): Float64Array {
  const k = columns.length;
  const out = new Float64Array(X.n * k);
  for (let i = 0; i < X.n; i++) {
    for (let j = 0; j < k; j++) out[i * k + j] = X.values[i * X.p + columns[j]!]!;
  }
  return out;
}
