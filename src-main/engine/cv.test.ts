import { describe, expect, it } from 'vitest';
import { groupedKFold, kFoldByRows, summarizeFolds, type Fold, type FoldResult } from './cv.ts';

/** Every row is tested exactly once and each fold's train is the complement of its test, both ascending. */
function expectPartition(folds: Fold[], n: number): void {
  const tested = new Int32Array(n);
  const problems: string[] = [];
  folds.forEach(({ train, test }, f) => {
    if (train.length + test.length !== n) problems.push(`fold ${f}: ${train.length} + ${test.length} rows`);
    const inTest = new Uint8Array(n);
    test.forEach((i) => {
      tested[i]!++;
      inTest[i] = 1;
    });
    if (train.some((i) => inTest[i] === 1)) problems.push(`fold ${f}: a row in both train and test`);
    for (const a of [train, test]) if (a.some((v, i) => i > 0 && v <= a[i - 1]!)) problems.push(`fold ${f}: unsorted`);
  });
  tested.forEach((count, i) => {
    if (count !== 1) problems.push(`row ${i} tested ${count} times`);
  });
  expect(problems).toEqual([]);
}

describe('kFoldByRows', () => {
  it('tests every row exactly once in k folds of near-equal size', () => {
    const folds = kFoldByRows(103, 10, 1);
    expect(folds).toHaveLength(10);
    expectPartition(folds, 103);
    expect(folds.map((f) => f.test.length)).toEqual([11, 11, 11, 10, 10, 10, 10, 10, 10, 10]);
  });

  it('is deterministic for a seed and random across seeds', () => {
    const a = kFoldByRows(50, 5, 42);
    expect(kFoldByRows(50, 5, 42)).toEqual(a);
    expect(kFoldByRows(50, 5, 43)).not.toEqual(a);
    // Rows are assigned at random, not in runs: fold 1 is not rows 0..9.
    expect(Array.from(a[0]!.test)).not.toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('does leave-one-out for k = n', () => {
    const folds = kFoldByRows(7, 7, 3);
    expectPartition(folds, 7);
    expect(folds.every((f) => f.test.length === 1 && f.train.length === 6)).toBe(true);
  });

  it('rejects k > n, k < 2 and fractional k', () => {
    expect(() => kFoldByRows(5, 6, 1)).toThrow(/6 folds need at least 6 rows, but the data have 5/);
    expect(() => kFoldByRows(5, 1, 1)).toThrow(/at least 2/);
    expect(() => kFoldByRows(5, 2.5, 1)).toThrow(/integer/);
  });
});

describe('groupedKFold', () => {
  // 30 clusters of sizes 1..30, codes shuffled over rows and not contiguous (code = 10 * cluster).
  const group: number[] = [];
  for (let c = 1; c <= 30; c++) for (let r = 0; r < c; r++) group.push(10 * c);
  group.reverse();
  const n = group.length;

  it('never splits a cluster and tests every row exactly once', () => {
    const folds = groupedKFold(group, 4, 9);
    expectPartition(folds, n);
    const foldOf = new Map<number, number>();
    folds.forEach((f, k) =>
      f.test.forEach((i) => {
        const g = group[i]!;
        expect(foldOf.get(g) ?? k, `cluster ${g}`).toBe(k);
        foldOf.set(g, k);
      }),
    );
    expect(foldOf.size).toBe(30);
  });

  it('balances row counts', () => {
    // 465 rows in 4 folds: largest-first greedy ends within the largest cluster (30) of the mean (116.25).
    const sizes = groupedKFold(group, 4, 9).map((f) => f.test.length);
    expect(sizes.reduce((a, b) => a + b)).toBe(465);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(30);
  });

  it('is deterministic for a seed and random across seeds', () => {
    const a = groupedKFold(group, 5, 1);
    expect(groupedKFold(group, 5, 1)).toEqual(a);
    // Equal-sized clusters are ordered at random: with 20 clusters of 3 rows, seeds give different assignments.
    const even = Array.from({ length: 60 }, (_, i) => Math.floor(i / 3));
    expect(groupedKFold(even, 4, 1)).not.toEqual(groupedKFold(even, 4, 2));
    expect(groupedKFold(even, 4, 1).map((f) => f.test.length)).toEqual([15, 15, 15, 15]);
  });

  it('does leave-one-cluster-out for k = J, and rejects k > J', () => {
    const folds = groupedKFold(group, 30, 2);
    expectPartition(folds, n);
    expect(folds.every((f) => new Set(Array.from(f.test, (i) => group[i])).size === 1)).toBe(true);
    expect(() => groupedKFold(group, 31, 2)).toThrow(/31 folds need at least 31 clusters, but the data have 30/);
  });
});

describe('summarizeFolds', () => {
  const fold = (mse: number, sigma: number, seconds: number): FoldResult => ({
    metrics: { mse_within: { train: mse, test: mse + 1 } },
    estimates: {
      sigma,
      fixef: { '(Intercept)': sigma * 2 },
      re_cov: [
        [sigma, 0],
        [0, 1],
      ],
    },
    seconds,
  });

  it('gives the mean and the n - 1 SD over folds, in the shape of the paper tables', () => {
    // Hand-computed: values 1, 2, 6 have mean 3 and SD sqrt((4 + 1 + 9) / 2) = sqrt(7).
    const s = summarizeFolds([fold(1, 1, 10), fold(2, 2, 20), fold(6, 6, 60)], true);
    const seven = Math.sqrt(7);
    expect(s.folds).toBe(3);
    expect(s.grouped).toBe(true);
    expect(s.metrics.mse_within!.train.mean).toBeCloseTo(3, 14);
    expect(s.metrics.mse_within!.train.sd).toBeCloseTo(seven, 14);
    expect(s.metrics.mse_within!.test.mean).toBeCloseTo(4, 14);
    expect(s.metrics.mse_within!.test.sd).toBeCloseTo(seven, 14);
    expect(s.estimates).toEqual({
      sigma: { mean: 3, sd: seven },
      fixef: { '(Intercept)': { mean: 6, sd: 2 * seven } },
      re_cov: [
        [
          { mean: 3, sd: seven },
          { mean: 0, sd: 0 },
        ],
        [
          { mean: 0, sd: 0 },
          { mean: 1, sd: 0 },
        ],
      ],
    });
    expect(s.seconds_per_fold.mean).toBeCloseTo(30, 13);
    expect(s.seconds_per_fold.sd).toBeCloseTo(10 * seven, 13);
  });

  it('reports a NaN SD for one fold (null in JSON) and rejects folds of different shapes', () => {
    const one = summarizeFolds([fold(1, 1, 1)], false);
    expect(one.seconds_per_fold.mean).toBe(1);
    expect(JSON.parse(JSON.stringify(one.seconds_per_fold))).toEqual({ mean: 1, sd: null });
    expect(() => summarizeFolds([], false)).toThrow(/no fold results/);
    const missing = { ...fold(2, 2, 2), metrics: {} };
    expect(() => summarizeFolds([fold(1, 1, 1), missing], false)).toThrow(/fold 2 has no metric mse_within/);
    const short = { ...fold(2, 2, 2), estimates: { ...fold(2, 2, 2).estimates, re_cov: [[2, 0]] } };
    expect(() => summarizeFolds([fold(1, 1, 1), short], false)).toThrow(/estimates.re_cov does not have 2 entries/);
  });
});
