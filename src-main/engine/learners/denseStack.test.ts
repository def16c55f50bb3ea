import { describe, expect, it } from 'vitest';
import type { Scalar, Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import { makeRandom } from '../random.ts';
import { loadTf } from '../tfBackend.ts';
import { denseGradient, glorotUniform, multiplyAddsPerRow, parameterCount, predictDense } from './denseStack.ts';

const sizes = [3, 4, 2, 1];

describe('dense stack', () => {
  it('counts parameters and multiply-adds layer by layer', () => {
    expect(parameterCount(sizes)).toBe(3 * 4 + 4 + 4 * 2 + 2 + 2 * 1 + 1);
    expect(multiplyAddsPerRow(sizes)).toBe(3 * 4 + 4 * 2 + 2 * 1);
    expect(parameterCount([14, 1])).toBe(15);
  });

  it('initialises kernels glorot-uniform within sqrt(6 / (in + out)) and biases at zero', () => {
    const theta = glorotUniform(sizes, makeRandom(1));
    const kernel1 = theta.subarray(0, 12);
    expect(Math.max(...kernel1.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 7));
    expect(Math.max(...kernel1.map(Math.abs))).toBeGreaterThan(0.5 * Math.sqrt(6 / 7));
    expect(Array.from(theta.subarray(12, 16))).toEqual([0, 0, 0, 0]);
    expect(Array.from(theta.subarray(16 + 8, 16 + 10))).toEqual([0, 0]);
    expect(theta.at(-1)).toBe(0);
  });

  it("gives the gradient of TensorFlow.js's autodiff and the batch's sum of squared errors", async () => {
    const loaded = await loadTf('cpu');
    const { tf } = loaded;
    const random = makeRandom(7);
    const thetaValues = Float32Array.from({ length: parameterCount(sizes) }, () => random.normal());
    const xValues = Float32Array.from({ length: 8 * 3 }, () => random.normal());
    const yValues = Float32Array.from({ length: 8 }, () => random.normal());
    const theta = tf.tensor1d(thetaValues);
    const x = tf.tensor2d(xValues, [8, 3]);
    const y = tf.tensor2d(yValues, [8, 1]);
    // The same net written with plain ops and slices, differentiated by the tape.
    const mse = (t: Tensor): Scalar => {
      let a: Tensor2D = x;
      let offset = 0;
      for (let l = 1; l < sizes.length; l++) {
        const [i, o] = [sizes[l - 1]!, sizes[l]!];
        const W = tf.reshape(tf.slice(t as Tensor1D, offset, i * o), [i, o]) as Tensor2D;
        const b = tf.slice(t as Tensor1D, offset + i * o, o);
        offset += i * o + o;
        const z = tf.add(tf.matMul(a, W), b) as Tensor2D;
        a = l < sizes.length - 1 ? tf.relu(z) : z;
      }
      return tf.mean(tf.square(tf.sub(a, y)));
    };
    const expected = tf.grad(mse)(theta).dataSync();
    const { gradient, sse } = denseGradient(loaded, sizes, theta, x, y);
    const got = gradient.dataSync();
    expect(got.length).toBe(expected.length);
    for (let k = 0; k < got.length; k++) expect(got[k]).toBeCloseTo(expected[k]!, 5);
    expect(sse.dataSync()[0]).toBeCloseTo(mse(theta).dataSync()[0]! * 8, 4);
    const f = predictDense(loaded, sizes, theta, x).dataSync();
    const r = Array.from(f, (v, i) => v - yValues[i]!);
    expect(sse.dataSync()[0]).toBeCloseTo(
      r.reduce((s, v) => s + v * v, 0),
      4,
    );
    tf.dispose([theta, x, y, gradient, sse]);
  });
});
