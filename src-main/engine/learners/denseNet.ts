// What nn_linear and mlp share (MATH.md section 7): a Dense stack on the features without the design's intercept,
// trained by Keras-style Adam with the paper's early stopping, warm-started by every further fit (the EM fine-tunes).
import type { Tensor2D } from '@tensorflow/tfjs';
import { makeRandom } from '../random.ts';
import type { Random } from '../random.ts';
import { denseNetFallback, loadTf } from '../tfBackend.ts';
import type { LoadedTf } from '../tfBackend.ts';
import { denseGradient, glorotUniform, multiplyAddsPerRow, parameterCount, predictDense } from './denseStack.ts';
import { freshAdam, startAdam } from './kerasAdam.ts';
import type { AdamState } from './kerasAdam.ts';
import { throwIfCancelled } from './learner.ts';
import type { Features, Learner, LearnerDescription, LearnerFitOptions, LearnerJSON } from './learner.ts';
import { float32Columns, trainEpochs } from './netTraining.ts';
import type { FitRecord, NetTrainingOptions } from './netTraining.ts';
import { keptColumns } from './withoutIntercept.ts';

interface DenseNet {
  /** The feature names the net was trained on, in order. */
  inputs: string[];
  /** [inputs, ...hidden, 1]. */
  sizes: number[];
  /** The flat parameters of denseStack.ts. */
  weights: Float32Array;
}

/**
 * Inputs: the features as given, except the design's '(Intercept)' column, which would duplicate the Dense bias (and
 * receive a random initial weight); the features are not standardised, as in the paper. Weights and Adam's state live
 * in plain arrays between calls, so a learner holds no tensors and needs no disposal; each fit or predict uploads
 * them (a few hundred numbers). The seed of the first fit fixes the initial weights and every later shuffle: further
 * fits continue the same random stream, and Adam's moments and step count carry over as in Keras. A cancelled fit
 * keeps the weights of its last batch.
 */
export abstract class DenseNetLearner implements Learner {
  abstract readonly kind: 'nn_linear' | 'mlp';
  abstract readonly options: NetTrainingOptions;
  readonly exact = false;
  /** One record per call of fit. */
  readonly fits: FitRecord[] = [];
  protected abstract readonly hidden: readonly number[];
  protected abstract readonly label: string;
  private net: DenseNet | undefined;
  private adam: AdamState | undefined;
  private random: Random | undefined;
  private loaded: LoadedTf | undefined;

  async fit(X: Features, y: Float64Array, options: LearnerFitOptions = {}): Promise<void> {
    throwIfCancelled(options.signal);
    if (y.length !== X.n) throw new Error(`${this.kind} learner: ${X.n} rows of features but ${y.length} responses`);
    const columns = this.columns(X);
    this.random ??= makeRandom(options.seed ?? 0);
    if (!this.net) {
      if (columns.length === 0)
        throw new Error(`${this.kind} learner: needs at least one feature besides the intercept`);
      const sizes = [columns.length, ...this.hidden, 1];
      this.net = { inputs: Array.from(columns, (k) => X.names[k]!), sizes, weights: glorotUniform(sizes, this.random) };
    }
    const net = this.net;
    const loaded = await this.load();
    const { tf } = loaded;
    const data = { x: float32Columns(X.values, X.n, X.p, columns), y: Float32Array.from(y), n: X.n, p: columns.length };
    const theta = tf.tidy(() => tf.variable(tf.tensor1d(net.weights)));
    const adam = startAdam(loaded, this.adam ?? freshAdam(net.weights.length), this.options.learningRate);
    try {
      const record = await trainEpochs(
        loaded,
        data,
        (xb: Tensor2D, yb: Tensor2D) => {
          const { gradient, sse } = denseGradient(loaded, net.sizes, theta, xb, yb);
          theta.assign(tf.sub(theta, adam.step(gradient)));
          return sse;
        },
        this.options,
        this.random,
        options,
        `${this.kind} learner`,
      );
      this.fits.push(record);
    } finally {
      net.weights = Float32Array.from(theta.dataSync());
      this.adam = adam.end();
      theta.dispose();
    }
  }

  predict(X: Features): Float64Array {
    const net = this.net;
    const loaded = this.loaded;
    if (!net || !loaded) throw new Error(`${this.kind} learner: predict before fit`);
    const columns = this.columns(X);
    const { tf } = loaded;
    const out = tf.tidy(() => {
      const x = tf.tensor2d(float32Columns(X.values, X.n, X.p, columns), [X.n, columns.length]);
      return predictDense(loaded, net.sizes, tf.tensor1d(net.weights), x);
    });
    const values = Float64Array.from(out.dataSync());
    out.dispose();
    return values;
  }

  toJSON(): LearnerJSON {
    const net = this.net;
    return {
      kind: this.kind,
      version: 1,
      options: { ...this.options },
      state: net ? { inputs: net.inputs, sizes: net.sizes, weights: Array.from(net.weights) } : null,
    };
  }

  describe(): LearnerDescription {
    return { kind: this.kind, label: this.label, options: { ...this.options }, backend: this.loaded?.backend.name };
  }

  /** Loads a saved net (toJSON's state) and TensorFlow.js, so that predict works at once. */
  protected async restore(json: LearnerJSON): Promise<this> {
    if (json.kind !== this.kind || json.version !== 1) throw new Error(`not a ${this.kind} learner v1: ${json.kind}`);
    if (json.state === null) return this;
    const { inputs, sizes, weights } = (json.state ?? {}) as { inputs?: unknown; sizes?: unknown; weights?: unknown };
    const expected = Array.isArray(inputs) ? [inputs.length, ...this.hidden, 1] : [];
    if (
      !Array.isArray(inputs) ||
      !Array.isArray(sizes) ||
      !Array.isArray(weights) ||
      sizes.join() !== expected.join() ||
      weights.length !== parameterCount(expected) ||
      !weights.every((w) => typeof w === 'number' && Number.isFinite(w))
    ) {
      throw new Error(
        `${this.kind} learner JSON: state needs inputs, sizes [${expected.join(', ')}] and their weights`,
      );
    }
    this.net = { inputs: inputs.map(String), sizes: expected, weights: Float32Array.from(weights as number[]) };
    await this.load();
    return this;
  }

  private async load(): Promise<LoadedTf> {
    const prefer = this.options.backend === 'auto' ? undefined : this.options.backend;
    this.loaded = await loadTf(prefer, denseNetFallback(multiplyAddsPerRow(this.net!.sizes)));
    return this.loaded;
  }

  /** The columns of X the net reads: all but the intercept, and the ones it was trained on once it was. */
  private columns(X: Features): Int32Array {
    const columns = keptColumns(X.names, X.p);
    const names = Array.from(columns, (k) => X.names[k]!);
    if (this.net && names.join('\u0000') !== this.net.inputs.join('\u0000')) {
      throw new Error(
        `${this.kind} learner: trained on the features ${this.net.inputs.join(', ')} but given ${names.join(', ')}`,
      );
    }
    return columns;
  }
}
