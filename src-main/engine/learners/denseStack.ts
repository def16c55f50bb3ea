// A stack of Dense layers (ReLU hidden layers, linear output: the paper's NN_lin and MLP) as one flat float32 parameter
// vector, with its forward pass and a hand-written backward pass in TensorFlow.js ops: about 45 ops per training step.
// For the paper's [5, 2] net on 5703 rows (cpu backend) an epoch takes about 0.045 s this way, 0.07 s through the
// gradient tape of a Layers model (pretrained.ts) and 0.17-0.28 s with the Layers API's model.fit and tf.train.adam.
import type { Scalar, Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { Random } from '../random.ts';
import type { LoadedTf } from '../tfBackend.ts';

/** Layer widths from the inputs to the single output: [inputs, ...hidden, 1]. */
export type DenseSizes = readonly number[];

/**
 * The parameters, layer by layer: the kernel (in x out, row-major, as Keras stores it) and then the bias (out). Hidden
 * layers use ReLU, the last layer is linear.
 */
export function parameterCount(sizes: DenseSizes): number {
  let count = 0;
  for (let l = 1; l < sizes.length; l++) count += sizes[l - 1]! * sizes[l]! + sizes[l]!;
  return count;
}

/** Multiply-adds of one row's forward pass: what decides between the cpu and wasm backends (tfBackend.ts). */
export function multiplyAddsPerRow(sizes: DenseSizes): number {
  let count = 0;
  for (let l = 1; l < sizes.length; l++) count += sizes[l - 1]! * sizes[l]!;
  return count;
}

/** Keras' Dense defaults: glorot_uniform kernels, U(-s, s) with s = sqrt(6 / (in + out)), and zero biases. */
export function glorotUniform(sizes: DenseSizes, random: Random): Float32Array {
  const theta = new Float32Array(parameterCount(sizes));
  let offset = 0;
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1]!;
    const fanOut = sizes[l]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < fanIn * fanOut; i++) theta[offset + i] = (2 * random.next() - 1) * limit;
    offset += fanIn * fanOut + fanOut;
  }
  return theta;
}

interface LayerParams {
  kernel: Tensor2D;
  bias: Tensor1D;
}

function unpack({ tf }: LoadedTf, sizes: DenseSizes, theta: Tensor1D): LayerParams[] {
  const splits: number[] = [];
  for (let l = 1; l < sizes.length; l++) splits.push(sizes[l - 1]! * sizes[l]!, sizes[l]!);
  const parts = tf.split(theta, splits);
  const layers: LayerParams[] = [];
  for (let l = 1; l < sizes.length; l++) {
    layers.push({
      kernel: tf.reshape(parts[2 * l - 2]!, [sizes[l - 1]!, sizes[l]!]),
      bias: parts[2 * l - 1] as Tensor1D,
    });
  }
  return layers;
}

/** The layers' outputs a_1 .. a_L for input rows x (a_0). Call inside tf.tidy. */
function forward({ tf }: LoadedTf, layers: LayerParams[], x: Tensor2D): Tensor2D[] {
  const outputs: Tensor2D[] = [];
  let a = x;
  layers.forEach(({ kernel, bias }, l) => {
    const activation = l < layers.length - 1 ? 'relu' : 'linear';
    a = tf.fused.matMul({ a, b: kernel, bias, activation }) as Tensor2D;
    outputs.push(a);
  });
  return outputs;
}

/** f(x) for the rows of x: n x 1. */
export function predictDense(loaded: LoadedTf, sizes: DenseSizes, theta: Tensor1D, x: Tensor2D): Tensor2D {
  return loaded.tf.tidy(() => forward(loaded, unpack(loaded, sizes, theta), x).at(-1)!);
}

/**
 * The gradient of the batch's mean squared error with respect to the flat parameters, and the batch's sum of squared
 * errors (the loss Keras reports, before the update), by backpropagation written out: with r = f(x) - y, the output's
 * delta is 2r/b; each layer's kernel gradient is a_(l-1)' delta_l and its bias gradient the column sums of delta_l;
 * delta_(l-1) = delta_l W_l' masked by ReLU's derivative (a_(l-1) > 0, which is pre-activation > 0).
 */
export function denseGradient(
  loaded: LoadedTf,
  sizes: DenseSizes,
  theta: Variable | Tensor1D,
  x: Tensor2D,
  y: Tensor2D,
): { gradient: Tensor1D; sse: Scalar } {
  const { tf } = loaded;
  return tf.tidy(() => {
    const layers = unpack(loaded, sizes, theta as Tensor1D);
    const outputs = forward(loaded, layers, x);
    const r = tf.sub(outputs.at(-1)!, y);
    const sse = tf.sum(tf.square(r));
    const pieces: Tensor[] = [];
    let delta: Tensor2D = tf.mul(r, 2 / x.shape[0]);
    for (let l = layers.length - 1; l >= 0; l--) {
      const input = l > 0 ? outputs[l - 1]! : x;
      pieces.push(tf.sum(delta, 0), tf.reshape(tf.matMul(input, delta, true, false), [-1]));
      if (l > 0) delta = tf.mul(tf.matMul(delta, layers[l]!.kernel, false, true), tf.step(input));
    }
    return { gradient: tf.concat(pieces.reverse()) as Tensor1D, sse: sse as Scalar };
  });
}
