import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../testing/referenceCases.ts';
import { CancelledError } from './learner.ts';
import type { Features } from './learner.ts';
import { learnerFromJSON } from './registry.ts';
import { SvrLearner } from './svr.ts';
import type { SvrOptions } from './svr.ts';
import { float64FromBase64 } from './typedArrayJson.ts';

interface SklearnFit {
  params: Partial<Record<'C' | 'epsilon' | 'gamma', number | string>>;
  gamma: number;
  n_support: number;
  pred_train: number[];
  pred_test: number[];
}

// Made by fixtures/make_svr_fixture.py with Debian's scikit-learn.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/svr_sklearn.json', import.meta.url), 'utf8')) as {
  sklearn_version: string;
  small: { X_train: number[][]; y_train: number[]; X_test: number[][]; fits: SklearnFit[] };
  sim_nonlinear: { columns: string[]; n: number; gamma: number; n_support: number; mse_train: number };
};

/** The design's X as the EM hands it over: an '(Intercept)' column of ones before the features. */
function withIntercept(rows: number[][], names: string[]): Features {
  const p = names.length + 1;
  const values = new Float64Array(rows.length * p);
  rows.forEach((row, i) => {
    values[i * p] = 1;
    values.set(row, i * p + 1);
  });
  return { values, n: rows.length, p, names: ['(Intercept)', ...names] };
}

function expectRelativelyClose(actual: Float64Array, expected: number[], rel: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i]! - e)).toBeLessThanOrEqual(rel * Math.abs(e)));
}

const names = ['a', 'b', 'c'];
const small = fixture.small;
const Xtrain = withIntercept(small.X_train, names);
const Xtest = withIntercept(small.X_test, names);
const ytrain = Float64Array.from(small.y_train);

describe('svr learner against scikit-learn ' + fixture.sklearn_version, () => {
  for (const fit of small.fits) {
    it(`predicts as SVR(${JSON.stringify(fit.params)}) does, the intercept column dropped`, async () => {
      const svr = new SvrLearner(fit.params as Partial<SvrOptions>);
      await svr.fit(Xtrain, ytrain);
      expect(svr.fitInfo()!.supportVectors).toBe(fit.n_support);
      expect(Math.abs(svr.fitInfo()!.gamma - fit.gamma)).toBeLessThanOrEqual(1e-12 * fit.gamma);
      expectRelativelyClose(svr.predict(Xtrain), fit.pred_train, 1e-6);
      expectRelativelyClose(svr.predict(Xtest), fit.pred_test, 1e-6);
    });
  }

  it("gives scikit-learn's training MSE on sim_nonlinear.csv with its 13 x columns", async () => {
    const lines = readFileSync(join(sharedDir, 'datasets', 'sim_nonlinear.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    const xIndex = fixture.sim_nonlinear.columns.map((c) => header.indexOf(c));
    const X = withIntercept(
      rows.map((r) => xIndex.map((k) => r[k]!)),
      fixture.sim_nonlinear.columns,
    );
    const y = Float64Array.from(rows, (r) => r[header.indexOf('y')]!);
    expect(X.n).toBe(fixture.sim_nonlinear.n);
    const svr = new SvrLearner();
    await svr.fit(X, y);
    const pred = svr.predict(X);
    const mse = pred.reduce((s, f, i) => s + (f - y[i]!) ** 2, 0) / X.n;
    expect(svr.fitInfo()!.supportVectors).toBe(fixture.sim_nonlinear.n_support);
    expect(Math.abs(mse - fixture.sim_nonlinear.mse_train)).toBeLessThanOrEqual(1e-6 * fixture.sim_nonlinear.mse_train);
  });
});

interface LibsvmModel {
  train(samples: number[][], labels: number[]): void;
  predictOne(sample: number[]): number;
  free(): void;
}
type LibsvmConstructor = (new (options: Record<string, unknown>) => LibsvmModel) & {
  SVM_TYPES: { EPSILON_SVR: string };
  KERNEL_TYPES: { RBF: string };
};

/** libsvm's own svm_predict (libsvm-js), on a model trained by libsvm with the options and gamma of `svr`. */
async function libsvmPredictions(svr: SvrLearner, train: number[][], y: number[], rows: number[][]): Promise<number[]> {
  const SVM = await (createRequire(import.meta.url)('libsvm-js') as Promise<LibsvmConstructor>);
  const o = svr.options;
  const model = new SVM({
    type: SVM.SVM_TYPES.EPSILON_SVR,
    kernel: SVM.KERNEL_TYPES.RBF,
    cost: o.C,
    epsilon: o.epsilon,
    gamma: svr.fitInfo()!.gamma,
    cacheSize: o.cacheSize,
    tolerance: o.tolerance,
    shrinking: o.shrinking,
    quiet: true,
  });
  try {
    model.train(train, y);
    return rows.map((row) => model.predictOne(row));
  } finally {
    model.free();
  }
}

describe("svr prediction against libsvm's svm_predict", () => {
  // The prediction is a sum of terms coef_s K(x, x_s) with |K| <= 1, less rho: rounding is relative to sum |coef| + |rho|.
  function scaleOf(svr: SvrLearner): number {
    const state = svr.toJSON().state as { coef: string; rho: number };
    return float64FromBase64(state.coef, 'coef').reduce((s, c) => s + Math.abs(c), Math.abs(state.rho));
  }

  // The features as they are; far from the origin (the centred path); with one-hot columns (the sparse path of
  // prediction, and of training: svr/libsvm.ts hands libsvm the non-zeros only, libsvm-js's own train every entry).
  const variants: [string, (rows: number[][]) => number[][]][] = [
    ['as they are', (rows) => rows],
    ['shifted by 1000', (rows) => rows.map((row) => row.map((v) => v + 1000))],
    [
      'with 8 one-hot columns',
      (rows) => rows.map((row, i) => [...row, ...Array.from({ length: 8 }, (_, g) => +(i % 8 === g))]),
    ],
  ];
  for (const [variant, transform] of variants) {
    it(`equals libsvm's to 1e-12 relative, features ${variant}`, async () => {
      const [train, test] = [transform(small.X_train), transform(small.X_test)];
      const columns = train[0]!.map((_, k) => `x${k}`);
      for (const fit of small.fits) {
        const svr = new SvrLearner(fit.params as Partial<SvrOptions>);
        await svr.fit(withIntercept(train, columns), ytrain);
        const ours = svr.predict(withIntercept([...train, ...test], columns));
        const theirs = await libsvmPredictions(svr, train, small.y_train, [...train, ...test]);
        const scale = scaleOf(svr);
        theirs.forEach((f, i) => expect(Math.abs(ours[i]! - f)).toBeLessThanOrEqual(1e-12 * scale));
      }
    });
  }
});

describe('svr learner', () => {
  it("removes the emscripten runtime's handler that exits the process on any unhandled rejection", async () => {
    await new SvrLearner().fit(Xtrain, ytrain);
    const exits = process.listeners('unhandledRejection').filter((l) => String(l).includes('process["exit"]'));
    expect(exits).toEqual([]);
  });

  it('predicts the same after a JSON round trip through the registry', async () => {
    const svr = new SvrLearner();
    await svr.fit(Xtrain, ytrain);
    const restored = await learnerFromJSON(JSON.parse(JSON.stringify(svr.toJSON())));
    expect(restored.kind).toBe('svr');
    expect(Array.from(restored.predict(Xtest))).toEqual(Array.from(svr.predict(Xtest)));
    expect(restored.describe().options).toEqual(svr.describe().options);
  });

  it('refits from scratch: a second fit equals a fit of a new learner', async () => {
    const shifted = ytrain.map((v) => 2 * v + 1);
    const refitted = new SvrLearner();
    await refitted.fit(Xtrain, ytrain);
    await refitted.fit(Xtrain, shifted);
    const fresh = new SvrLearner();
    await fresh.fit(Xtrain, shifted);
    expect(Array.from(refitted.predict(Xtest))).toEqual(Array.from(fresh.predict(Xtest)));
  });

  it('reports progress, and a cancelled fit throws and keeps the previous model', async () => {
    const svr = new SvrLearner();
    const steps: number[] = [];
    await svr.fit(Xtrain, ytrain, { onProgress: (p) => steps.push(p.step) });
    expect(steps).toEqual([1]);
    const before = svr.predict(Xtest);
    await expect(
      svr.fit(
        Xtrain,
        ytrain.map((v) => -v),
        { signal: { aborted: true } },
      ),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(Array.from(svr.predict(Xtest))).toEqual(Array.from(before));
  });

  it('rejects bad options, predict before fit and a wrong number of columns', async () => {
    expect(() => new SvrLearner({ C: 0 })).toThrow(/C must be a positive number/);
    expect(() => new SvrLearner({ gamma: -1 })).toThrow(/gamma/);
    expect(() => new SvrLearner({ epsilon: -0.1 })).toThrow(/epsilon/);
    const svr = new SvrLearner();
    expect(() => svr.predict(Xtest)).toThrow(/before fit/);
    await svr.fit(Xtrain, ytrain);
    expect(() => svr.predict({ ...Xtest, p: 3, names: names })).toThrow(/fitted on 4 columns, given 3/);
    const onlyIntercept: Features = { values: new Float64Array(5).fill(1), n: 5, p: 1, names: ['(Intercept)'] };
    await expect(new SvrLearner().fit(onlyIntercept, new Float64Array(5))).rejects.toThrow(/no features/);
  });
});
