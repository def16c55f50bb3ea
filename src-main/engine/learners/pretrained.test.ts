import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { io } from '@tensorflow/tfjs';
import { readLayersModelFiles } from '../../data/readLayersModel.ts';
import type { LayersModelFiles } from '../../data/readLayersModel.ts';
import { makeRandom } from '../random.ts';
import { loadTf } from '../tfBackend.ts';
import type { Features } from './learner.ts';
import { PretrainedLearner } from './pretrained.ts';
import { learnerFromJSON } from './registry.ts';

/** A small Layers model (2 inputs, Dense(4, relu), Dense(1)), saved in memory as tf.io saves it. */
async function tinyModel(): Promise<{ files: LayersModelFiles; predict: (X: Features) => Float64Array }> {
  const { tf } = await loadTf('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        units: 4,
        activation: 'relu',
        inputShape: [2],
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.dense({
        units: 1,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
        biasInitializer: 'ones',
      }),
    ],
  });
  let saved: io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const files: LayersModelFiles = {
    modelJson: {
      format: saved!.format,
      generatedBy: saved!.generatedBy,
      modelTopology: saved!.modelTopology!,
      weightsManifest: [{ paths: ['weights.bin'], weights: saved!.weightSpecs! }],
    },
    weightData: saved!.weightData as ArrayBuffer,
  };
  const predict = (X: Features) => {
    const x = tf.tensor2d(
      Float32Array.from({ length: X.n * 2 }, (_, k) => X.values[Math.floor(k / 2) * 3 + 1 + (k % 2)]!),
      [X.n, 2],
    );
    const out = model.predict(x) as import('@tensorflow/tfjs').Tensor;
    const values = Float64Array.from(out.dataSync());
    tf.dispose([x, out]);
    return values;
  };
  return { files, predict };
}

/** An intercept column and two features; y a function the tiny model does not know. */
function data(n: number, seed: number): { X: Features; y: Float64Array } {
  const random = makeRandom(seed);
  const values = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    values.set([1, random.normal(), random.normal()], i * 3);
    y[i] = 3 * Math.abs(values[i * 3 + 1]!) - values[i * 3 + 2]!;
  }
  return { X: { values, n, p: 3, names: ['(Intercept)', 'a', 'b'] }, y };
}

const mse = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length;

describe('pretrained learner', () => {
  it('predicts as the saved model does, before any fit, reading the features without the intercept', async () => {
    const { files, predict } = await tinyModel();
    const learner = await PretrainedLearner.fromFiles(files, { backend: 'cpu' });
    const { X } = data(50, 1);
    expect(learner.predict(X)).toEqual(predict(X));
    expect(learner.describe()).toMatchObject({ kind: 'pretrained', backend: 'cpu' });
    expect(learner.describe().label).toMatch(/Dense, Dense; 17 parameters/);
    learner.dispose();
  });

  it('fine-tunes from the saved weights without leaking tensors', async () => {
    const { tf } = await loadTf('cpu');
    const { files } = await tinyModel();
    const learner = await PretrainedLearner.fromFiles(files, { backend: 'cpu', maxEpochs: 60, minDelta: 0.001 });
    const { X, y } = data(256, 2);
    const start = learner.predict(X);
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    await learner.fit(X, y, { seed: 3, onProgress: (p) => losses.push(p.loss!) });
    await learner.fit(X, y);
    const tuned = learner.predict(X);
    expect(tf.memory().numTensors).toBe(before);
    // The first epoch's loss is that of the saved weights moved by one epoch, not of a fresh net.
    expect(Math.abs(losses[0]! - mse(start, y))).toBeLessThan(0.5 * mse(start, y));
    expect(mse(tuned, y)).toBeLessThan(0.5 * mse(start, y));
    expect(learner.fits).toHaveLength(2);
    learner.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('round-trips through JSON and through model.json + weights.bin files with identical predictions', async () => {
    const { files, predict } = await tinyModel();
    const { X, y } = data(64, 4);
    const dir = await mkdtemp(join(tmpdir(), 'pretrained-'));
    await writeFile(join(dir, 'model.json'), JSON.stringify(files.modelJson));
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(files.weightData));
    const fromDisk = await PretrainedLearner.fromFiles(await readLayersModelFiles(join(dir, 'model.json')), {
      backend: 'cpu',
      maxEpochs: 3,
    });
    expect(fromDisk.predict(X)).toEqual(predict(X));
    await fromDisk.fit(X, y, { seed: 1 });
    const restored = await learnerFromJSON(JSON.parse(JSON.stringify(fromDisk.toJSON())));
    expect(restored.predict(X)).toEqual(fromDisk.predict(X));
    expect(restored.describe().options).toEqual(fromDisk.describe().options);
    expect(() => restored.predict({ ...X, names: ['(Intercept)', 'a', 'c'] })).toThrow(/used with the features a, b/);
    fromDisk.dispose();
    (restored as PretrainedLearner).dispose();
  });

  it('says how many inputs the model takes when the features do not fit it', async () => {
    const { files } = await tinyModel();
    const learner = await PretrainedLearner.fromFiles(files, { backend: 'cpu' });
    const X: Features = { values: new Float64Array(8), n: 2, p: 4, names: ['(Intercept)', 'a', 'b', 'c'] };
    expect(() => learner.predict(X)).toThrow(/takes 2 inputs but the data has 3 features \(a, b, c;/);
    learner.dispose();
  });
});
