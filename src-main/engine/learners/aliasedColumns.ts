// The columns of X that are not linear combinations of the columns before them, as R's lm keeps them (it reports the
// others as aliased, NA). The hot baseline needs it: cluster-level predictors are combinations of the cluster
// indicators, and fixed effects for clusters cannot estimate both.
import { firstDeficientColumn, householderQr } from './householderQr.ts';
import type { Features } from './learner.ts';
import { selectColumns } from './withoutIntercept.ts';

export function independentColumns(X: Features, tolerance: number): Int32Array {
  let kept = Int32Array.from({ length: X.p }, (_, k) => k);
  for (;;) {
    const qr = householderQr(selectColumns(X, kept), X.n, kept.length);
    const deficient = firstDeficientColumn(qr, tolerance);
    if (deficient < 0) return kept;
    kept = kept.filter((_, k) => k !== deficient);
  }
}

export function restrictFeatures(X: Features, columns: Int32Array): Features {
  return {
    values: selectColumns(X, columns),
    n: X.n,
    p: columns.length,
    names: Array.from(columns, (k) => X.names[k]!),
  };
}
