// A TensorFlow.js Layers model the user trained before (MATH.md section 7), loaded from memory and fine-tuned by fit
// with the training of the other nets (Keras-style Adam, MSE, the paper's early stopping).
import type { LayersModel, Scalar, Tensor, Tensor1D, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { LayersModelFiles } from '../../data/readLayersModel.ts';
import { makeRandom } from '../random.ts';
import type { Random } from '../random.ts';
import { denseNetFallback, loadTf } from '../tfBackend.ts';
import type { LoadedTf } from '../tfBackend.ts';
import { learnerDefaults } from '../../../src-shared/defaults.ts';
import { freshAdam, startAdam } from './kerasAdam.ts';
import type { AdamState } from './kerasAdam.ts';
import { throwIfCancelled } from './learner.ts';
import type { Features, Learner, LearnerDescription, LearnerFitOptions, LearnerJSON } from './learner.ts';
import { checkNetOptions, float32Columns, trainEpochs } from './netTraining.ts';
import type { FitRecord, NetTrainingOptions } from './netTraining.ts';
import { INTERCEPT_NAME, keptColumns } from './withoutIntercept.ts';

interface SavedWeight {
  name: string;
  shape: number[];
  values: number[];
}

/**
 * The model must take one input of shape [batch, k] and give one output of shape [batch, 1]. It reads the features
 * without the design's '(Intercept)' column, in the order of the formula, which must be the order the model was trained
 * with (model.json does not name its inputs). Training uses the gradient tape on model.apply, so any architecture
 * works, at about 1.6x the time per batch of the nets of denseStack.ts; the model's own training config (optimizer,
 * loss) is not used. The model holds tensors: call dispose() when done with it.
 */
export class PretrainedLearner implements Learner {
  readonly kind = 'pretrained';
  readonly exact = false;
  readonly options: NetTrainingOptions;
  /** One record per call of fit. */
  readonly fits: FitRecord[] = [];
  private inputs: string[] | undefined;
  private adam: AdamState | undefined;
  private random: Random | undefined;

  private constructor(
    private readonly model: LayersModel,
    private loaded: LoadedTf,
    options: NetTrainingOptions,
  ) {
    this.options = options;
  }

  /** Loads model.json and its weights (readLayersModelFiles reads them from disk). */
  static async fromFiles(
    files: LayersModelFiles,
    options: Partial<NetTrainingOptions> = {},
  ): Promise<PretrainedLearner> {
    const o = { ...learnerDefaults.pretrained, ...options };
    checkNetOptions(o, 'pretrained learner');
    const { modelJson, weightData } = files;
    const prefer = o.backend === 'auto' ? undefined : o.backend;
    // The parameter count that picks between cpu and wasm is known once the model is built: build it on the default.
    const built = await loadTf(prefer);
    const model = await built.tf.loadLayersModel(
      built.tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
        weightData,
      }),
    );
    const input = model.inputs.length === 1 ? model.inputs[0]!.shape : undefined;
    const output = model.outputs.length === 1 ? model.outputs[0]!.shape : undefined;
    if (input?.length !== 2 || output?.length !== 2 || output[1] !== 1) {
      model.dispose();
      throw new Error(
        `pretrained learner: the model must map [rows, features] to [rows, 1]; it maps ` +
          `${JSON.stringify(model.inputs.map((t) => t.shape))} to ${JSON.stringify(model.outputs.map((t) => t.shape))}`,
      );
    }
    return new PretrainedLearner(model, await loadTf(prefer, denseNetFallback(model.countParams())), o);
  }

  static async fromJSON(json: LearnerJSON): Promise<PretrainedLearner> {
    if (json.kind !== 'pretrained' || json.version !== 1) throw new Error(`not a pretrained learner v1: ${json.kind}`);
    const { inputs, modelTopology, weights } = (json.state ?? {}) as {
      inputs?: unknown;
      modelTopology?: unknown;
      weights?: SavedWeight[];
    };
    if (
      typeof modelTopology !== 'object' ||
      modelTopology === null ||
      !Array.isArray(weights) ||
      !weights.every((w) => typeof w?.name === 'string' && Array.isArray(w.shape) && Array.isArray(w.values))
    ) {
      throw new Error('pretrained learner JSON: state needs the modelTopology and the weights');
    }
    const values = Float32Array.from(weights.flatMap((w) => w.values));
    const learner = await PretrainedLearner.fromFiles(
      {
        modelJson: {
          modelTopology,
          weightsManifest: [
            { paths: [], weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' as const })) },
          ],
        },
        weightData: values.buffer,
      },
      json.options as Partial<NetTrainingOptions>,
    );
    if (Array.isArray(inputs)) learner.inputs = inputs.map(String);
    return learner;
  }

  async fit(X: Features, y: Float64Array, options: LearnerFitOptions = {}): Promise<void> {
    throwIfCancelled(options.signal);
    if (y.length !== X.n) throw new Error(`pretrained learner: ${X.n} rows of features but ${y.length} responses`);
    const columns = this.columns(X);
    this.random ??= makeRandom(options.seed ?? 0);
    const loaded = await loadTf(
      this.options.backend === 'auto' ? undefined : this.options.backend,
      denseNetFallback(this.model.countParams()),
    );
    this.loaded = loaded;
    const { tf } = loaded;
    const variables = this.model.trainableWeights.map((w) => w.read() as Variable);
    const sizes = variables.map((v) => v.size);
    const adam = startAdam(loaded, this.adam ?? freshAdam(sizes.reduce((a, b) => a + b, 0)), this.options.learningRate);
    const step = (xb: Tensor2D, yb: Tensor2D): Scalar => {
      const { value, grads } = tf.variableGrads(() => {
        const prediction = this.model.apply(xb, { training: true }) as Tensor;
        return tf.mean(tf.square(tf.sub(prediction, yb))) as Scalar;
      }, variables);
      const gradient = tf.concat<Tensor1D>(variables.map((v) => tf.reshape(grads[v.name] ?? tf.zerosLike(v), [-1])));
      const delta = tf.split(adam.step(gradient), sizes);
      variables.forEach((v, i) => v.assign(tf.sub(v, tf.reshape(delta[i]!, v.shape))));
      return tf.mul(value, xb.shape[0]);
    };
    try {
      const data = {
        x: float32Columns(X.values, X.n, X.p, columns),
        y: Float32Array.from(y),
        n: X.n,
        p: columns.length,
      };
      this.fits.push(await trainEpochs(loaded, data, step, this.options, this.random, options, 'pretrained learner'));
    } finally {
      this.adam = adam.end();
    }
  }

  predict(X: Features): Float64Array {
    const columns = this.columns(X);
    const { tf } = this.loaded;
    const out = tf.tidy(() => {
      const x = tf.tensor2d(float32Columns(X.values, X.n, X.p, columns), [X.n, columns.length]);
      return this.model.predict(x, { batchSize: 4096 }) as Tensor;
    });
    const values = Float64Array.from(out.dataSync());
    out.dispose();
    return values;
  }

  toJSON(): LearnerJSON {
    const weights: SavedWeight[] = this.model.weights.map((w) => ({
      name: w.originalName,
      shape: w.shape as number[],
      values: Array.from(w.read().dataSync()),
    }));
    return {
      kind: this.kind,
      version: 1,
      options: { ...this.options },
      state: { inputs: this.inputs ?? null, modelTopology: this.model.toJSON(null, false), weights },
    };
  }

  describe(): LearnerDescription {
    const layers = this.model.layers.map((l) => l.getClassName()).join(', ');
    return {
      kind: this.kind,
      label: `Pre-trained TensorFlow.js model (${layers}; ${this.model.countParams()} parameters)`,
      options: { ...this.options },
      backend: this.loaded.backend.name,
    };
  }

  /** Frees the model's tensors. */
  dispose(): void {
    this.model.dispose();
  }

  /** All columns but the intercept: as many as the model's inputs, and named as at the first use. */
  private columns(X: Features): Int32Array {
    const columns = keptColumns(X.names, X.p);
    const names = Array.from(columns, (k) => X.names[k]!);
    const width = this.model.inputs[0]!.shape[1];
    if (width !== null && width !== columns.length) {
      throw new Error(
        `pretrained learner: the model takes ${width} inputs but the data has ${columns.length} features ` +
          `(${names.join(', ')}; '${INTERCEPT_NAME}' is left out)`,
      );
    }
    if (this.inputs && names.join('\u0000') !== this.inputs.join('\u0000')) {
      throw new Error(
        `pretrained learner: used with the features ${this.inputs.join(', ')} but given ${names.join(', ')}`,
      );
    }
    this.inputs = names;
    return columns;
  }
}
