// The training loop every TensorFlow.js learner shares: epochs of shuffled mini-batches until the paper's early
// stopping rule (earlyStopping.ts) or maxEpochs, with progress per epoch and cancellation per batch.
import type { Scalar, Tensor2D } from '@tensorflow/tfjs';
import type { Random } from '../random.ts';
import type { LoadedTf } from '../tfBackend.ts';
import { EarlyStopping } from './earlyStopping.ts';
import type { LearnerFitOptions } from './learner.ts';
import { throwIfCancelled } from './learner.ts';

/** The training options of nn_linear, mlp and pretrained (defaults in src-shared/defaults.ts). */
export interface NetTrainingOptions {
  /** Adam's learning rate. */
  learningRate: number;
  batchSize: number;
  /** An epoch improves when its loss (training MSE) beats the best so far by more than this. */
  minDelta: number;
  /** Stop after this many epochs in a row without improvement. */
  patience: number;
  /** At most this many epochs per fit, whatever the stopping rule says. */
  maxEpochs: number;
  /** 'auto': tfjs-node when it loads, else cpu or wasm by the net's size (tfBackend.ts). */
  backend: 'auto' | 'cpu' | 'wasm';
}

/** One call of fit: what a report or a benchmark shows. */
export interface FitRecord {
  epochs: number;
  /** The last epoch's training loss (MSE). */
  loss: number;
  stoppedBy: 'early stopping' | 'maxEpochs';
  seconds: number;
}

/** Trains on one batch (b rows) and returns its sum of squared errors before the update. */
export type BatchStep = (x: Tensor2D, y: Tensor2D) => Scalar;

/** Row-major float32 rows: TensorFlow.js computes in float32. */
export interface NetData {
  x: Float32Array;
  y: Float32Array;
  n: number;
  p: number;
}

/**
 * Runs epochs over the rows of `data`. The epoch loss is the mean of the batches' losses weighted by their sizes, each
 * computed before its batch's update (Keras' 'loss'). The rows are shuffled every epoch by `random` (Keras'
 * shuffle=True), the last batch is the remainder. Shuffling and batching happen in JavaScript, and each batch becomes a
 * tensor without a kernel call: TensorFlow.js's gather and split of the epoch cost more than its training steps once
 * the inputs are wide (one-hot clusters). Between epochs the loop yields to the event loop so that a cancel request can
 * arrive.
 */
export async function trainEpochs(
  { tf }: LoadedTf,
  data: NetData,
  step: BatchStep,
  options: NetTrainingOptions,
  random: Random,
  fit: LearnerFitOptions,
  label: string,
): Promise<FitRecord> {
  const started = performance.now();
  const { n, p } = data;
  if (n === 0) throw new Error(`${label}: no rows to train on`);
  if (!data.y.every(Number.isFinite) || !data.x.every(Number.isFinite)) {
    throw new Error(`${label}: the responses or features hold a value that is not a finite number`);
  }
  const batchSize = Math.min(options.batchSize, n);
  const stopper = new EarlyStopping(options.minDelta, options.patience);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const xs = new Float32Array(n * p);
  const ys = new Float32Array(n);
  for (let epoch = 0; ; epoch++) {
    throwIfCancelled(fit.signal);
    shuffle(order, random);
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      xs.set(data.x.subarray(row * p, (row + 1) * p), i * p);
      ys[i] = data.y[row]!;
    }
    let sum: Scalar = tf.scalar(0);
    for (let start = 0; start < n && !fit.signal?.aborted; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const batchSse = tf.tidy(() =>
        step(
          tf.tensor2d(xs.subarray(start * p, end * p), [end - start, p]),
          tf.tensor2d(ys.subarray(start, end), [end - start, 1]),
        ),
      );
      const next: Scalar = tf.add(sum, batchSse);
      tf.dispose([sum, batchSse]);
      sum = next;
    }
    const loss = (await sum.data())[0]! / n;
    sum.dispose();
    throwIfCancelled(fit.signal);
    if (!Number.isFinite(loss)) {
      throw new Error(`${label}: the training loss is not finite at epoch ${epoch + 1}; lower the learning rate`);
    }
    fit.onProgress?.({ step: epoch + 1, loss });
    const record = (stoppedBy: FitRecord['stoppedBy']): FitRecord => ({
      epochs: epoch + 1,
      loss,
      stoppedBy,
      seconds: (performance.now() - started) / 1000,
    });
    if (stopper.shouldStop(loss, epoch)) return record('early stopping');
    if (epoch + 1 === options.maxEpochs) return record('maxEpochs');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Fisher-Yates with the learner's seeded stream, so that a seed fixes the batches. */
function shuffle(order: Int32Array, random: Random): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.integer(0, i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

/** Row-major float32 copy of the given columns of a row-major n x p matrix. */
export function float32Columns(values: Float64Array, n: number, p: number, columns: Int32Array): Float32Array {
  const k = columns.length;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[i * k + j] = values[i * p + columns[j]!]!;
  return out;
}

/** Throws, naming the option, when a training option is out of range. */
export function checkNetOptions(options: NetTrainingOptions, label: string): void {
  const check = (name: keyof NetTrainingOptions, value: number, integer: boolean, zeroOk: boolean) => {
    const ok = Number.isFinite(value) && (zeroOk ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
    if (!ok) {
      throw new Error(
        `${label}: ${name} must be a ${integer ? 'whole ' : ''}number ${zeroOk ? '>= 0' : '> 0'}, got ${value}`,
      );
    }
  };
  check('learningRate', options.learningRate, false, false);
  check('batchSize', options.batchSize, true, false);
  check('minDelta', options.minDelta, false, true);
  check('patience', options.patience, true, true);
  check('maxEpochs', options.maxEpochs, true, false);
  if (!['auto', 'cpu', 'wasm'].includes(options.backend)) {
    throw new Error(`${label}: backend must be 'auto', 'cpu' or 'wasm', got '${String(options.backend)}'`);
  }
}
