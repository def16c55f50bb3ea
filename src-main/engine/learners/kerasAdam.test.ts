import { describe, expect, it } from 'vitest';
import { loadTf } from '../tfBackend.ts';
import { ADAM_EPSILON, freshAdam, startAdam } from './kerasAdam.ts';

describe('Keras Adam', () => {
  it('takes the steps of the Keras update rule, with epsilon added to sqrt(v), and carries its state', async () => {
    const loaded = await loadTf('cpu');
    const { tf } = loaded;
    const lr = 0.01;
    const g1 = [0.5, -2, 1e-9];
    const g2 = [-0.25, 1, 3];
    const adam = startAdam(loaded, freshAdam(3), lr);
    const step1 = adam.step(tf.tensor1d(g1)).dataSync();
    const step2 = adam.step(tf.tensor1d(g2)).dataSync();
    const state = adam.end();
    // Hand-computed in double precision from m_t = 0.9 m + 0.1 g, v_t = 0.999 v + 0.001 g^2 and
    // step = lr sqrt(1 - 0.999^t) / (1 - 0.9^t) * m_t / (sqrt(v_t) + 1e-7). The tiny third gradient tells epsilon
    // beside sqrt(v) from tf.train.adam's epsilon beside sqrt(v / (1 - beta2^t)): 3.2e-6 against 1e-4 at step 1.
    for (let k = 0; k < 3; k++) {
      const m1 = 0.1 * g1[k]!;
      const v1 = 0.001 * g1[k]! ** 2;
      const expected1 = ((lr * Math.sqrt(1 - 0.999)) / (1 - 0.9)) * (m1 / (Math.sqrt(v1) + ADAM_EPSILON));
      const m2 = 0.9 * m1 + 0.1 * g2[k]!;
      const v2 = 0.999 * v1 + 0.001 * g2[k]! ** 2;
      const expected2 = ((lr * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2)) * (m2 / (Math.sqrt(v2) + ADAM_EPSILON));
      expect(step1[k]! / expected1).toBeCloseTo(1, 5);
      expect(step2[k]! / expected2).toBeCloseTo(1, 5);
      expect(state.m[k]! / m2).toBeCloseTo(1, 5);
      expect(state.v[k]! / v2).toBeCloseTo(1, 5);
    }
    expect(state.t).toBe(2);
  });
});
