import { describe, expect, it } from 'vitest';
import { makeRandom } from '../random.ts';
import { loadTf } from '../tfBackend.ts';
import type { Features } from './learner.ts';
import { MlpLearner } from './mlp.ts';
import { learnerFromJSON } from './registry.ts';

/** y = x1^2 + x2^2 - 2 with x standard normal: no linear signal at all, so only a nonlinear fit beats the mean. */
function bowl(n: number, seed: number): { X: Features; y: Float64Array } {
  const random = makeRandom(seed);
  const values = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    values[i * 3] = 1;
    values[i * 3 + 1] = random.normal();
    values[i * 3 + 2] = random.normal();
    y[i] = values[i * 3 + 1]! ** 2 + values[i * 3 + 2]! ** 2 - 2;
  }
  return { X: { values, n, p: 3, names: ['(Intercept)', 'x1', 'x2'] }, y };
}

function mse(a: Float64Array, b: Float64Array): number {
  return a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length;
}

const mean = (y: Float64Array) => y.reduce((s, v) => s + v, 0) / y.length;

describe('mlp learner', () => {
  it('beats the constant predictor on a nonlinear function, in and out of sample, with the defaults', async () => {
    const train = bowl(1024, 1);
    const test = bowl(512, 2);
    const learner = new MlpLearner({ backend: 'cpu' });
    await learner.fit(train.X, train.y, { seed: 11 });
    const constant = mean(train.y);
    const constantMse = mse(test.y, new Float64Array(test.X.n).fill(constant));
    expect(learner.options.hidden).toEqual([5, 2]);
    expect(mse(learner.predict(train.X), train.y)).toBeLessThan(
      0.5 * mse(train.y, new Float64Array(1024).fill(constant)),
    );
    expect(mse(learner.predict(test.X), test.y)).toBeLessThan(0.5 * constantMse);
    expect(learner.describe()).toMatchObject({ kind: 'mlp', label: 'MLP 5-2-1, ReLU (TensorFlow.js)', backend: 'cpu' });
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    const { X, y } = bowl(200, 3);
    const fitWith = async (seed: number) => {
      const learner = new MlpLearner({ backend: 'cpu', hidden: [4], maxEpochs: 5 });
      await learner.fit(X, y, { seed });
      await learner.fit(X, y, { seed });
      return learner.predict(X);
    };
    const a = await fitWith(1);
    expect(await fitWith(1)).toEqual(a);
    expect(await fitWith(2)).not.toEqual(a);
  });

  it('warm-starts: a second fit continues from the weights of the first', async () => {
    const { X, y } = bowl(512, 4);
    const learner = new MlpLearner({ backend: 'cpu', hidden: [8, 4], minDelta: 0.001, maxEpochs: 300 });
    const losses: number[][] = [[], []];
    await learner.fit(X, y, { seed: 2, onProgress: (p) => losses[0]!.push(p.loss!) });
    const trained = learner.predict(X);
    await learner.fit(X, y, { onProgress: (p) => losses[1]!.push(p.loss!) });
    const [first, second] = losses as [number[], number[]];
    // The first epoch of the second fit starts where the first fit ended, far below a fresh net's first epoch.
    expect(second[0]!).toBeLessThan(1.2 * first.at(-1)!);
    expect(second[0]!).toBeLessThan(0.5 * first[0]!);
    expect(mse(learner.predict(X), trained)).toBeLessThan(0.1 * mse(trained, new Float64Array(X.n).fill(mean(y))));
  });

  it('leaks no tensors and round-trips through JSON with identical predictions', async () => {
    const { tf } = await loadTf('cpu');
    const { X, y } = bowl(128, 5);
    const learner = new MlpLearner({ backend: 'cpu', hidden: [3, 3, 2], maxEpochs: 10 });
    const before = tf.memory().numTensors;
    await learner.fit(X, y, { seed: 1 });
    await learner.fit(X, y);
    const predictions = learner.predict(X);
    expect(tf.memory().numTensors).toBe(before);
    const json = JSON.parse(JSON.stringify(learner.toJSON()));
    expect(json.state.sizes).toEqual([2, 3, 3, 2, 1]);
    const restored = await learnerFromJSON(json);
    expect(restored.predict(X)).toEqual(predictions);
    expect(restored.describe().options).toEqual(learner.describe().options);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains the same net on the wasm backend, and says so', async () => {
    const { X, y } = bowl(128, 6);
    const onWasm = new MlpLearner({ backend: 'wasm', maxEpochs: 3 });
    const onCpu = new MlpLearner({ backend: 'cpu', maxEpochs: 3 });
    await onWasm.fit(X, y, { seed: 4 });
    await onCpu.fit(X, y, { seed: 4 });
    expect(onWasm.describe().backend).toBe('wasm');
    const a = onWasm.predict(X);
    const b = onCpu.predict(X);
    for (let i = 0; i < X.n; i++) expect(a[i]).toBeCloseTo(b[i]!, 3);
  });

  it('refuses bad hidden layers', () => {
    expect(() => new MlpLearner({ hidden: [5, 0] })).toThrow(/hidden/);
    expect(() => new MlpLearner({ hidden: [2.5] })).toThrow(/hidden/);
  });
});
