// The forest learner (MATH.md section 7; with the EM it is MERF): random-forest regression with scikit-learn's
// defaults, written for speed (forest/: one presort per fit, trees in flat typed arrays).
import { makeRandom } from '../random.ts';
import type { Random } from '../random.ts';
import { learnerDefaults } from '../../../src-shared/defaults.ts';
import { assembleForest, forestFromJSON, forestToJSON, predictForest } from './forest/flatForest.ts';
import type { FlatForest } from './forest/flatForest.ts';
import { TreeGrower } from './forest/growTree.ts';
import type { FlatTree } from './forest/growTree.ts';
import { presortFeatures } from './forest/presort.ts';
import { throwIfCancelled } from './learner.ts';
import type { Features, Learner, LearnerDescription, LearnerFitOptions, LearnerJSON } from './learner.ts';
import { keptColumns, selectColumns } from './withoutIntercept.ts';

export interface ForestOptions {
  /** Number of trees (scikit-learn's n_estimators). */
  trees: number;
  /** Deepest split; null grows every tree until its leaves are pure or smaller than minSamplesSplit. */
  maxDepth: number | null;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features tried per split: a fraction in (0, 1] of them, or 'sqrt' / 'log2' of their number (at least 1). */
  maxFeatures: number | 'sqrt' | 'log2';
  /** Each tree on a bootstrap sample of the rows (else on all rows). */
  bootstrap: boolean;
}

interface FittedForest {
  /** The names of the columns fit was given, '(Intercept)' included. */
  names: string[];
  /** The columns the trees split on: all but '(Intercept)'. */
  columns: Int32Array;
  forest: FlatForest;
}

/** The seed when the caller gives none, so that an unseeded fit is still reproducible. */
const DEFAULT_SEED = 0;

/**
 * The design's '(Intercept)' column is dropped (withoutIntercept.ts) so that maxFeatures counts the features as
 * scikit-learn does on the same data. No warm start: every fit grows a new forest, with bootstrap samples drawn from the
 * seed, so the EM's repeated fits (same seed) resample the same rows and differ only through y. Progress is reported
 * per tree, and cancellation is checked between trees, with a yield to the event loop so that a worker's cancel
 * message can arrive.
 */
export class ForestLearner implements Learner {
  readonly kind = 'forest';
  /** Piecewise constant in y and randomised: not an exact learner. */
  readonly exact = false;
  readonly options: ForestOptions;
  private fitted: FittedForest | undefined;

  constructor(options: Partial<ForestOptions> = {}) {
    this.options = { ...learnerDefaults.forest, ...options };
    checkOptions(this.options);
  }

  async fit(X: Features, y: Float64Array, options: LearnerFitOptions = {}): Promise<void> {
    throwIfCancelled(options.signal);
    if (y.length !== X.n) throw new Error(`forest learner: ${X.n} rows of features but ${y.length} responses`);
    if (X.n === 0) throw new Error('forest learner: no rows');
    if (!y.every(Number.isFinite)) throw new Error('forest learner: the response has missing or infinite values');
    const columns = keptColumns(X.names, X.p);
    if (columns.length === 0) throw new Error('forest learner: no features besides the intercept');
    const p = columns.length;
    const o = this.options;
    const grower = new TreeGrower(presortFeatures(selectColumns(X, columns), X.n, p), y, {
      maxDepth: o.maxDepth ?? Infinity,
      minSamplesSplit: o.minSamplesSplit,
      minSamplesLeaf: o.minSamplesLeaf,
      mtry: mtry(o.maxFeatures, p),
    });
    const random = makeRandom(options.seed ?? DEFAULT_SEED);
    const weight = new Float64Array(X.n);
    const trees: FlatTree[] = [];
    for (let t = 0; t < o.trees; t++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfCancelled(options.signal);
      if (o.bootstrap) drawBootstrap(weight, random);
      else weight.fill(1);
      trees.push(grower.grow(weight, random));
      options.onProgress?.({ step: t + 1 });
    }
    this.fitted = { names: [...X.names], columns, forest: assembleForest(trees, p) };
  }

  predict(X: Features): Float64Array {
    const fitted = this.fitted;
    if (!fitted) throw new Error('forest learner: predict before fit');
    if (X.p !== fitted.names.length) {
      throw new Error(`forest learner: fitted on ${fitted.names.length} columns, given ${X.p}`);
    }
    return predictForest(fitted.forest, selectColumns(X, fitted.columns), X.n);
  }

  /** Trees and nodes of the fitted forest. */
  fitInfo(): { trees: number; nodes: number } | undefined {
    return this.fitted && { trees: this.fitted.forest.roots.length, nodes: this.fitted.forest.feature.length };
  }

  toJSON(): LearnerJSON {
    const fitted = this.fitted;
    return {
      kind: this.kind,
      version: 1,
      options: { ...this.options },
      state: fitted
        ? { names: fitted.names, columns: Array.from(fitted.columns), ...forestToJSON(fitted.forest) }
        : null,
    };
  }

  static fromJSON(json: LearnerJSON): ForestLearner {
    if (json.kind !== 'forest' || json.version !== 1) throw new Error(`not a forest learner v1: ${json.kind}`);
    const learner = new ForestLearner(json.options as Partial<ForestOptions>);
    if (json.state !== null) {
      const state = (json.state ?? {}) as Record<string, unknown>;
      if (!Array.isArray(state.names) || !Array.isArray(state.columns)) {
        throw new Error('forest learner JSON: state needs names and columns');
      }
      const names = state.names.map(String);
      const columns = Int32Array.from(state.columns as unknown[], Number);
      const forest = forestFromJSON(state);
      if (columns.length !== forest.p || columns.some((k) => !(k >= 0 && k < names.length))) {
        throw new Error('forest learner JSON: columns do not match the trees');
      }
      learner.fitted = { names, columns, forest };
    }
    return learner;
  }

  describe(): LearnerDescription {
    return { kind: this.kind, label: 'Random forest regression', options: { ...this.options } };
  }
}

/** scikit-learn's max_features rule. */
function mtry(maxFeatures: ForestOptions['maxFeatures'], p: number): number {
  const count = maxFeatures === 'sqrt' ? Math.sqrt(p) : maxFeatures === 'log2' ? Math.log2(p) : maxFeatures * p;
  return Math.max(1, Math.floor(count));
}

/** Bootstrap multiplicities: n rows drawn with replacement, as scikit-learn's forests draw them. */
function drawBootstrap(weight: Float64Array, random: Random): void {
  const n = weight.length;
  weight.fill(0);
  for (let k = 0; k < n; k++) weight[random.integer(0, n - 1)]! += 1;
}

function checkOptions(o: ForestOptions): void {
  const integer = (name: string, v: unknown, min: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new Error(`forest learner: ${name} must be an integer >= ${min}, got ${String(v)}`);
    }
  };
  integer('trees', o.trees, 1);
  if (o.maxDepth !== null) integer('maxDepth', o.maxDepth, 1);
  integer('minSamplesSplit', o.minSamplesSplit, 2);
  integer('minSamplesLeaf', o.minSamplesLeaf, 1);
  const f = o.maxFeatures;
  if (f !== 'sqrt' && f !== 'log2' && !(typeof f === 'number' && f > 0 && f <= 1)) {
    throw new Error(`forest learner: maxFeatures must be a fraction in (0, 1], 'sqrt' or 'log2', got ${String(f)}`);
  }
  if (typeof o.bootstrap !== 'boolean') throw new Error('forest learner: bootstrap must be true or false');
}
