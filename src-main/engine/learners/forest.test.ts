import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ForestLearner } from './forest.ts';
import type { ForestOptions } from './forest.ts';
import { CancelledError } from './learner.ts';
import type { Features } from './learner.ts';
import { learnerFromJSON } from './registry.ts';

// Made by fixtures/make_forest_fixture.py with Debian's scikit-learn.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/forest_sklearn.json', import.meta.url), 'utf8')) as {
  sklearn_version: string;
  X_train: number[][];
  y_train: number[];
  X_test: number[][];
  y_test: number[];
  exact: { params: Record<string, number>; nodes: number; pred_test: number[] }[];
  quality: { params: Record<string, number | string>; seeds: number[]; mean_mse_test: number }[];
};

/** The design's X as the EM hands it over: an '(Intercept)' column of ones before the features. */
function withIntercept(rows: number[][]): Features {
  const k = rows[0]!.length;
  const p = k + 1;
  const values = new Float64Array(rows.length * p);
  rows.forEach((row, i) => {
    values[i * p] = 1;
    values.set(row, i * p + 1);
  });
  return { values, n: rows.length, p, names: ['(Intercept)', ...Array.from({ length: k }, (_, j) => `x${j + 1}`)] };
}

/** scikit-learn's parameter names to ours. */
function options(params: Record<string, number | string>): Partial<ForestOptions> {
  const names: Record<string, keyof ForestOptions> = {
    max_depth: 'maxDepth',
    min_samples_leaf: 'minSamplesLeaf',
    min_samples_split: 'minSamplesSplit',
    max_features: 'maxFeatures',
  };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [names[k]!, v]));
}

const mse = (f: Float64Array, y: number[]) => f.reduce((s, v, i) => s + (v - y[i]!) ** 2, 0) / y.length;

const Xtrain = withIntercept(fixture.X_train);
const Xtest = withIntercept(fixture.X_test);
const ytrain = Float64Array.from(fixture.y_train);

describe('forest learner against scikit-learn ' + fixture.sklearn_version, () => {
  for (const exact of fixture.exact) {
    it(`grows scikit-learn's CART tree without bootstrap, ${JSON.stringify(exact.params)}`, async () => {
      const forest = new ForestLearner({ ...options(exact.params), trees: 1, bootstrap: false });
      await forest.fit(Xtrain, ytrain);
      expect(forest.fitInfo()!.nodes).toBe(exact.nodes);
      const pred = forest.predict(Xtest);
      exact.pred_test.forEach((e, i) => expect(Math.abs(pred[i]! - e)).toBeLessThanOrEqual(1e-12 * Math.abs(e)));
    });
  }

  for (const quality of fixture.quality) {
    it(`matches RandomForestRegressor's test MSE (mean over seeds) within 10%, ${JSON.stringify(quality.params)}`, async () => {
      let sum = 0;
      for (const seed of quality.seeds) {
        const forest = new ForestLearner(options(quality.params));
        await forest.fit(Xtrain, ytrain, { seed });
        sum += mse(forest.predict(Xtest), fixture.y_test);
      }
      const mean = sum / quality.seeds.length;
      expect(Math.abs(mean - quality.mean_mse_test)).toBeLessThanOrEqual(0.1 * quality.mean_mse_test);
    });
  }

  it('fits the training rows exactly with one fully grown tree on all rows (pure leaves)', async () => {
    const forest = new ForestLearner({ trees: 1, bootstrap: false });
    await forest.fit(Xtrain, ytrain);
    expect(forest.fitInfo()!.nodes).toBe(2 * Xtrain.n - 1);
    expect(Array.from(forest.predict(Xtrain))).toEqual(fixture.y_train);
  });
});

describe('forest learner', () => {
  const grid = (n: number): Features => ({
    values: Float64Array.from({ length: n }, (_, i) => i / n),
    n,
    p: 1,
    names: ['x'],
  });

  it('learns a step function exactly with one tree: one split at the midpoint of the jump', async () => {
    const X = grid(20);
    const y = X.values.map((x) => (x < 0.5 ? 1 : 3));
    const forest = new ForestLearner({ trees: 1, bootstrap: false });
    await forest.fit(X, y);
    expect(forest.fitInfo()).toEqual({ trees: 1, nodes: 3 });
    expect(Array.from(forest.predict(X))).toEqual(Array.from(y));
    const between: Features = { values: Float64Array.of(0.47, 0.474, 0.476, 0.5), n: 4, p: 1, names: ['x'] };
    expect(Array.from(forest.predict(between))).toEqual([1, 1, 3, 3]);
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const fit = async (seed: number) => {
      const forest = new ForestLearner({ trees: 10 });
      await forest.fit(Xtrain, ytrain, { seed });
      return Array.from(forest.predict(Xtest));
    };
    const a = await fit(3);
    expect(await fit(3)).toEqual(a);
    expect(await fit(4)).not.toEqual(a);
  });

  it('predicts a constant target with single-leaf trees', async () => {
    const forest = new ForestLearner({ trees: 5 });
    await forest.fit(Xtrain, new Float64Array(Xtrain.n).fill(2.5));
    expect(forest.fitInfo()).toEqual({ trees: 5, nodes: 5 });
    expect(new Set(forest.predict(Xtest))).toEqual(new Set([2.5]));
  });

  it('ignores the intercept column: the same forest with and without it', async () => {
    const withOnes = new ForestLearner({ trees: 5, maxFeatures: 'sqrt' });
    await withOnes.fit(Xtrain, ytrain, { seed: 1 });
    const bare: Features = {
      values: Float64Array.from(fixture.X_train.flat()),
      n: Xtrain.n,
      p: Xtrain.p - 1,
      names: Xtrain.names.slice(1),
    };
    const without = new ForestLearner({ trees: 5, maxFeatures: 'sqrt' });
    await without.fit(bare, ytrain, { seed: 1 });
    expect(Array.from(without.predict(bare))).toEqual(Array.from(withOnes.predict(Xtrain)));
  });

  it('predicts the same after a JSON round trip through the registry', async () => {
    const forest = new ForestLearner({ trees: 7 });
    await forest.fit(Xtrain, ytrain, { seed: 2 });
    const restored = await learnerFromJSON(JSON.parse(JSON.stringify(forest.toJSON())));
    expect(restored.kind).toBe('forest');
    expect(Array.from(restored.predict(Xtest))).toEqual(Array.from(forest.predict(Xtest)));
    expect(restored.describe().options).toEqual(forest.describe().options);
  });

  it('rejects a damaged JSON tree', async () => {
    const forest = new ForestLearner({ trees: 1 });
    await forest.fit(Xtrain, ytrain);
    const json = forest.toJSON();
    const state = json.state as Record<string, unknown>;
    // The root's right child pointing back at the root: a walk that would never end.
    const loop = new Int32Array(new Uint8Array(Buffer.from(state.right as string, 'base64')).buffer);
    loop[0] = 0;
    const damaged = { ...json, state: { ...state, right: Buffer.from(loop.buffer).toString('base64') } };
    expect(() => ForestLearner.fromJSON(damaged)).toThrow(/node 0 is malformed/);
  });

  it('reports progress per tree and stops between trees when cancelled', async () => {
    const signal = { aborted: false };
    const steps: number[] = [];
    const forest = new ForestLearner({ trees: 10 });
    const fit = forest.fit(Xtrain, ytrain, {
      signal,
      onProgress: ({ step }) => {
        steps.push(step);
        if (step === 3) signal.aborted = true;
      },
    });
    await expect(fit).rejects.toBeInstanceOf(CancelledError);
    expect(steps).toEqual([1, 2, 3]);
    expect(() => forest.predict(Xtest)).toThrow(/before fit/);
  });

  it('rejects bad options and a wrong number of columns', async () => {
    expect(() => new ForestLearner({ trees: 0 })).toThrow(/trees must be an integer >= 1/);
    expect(() => new ForestLearner({ maxFeatures: 1.5 })).toThrow(/maxFeatures/);
    expect(() => new ForestLearner({ minSamplesSplit: 1 })).toThrow(/minSamplesSplit/);
    const forest = new ForestLearner({ trees: 2 });
    await forest.fit(Xtrain, ytrain);
    expect(() => forest.predict(grid(3))).toThrow(/fitted on 7 columns, given 1/);
  });
});
