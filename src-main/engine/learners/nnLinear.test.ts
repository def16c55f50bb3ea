import { describe, expect, it } from 'vitest';
import { makeRandom } from '../random.ts';
import { loadTf } from '../tfBackend.ts';
import type { Features } from './learner.ts';
import { NnLinearLearner } from './nnLinear.ts';
import { learnerFromJSON } from './registry.ts';

/** n rows of an intercept column and k standard-normal features, and y = X beta (noiseless). */
function linearData(n: number, beta: number[], seed: number): { X: Features; y: Float64Array } {
  const p = beta.length;
  const random = makeRandom(seed);
  const values = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    values[i * p] = 1;
    for (let k = 1; k < p; k++) values[i * p + k] = random.normal();
    for (let k = 0; k < p; k++) y[i] = y[i]! + values[i * p + k]! * beta[k]!;
  }
  const names = ['(Intercept)', ...Array.from({ length: p - 1 }, (_, k) => `x${k + 1}`)];
  return { X: { values, n, p, names }, y };
}

describe('nn_linear learner', () => {
  it('reaches the least-squares coefficients on noiseless data (they are the true ones)', async () => {
    const beta = [2, 1.5, -0.5, 3];
    const { X, y } = linearData(256, beta, 1);
    const learner = new NnLinearLearner({ backend: 'cpu', minDelta: 0, patience: 10, maxEpochs: 2000 });
    await learner.fit(X, y, { seed: 3 });
    const { inputs, sizes, weights } = learner.toJSON().state as {
      inputs: string[];
      sizes: number[];
      weights: number[];
    };
    // The intercept column is left to the Dense bias: kernel x1..x3, then the bias.
    expect(inputs).toEqual(['x1', 'x2', 'x3']);
    expect(sizes).toEqual([3, 1]);
    const fitted = [weights[3]!, ...weights.slice(0, 3)];
    for (let k = 0; k < 4; k++) expect(Math.abs(fitted[k]! - beta[k]!)).toBeLessThan(1e-3);
    expect(learner.fits[0]!.stoppedBy).toBe('early stopping');
    expect(learner.describe().backend).toBe('cpu');
  });

  it('stops after patience + 1 epochs when no epoch beats the first by minDelta, afresh in every fit', async () => {
    const { X, y } = linearData(64, [1, 1], 2);
    const learner = new NnLinearLearner({ backend: 'cpu', minDelta: 1e9, patience: 3 });
    await learner.fit(X, y, { seed: 1 });
    await learner.fit(X, y);
    // A carried-over best loss would stop the second fit after 2 epochs (Keras 3 keeps `best` across fits; Keras 2,
    // the paper's, resets it at on_train_begin).
    expect(learner.fits.map((f) => f.epochs)).toEqual([4, 4]);
    const capped = new NnLinearLearner({ backend: 'cpu', minDelta: 0, patience: 100, maxEpochs: 5 });
    await capped.fit(X, y, { seed: 1 });
    expect(capped.fits[0]).toMatchObject({ epochs: 5, stoppedBy: 'maxEpochs' });
  });

  it('reports each epoch and can be cancelled between batches or epochs', async () => {
    const { X, y } = linearData(64, [1, 1], 2);
    const learner = new NnLinearLearner({ backend: 'cpu', minDelta: 0, patience: 1000, maxEpochs: 100_000 });
    const controller = new AbortController();
    const epochs: number[] = [];
    await expect(
      learner.fit(X, y, {
        signal: controller.signal,
        onProgress: ({ step, loss }) => {
          expect(loss).toBeGreaterThanOrEqual(0);
          epochs.push(step);
          if (step === 3) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([1, 2, 3]);
    // Aborted from outside while it trains: the loop yields between epochs, so the abort gets through.
    const outside = new AbortController();
    setTimeout(() => outside.abort(), 30);
    await expect(learner.fit(X, y, { signal: outside.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(learner.fit(X, y, { signal: outside.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaks no tensors in fit or predict and round-trips through JSON with identical predictions', async () => {
    const { tf } = await loadTf('cpu');
    const { X, y } = linearData(100, [0.5, -1, 2], 4);
    const learner = new NnLinearLearner({ backend: 'cpu', maxEpochs: 20 });
    const before = tf.memory().numTensors;
    await learner.fit(X, y, { seed: 5 });
    await learner.fit(X, y);
    const predictions = learner.predict(X);
    expect(tf.memory().numTensors).toBe(before);
    const restored = await learnerFromJSON(JSON.parse(JSON.stringify(learner.toJSON())));
    expect(restored.kind).toBe('nn_linear');
    expect(restored.predict(X)).toEqual(predictions);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses features other than those it was trained on, and predict before fit', async () => {
    const { X, y } = linearData(40, [1, 2, 3], 6);
    const learner = new NnLinearLearner({ backend: 'cpu', maxEpochs: 2 });
    expect(() => learner.predict(X)).toThrow(/predict before fit/);
    await learner.fit(X, y);
    expect(() => learner.predict({ ...X, names: ['(Intercept)', 'x1', 'z'] })).toThrow(
      /trained on the features x1, x2/,
    );
    expect(() => new NnLinearLearner({ batchSize: 0 })).toThrow(/batchSize/);
  });
});
