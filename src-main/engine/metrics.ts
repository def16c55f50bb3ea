// The metrics every comparison reports (MATH.md section 6) and the features of the `hot` baseline (section 5).
// Functions of y and predictions over all rows of a design; `rows` (a fold's train or test indices) selects a subset.
import type { MixedDesign } from './design.ts';
import type { Features } from './learners/learner.ts';

/** The names of the fit and cross-validation JSON (the paper's MSE_within, MSE_out, MSE_ml, MSE_hot). */
export interface MixedMetrics {
  mse_within: number;
  mse_out: number;
  mse_ml: number;
  mse_hot: number;
}

/** Per-row predictions of the four models MATH.md section 6 compares. */
export interface PredictionSet {
  /** mixedML, f(x) + z'u_j (withinPredictions). */
  within: ArrayLike<number>;
  /** mixedML, f(x). */
  out: ArrayLike<number>;
  /** The learner trained on y alone. */
  ml: ArrayLike<number>;
  /** The learner trained on hotFeatures. */
  hot: ArrayLike<number>;
}

/** Mean of (y - prediction)^2 over `rows` (all rows when absent); NaN for no rows. */
export function meanSquaredError(
  y: ArrayLike<number>,
  prediction: ArrayLike<number>,
  rows?: ArrayLike<number>,
): number {
  if (prediction.length !== y.length) throw new Error(`${prediction.length} predictions for ${y.length} rows`);
  let s = 0;
  const n = rows ? rows.length : y.length;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r]! : r;
    s += (y[i]! - prediction[i]!) ** 2;
  }
  return s / n;
}

export function mixedMetrics(y: ArrayLike<number>, p: PredictionSet, rows?: ArrayLike<number>): MixedMetrics {
  return {
    mse_within: meanSquaredError(y, p.within, rows),
    mse_out: meanSquaredError(y, p.out, rows),
    mse_ml: meanSquaredError(y, p.ml, rows),
    mse_hot: meanSquaredError(y, p.hot, rows),
  };
}

/**
 * Within predictions f(x_i) + z_i'u_g(i) (MATH.md section 4). `ranef[g]` is cluster g's u, or undefined for a
 * cluster not seen in training, whose rows get the out prediction f(x_i) (MATH.md section 6: within = out there).
 * `Z` is n x q row-major; `group` holds the cluster code of each row.
 */
export function withinPredictions(
  fixed: ArrayLike<number>,
  Z: Float64Array,
  q: number,
  group: ArrayLike<number>,
  ranef: readonly (ArrayLike<number> | undefined)[],
): Float64Array {
  const n = fixed.length;
  if (Z.length !== n * q || group.length !== n) throw new Error(`Z or group does not have ${n} rows`);
  const out = Float64Array.from(fixed);
  for (let i = 0; i < n; i++) {
    const u = ranef[group[i]!];
    if (!u) continue;
    if (u.length !== q) throw new Error(`cluster ${group[i]} has ${u.length} random effects, not ${q}`);
    for (let k = 0; k < q; k++) out[i]! += Z[i * q + k]! * u[k]!;
  }
  return out;
}

/**
 * The hot baseline's features (MATH.md section 5): the learner's X with an indicator column per known cluster
 * (those seen in training, in the order given) appended, named as R's model.matrix names them (`cluster17`).
 * The '(Intercept)' column is dropped because the indicators sum to it, and the exact linear learner rejects a
 * rank-deficient X. A row of an unknown cluster gets 1 / (number of known clusters) in every indicator, the
 * average known cluster: the hot counterpart of MATH.md section 6's "within = out" for clusters not seen in training.
 */
export function hotFeatures(
  X: Features,
  design: Pick<MixedDesign, 'group' | 'levels' | 'groupName'>,
  known: readonly number[],
): Features {
  const { group } = design;
  if (group.length !== X.n) throw new Error(`${X.n} rows of features but ${group.length} cluster codes`);
  if (known.length === 0) throw new Error('the hot baseline needs at least one cluster seen in training');
  const keep = X.names.flatMap((name, k) => (name === '(Intercept)' ? [] : [k]));
  const column = new Map(known.map((cluster, c) => [cluster, c]));
  if (column.size !== known.length) throw new Error('a known cluster is listed twice');
  const K = known.length;
  const p = keep.length + K;
  const values = new Float64Array(X.n * p);
  for (let i = 0; i < X.n; i++) {
    const row = i * p;
    keep.forEach((k, c) => (values[row + c] = X.values[i * X.p + k]!));
    const c = column.get(group[i]!);
    if (c === undefined) values.fill(1 / K, row + keep.length, row + p);
    else values[row + keep.length + c] = 1;
  }
  const names = [
    ...keep.map((k) => X.names[k]!),
    ...known.map((cluster) => {
      const level = design.levels[cluster];
      if (level === undefined) throw new Error(`no cluster with code ${cluster}`);
      return `${design.groupName}${level}`;
    }),
  ];
  return { values, n: X.n, p, names };
}
