import { describe, expect, it } from 'vitest';
import { LinearLearner } from './learners/linear.ts';
import { hotFeatures, meanSquaredError, mixedMetrics, withinPredictions } from './metrics.ts';

describe('meanSquaredError and mixedMetrics', () => {
  const y = [1, 2, 3, 4];
  it('averages squared errors over all rows or the rows given', () => {
    expect(meanSquaredError(y, [1, 2, 3, 4])).toBe(0);
    // Errors 1, -2, 0, 3: squares 1, 4, 0, 9.
    const prediction = [0, 4, 3, 1];
    expect(meanSquaredError(y, prediction)).toBe(14 / 4);
    expect(meanSquaredError(y, prediction, [1, 3])).toBe(13 / 2);
    expect(meanSquaredError(y, prediction, new Int32Array([2]))).toBe(0);
    expect(meanSquaredError(y, prediction, [])).toBeNaN();
    expect(() => meanSquaredError(y, [1, 2])).toThrow(/2 predictions for 4 rows/);
  });

  it('computes the four metrics of MATH.md section 6 under their JSON names', () => {
    const m = mixedMetrics(y, { within: y, out: [0, 2, 3, 4], ml: [1, 0, 3, 4], hot: [1, 2, 3, 7] }, [0, 1, 3]);
    expect(m).toEqual({ mse_within: 0, mse_out: 1 / 3, mse_ml: 4 / 3, mse_hot: 3 });
  });
});

describe('withinPredictions', () => {
  // q = 2 (intercept and slope): rows of clusters 0, 1 and 2, cluster 2 unseen in training.
  const Z = Float64Array.from([1, 2, 1, -1, 1, 0.5, 1, 3]);
  const group = [0, 1, 0, 2];
  const fixed = [10, 20, 30, 40];
  const ranef = [
    [1, 2],
    [-1, 0.5],
  ];

  it('adds z_i u_g(i) for known clusters and keeps f(x) for unseen ones (within = out)', () => {
    const within = withinPredictions(fixed, Z, 2, group, ranef);
    // 10 + 1 + 2*2, 20 - 1 - 0.5, 30 + 1 + 0.5*2, 40 (cluster 2 has no u).
    expect(Array.from(within)).toEqual([15, 18.5, 32, 40]);
    expect(Array.from(withinPredictions(fixed, Z, 2, group, [ranef[0], undefined, undefined]))).toEqual([
      15, 20, 32, 40,
    ]);
  });

  it('rejects mismatched shapes', () => {
    expect(() => withinPredictions(fixed, Z, 3, group, ranef)).toThrow(/4 rows/);
    expect(() => withinPredictions(fixed, Z, 2, group, [[1], [1]])).toThrow(/1 random effects, not 2/);
  });
});

describe('hotFeatures', () => {
  // Three clusters with codes 0..2 ("a", "b", "c"); rows of cluster "c" are unknown (not seen in training).
  const design = { group: Int32Array.from([0, 0, 0, 1, 1, 1, 1, 2, 2]), levels: ['a', 'b', 'c'], groupName: 'g' };
  const x = [0, 1, 2, 0, 1, 3, 4, 1, 2];
  const y = [1.1, 2.9, 5.2, 10.2, 11.8, 16.1, 17.9, 0, 0];
  const X = {
    values: Float64Array.from(x.flatMap((v) => [1, v])),
    n: 9,
    p: 2,
    names: ['(Intercept)', 'x'],
  };

  it('replaces the intercept by one indicator per known cluster, and the average for unknown clusters', () => {
    const hot = hotFeatures(X, design, [1, 0]);
    expect(hot.names).toEqual(['x', 'gb', 'ga']);
    expect(hot.p).toBe(3);
    expect(Array.from(hot.values.subarray(0, 3))).toEqual([0, 0, 1]);
    expect(Array.from(hot.values.subarray(9, 12))).toEqual([0, 1, 0]);
    expect(Array.from(hot.values.subarray(21, 27))).toEqual([1, 0.5, 0.5, 2, 0.5, 0.5]);
  });

  it('gives the linear learner the within-cluster (fixed-effects) regression', async () => {
    const train = [0, 1, 2, 3, 4, 5, 6];
    const hot = hotFeatures(X, design, [0, 1]);
    const rows = (f: typeof hot, idx: number[]) => ({
      ...f,
      n: idx.length,
      values: Float64Array.from(idx.flatMap((i) => Array.from(f.values.subarray(i * f.p, (i + 1) * f.p)))),
    });
    const learner = new LinearLearner();
    await learner.fit(
      rows(hot, train),
      Float64Array.from(train, (i) => y[i]!),
    );
    // By hand: the slope pools within-cluster deviations, each cluster's intercept is ybar_g - slope * xbar_g.
    let sxy = 0;
    let sxx = 0;
    const mean = (idx: number[], v: number[]) => idx.reduce((s, i) => s + v[i]!, 0) / idx.length;
    const clusters = [
      [0, 1, 2],
      [3, 4, 5, 6],
    ];
    for (const idx of clusters) {
      const mx = mean(idx, x);
      const my = mean(idx, y);
      for (const i of idx) {
        sxy += (x[i]! - mx) * (y[i]! - my);
        sxx += (x[i]! - mx) ** 2;
      }
    }
    const slope = sxy / sxx;
    const intercepts = clusters.map((idx) => mean(idx, y) - slope * mean(idx, x));
    const coefficients = learner.coefficients();
    expect(coefficients.x).toBeCloseTo(slope, 12);
    expect(coefficients.ga).toBeCloseTo(intercepts[0]!, 12);
    expect(coefficients.gb).toBeCloseTo(intercepts[1]!, 12);
    // An unknown cluster's row is predicted at the average intercept.
    const predicted = learner.predict(rows(hot, [7]))[0]!;
    expect(predicted).toBeCloseTo(slope * x[7]! + (intercepts[0]! + intercepts[1]!) / 2, 12);
  });

  it('rejects no known cluster, a repeated one, a code without a level and mismatched rows', () => {
    expect(() => hotFeatures(X, design, [])).toThrow(/at least one cluster/);
    expect(() => hotFeatures(X, design, [0, 0])).toThrow(/listed twice/);
    expect(() => hotFeatures(X, design, [0, 5])).toThrow(/no cluster with code 5/);
    expect(() => hotFeatures({ ...X, n: 8 }, design, [0])).toThrow(/8 rows of features but 9/);
  });
});
