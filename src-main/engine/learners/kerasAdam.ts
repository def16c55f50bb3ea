// Adam as Keras (and TensorFlow's ApplyAdam kernel) computes it, over one flat parameter vector: the paper's optimiser
// (MATH.md section 7). TensorFlow.js's own tf.train.adam adds epsilon to the bias-corrected sqrt(v_hat) instead.
import type { Tensor1D } from '@tensorflow/tfjs';
import type { LoadedTf } from '../tfBackend.ts';

/** The optimiser's state between fits: Keras keeps it across calls of fit on the same model, and so do the learners. */
export interface AdamState {
  /** Updates done so far (Keras' `iterations`). */
  t: number;
  m: Float32Array;
  v: Float32Array;
}

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
/** Keras' default epsilon. */
export const ADAM_EPSILON = 1e-7;

export function freshAdam(size: number): AdamState {
  return { t: 0, m: new Float32Array(size), v: new Float32Array(size) };
}

/** The state on the backend for the length of one fit; `end` reads it back and frees its tensors. */
export interface RunningAdam {
  /** The step to subtract from the parameters for gradient g. */
  step(g: Tensor1D): Tensor1D;
  end(): AdamState;
}

/**
 * m += (g - m)(1 - beta1), v += (g^2 - v)(1 - beta2), step = alpha m / (sqrt(v) + epsilon) with
 * alpha = lr sqrt(1 - beta2^t) / (1 - beta1^t).
 */
export function startAdam({ tf }: LoadedTf, state: AdamState, learningRate: number): RunningAdam {
  let t = state.t;
  // tidy frees the tensors the variables are made from (a variable shares their data and holds its own reference).
  const [m, v] = tf.tidy(() => [tf.variable(tf.tensor1d(state.m), false), tf.variable(tf.tensor1d(state.v), false)]);
  return {
    step(g) {
      t += 1;
      const alpha = (learningRate * Math.sqrt(1 - ADAM_BETA2 ** t)) / (1 - ADAM_BETA1 ** t);
      return tf.tidy(() => {
        const m1: Tensor1D = tf.add(m, tf.mul(tf.sub(g, m), 1 - ADAM_BETA1));
        const v1: Tensor1D = tf.add(v, tf.mul(tf.sub(tf.square(g), v), 1 - ADAM_BETA2));
        m.assign(m1);
        v.assign(v1);
        return tf.div(tf.mul(m1, alpha), tf.add(tf.sqrt(v1), ADAM_EPSILON)) as Tensor1D;
      });
    },
    end() {
      // Copies: a backend may hand out its own storage.
      const out = { t, m: Float32Array.from(m.dataSync()), v: Float32Array.from(v.dataSync()) };
      m.dispose();
      v.dispose();
      return out;
    },
  };
}
