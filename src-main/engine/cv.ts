// Cross-validation's pure parts (MATH.md section 6): seeded fold assignment, by rows (the paper's design) or by
// whole clusters, and the summary of per-fold results as the paper's Tables 3 and 4 (mean and SD over folds).
import { makeRandom, type Random } from './random.ts';

/** Row indices of one fold, ascending; train and test partition 0..n-1. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/**
 * k-fold by rows, as the paper: the rows in a seeded random order, cut into k runs whose sizes differ by at most one
 * (the first n mod k folds have one row more). k = n is leave-one-out.
 */
export function kFoldByRows(n: number, k: number, seed: number): Fold[] {
  checkFoldCount(k, n, 'rows');
  const order = shuffled(n, makeRandom(seed));
  const size = Math.floor(n / k);
  const extra = n % k;
  const foldOf = new Int32Array(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const end = start + size + (f < extra ? 1 : 0);
    for (let r = start; r < end; r++) foldOf[order[r]!] = f;
    start = end;
  }
  return foldsFrom(foldOf, k);
}

/**
 * Grouped k-fold: every cluster's rows fall in one fold. The clusters, in a seeded random order, are taken largest
 * first (a stable sort, so equal sizes keep the random order) and each goes to the fold with the fewest rows so far
 * (the lowest-numbered on a tie), which balances row counts as scikit-learn's GroupKFold does. `group[i]` is row i's
 * cluster code; codes need not be contiguous.
 */
export function groupedKFold(group: ArrayLike<number>, k: number, seed: number): Fold[] {
  const sizes = new Map<number, number>();
  for (let i = 0; i < group.length; i++) sizes.set(group[i]!, (sizes.get(group[i]!) ?? 0) + 1);
  const clusters = [...sizes.keys()];
  checkFoldCount(k, clusters.length, 'clusters');
  const order = shuffled(clusters.length, makeRandom(seed)).map((c) => clusters[c]!);
  order.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const rows = new Float64Array(k);
  const foldOfCluster = new Map<number, number>();
  for (const cluster of order) {
    let lightest = 0;
    for (let f = 1; f < k; f++) if (rows[f]! < rows[lightest]!) lightest = f;
    foldOfCluster.set(cluster, lightest);
    rows[lightest]! += sizes.get(cluster)!;
  }
  return foldsFrom(
    Int32Array.from({ length: group.length }, (_, i) => foldOfCluster.get(group[i]!)!),
    k,
  );
}

function checkFoldCount(k: number, units: number, what: string): void {
  if (!Number.isInteger(k) || k < 2) throw new Error(`the number of folds must be an integer of at least 2, not ${k}`);
  if (k > units) throw new Error(`${k} folds need at least ${k} ${what}, but the data have ${units}`);
}

/** 0..n-1 in a random order (Fisher-Yates). */
function shuffled(n: number, random: Random): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.integer(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function foldsFrom(foldOf: Int32Array, k: number): Fold[] {
  const n = foldOf.length;
  const testSize = new Int32Array(k);
  for (let i = 0; i < n; i++) testSize[foldOf[i]!]!++;
  return Array.from({ length: k }, (_, f) => {
    const test = new Int32Array(testSize[f]!);
    const train = new Int32Array(n - testSize[f]!);
    let t = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      if (foldOf[i] === f) test[t++] = i;
      else train[r++] = i;
    }
    return { train, test };
  });
}

/** Estimates of one fold: a number, or arrays and records of them (fixef by name, the Sigma matrix, sigma). */
export type Estimates = number | readonly Estimates[] | { readonly [name: string]: Estimates };

/** The same shape with each number replaced by its mean and SD over folds. */
export type EstimateSummary = MeanSd | EstimateSummary[] | { [name: string]: EstimateSummary };

export interface MeanSd {
  mean: number;
  /** With n - 1, as pandas and R; NaN (null in JSON) for a single fold. */
  sd: number;
}

export interface FoldResult {
  /** Metric name -> its value on the fold's training and test rows (MATH.md section 6). */
  metrics: Record<string, { train: number; test: number }>;
  estimates: Record<string, Estimates>;
  seconds: number;
}

export interface CvSummary {
  folds: number;
  grouped: boolean;
  metrics: Record<string, { train: MeanSd; test: MeanSd }>;
  estimates: Record<string, EstimateSummary>;
  seconds_per_fold: MeanSd;
}

/** Mean and SD over folds of every metric, estimate and fold time. All folds must report the same names and shapes. */
export function summarizeFolds(results: readonly FoldResult[], grouped: boolean): CvSummary {
  const first = results[0];
  if (!first) throw new Error('no fold results to summarise');
  const metrics: CvSummary['metrics'] = {};
  for (const name of Object.keys(first.metrics)) {
    const per = results.map((r, f) => {
      const m = r.metrics[name];
      if (!m) throw new Error(`fold ${f + 1} has no metric ${name}`);
      return m;
    });
    metrics[name] = { train: meanSd(per.map((m) => m.train)), test: meanSd(per.map((m) => m.test)) };
  }
  return {
    folds: results.length,
    grouped,
    metrics,
    estimates: summarizeRecord(
      results.map((r) => r.estimates),
      'estimates',
    ),
    seconds_per_fold: meanSd(results.map((r) => r.seconds)),
  };
}

function summarizeEstimates(values: readonly Estimates[], path: string): EstimateSummary {
  const [head] = values;
  if (typeof head === 'number') {
    if (!values.every((v) => typeof v === 'number')) throw new Error(`${path} is not a number in every fold`);
    return meanSd(values as number[]);
  }
  if (Array.isArray(head)) {
    const length = head.length;
    if (!values.every((v) => Array.isArray(v) && v.length === length)) {
      throw new Error(`${path} does not have ${length} entries in every fold`);
    }
    const arrays = values as readonly (readonly Estimates[])[];
    return Array.from({ length }, (_, i) =>
      summarizeEstimates(
        arrays.map((a) => a[i]!),
        `${path}[${i}]`,
      ),
    );
  }
  if (!values.every((v) => typeof v === 'object' && !Array.isArray(v))) {
    throw new Error(`${path} is not a record in every fold`);
  }
  return summarizeRecord(values as readonly { readonly [name: string]: Estimates }[], path);
}

function summarizeRecord(
  values: readonly { readonly [name: string]: Estimates }[],
  path: string,
): Record<string, EstimateSummary> {
  const out: Record<string, EstimateSummary> = {};
  for (const name of Object.keys(values[0]!)) {
    out[name] = summarizeEstimates(
      values.map((v, f) => {
        const value = v[name];
        if (value === undefined) throw new Error(`fold ${f + 1} has no ${path}.${name}`);
        return value;
      }),
      `${path}.${name}`,
    );
  }
  return out;
}

function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}
