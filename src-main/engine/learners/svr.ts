// The svr learner (MATH.md section 7): epsilon-SVR with the RBF kernel and scikit-learn's defaults, trained by libsvm
// (svr/libsvm.ts), the library scikit-learn's SVR wraps, so that its fits equal scikit-learn's (fixtures/).
import { learnerDefaults } from '../../../src-shared/defaults.ts';
import type { Features, Learner, LearnerDescription, LearnerFitOptions, LearnerJSON } from './learner.ts';
import { throwIfCancelled } from './learner.ts';
import { trainEpsilonSvr } from './svr/libsvm.ts';
import { predictRbf } from './svr/rbfExpansion.ts';
import type { RbfExpansion } from './svr/rbfExpansion.ts';
import { float64FromBase64, float64ToBase64 } from './typedArrayJson.ts';
import { keptColumns, selectColumns } from './withoutIntercept.ts';

export interface SvrOptions {
  /** Cost of a residual outside the epsilon tube (scikit-learn's C). */
  C: number;
  /** Half-width of the tube in which residuals cost nothing. */
  epsilon: number;
  /** RBF kernel exp(-gamma |x - x'|^2): 'scale' = 1 / (p Var(X)), 'auto' = 1 / p, or a positive number. */
  gamma: 'scale' | 'auto' | number;
  /** libsvm's kernel cache in MB; changes speed only. */
  cacheSize: number;
  /** libsvm's stopping tolerance (scikit-learn's tol). */
  tolerance: number;
  /** libsvm's shrinking heuristic; changes speed only (up to the tolerance). */
  shrinking: boolean;
}

interface FittedSvr {
  /** The names of the columns fit was given, '(Intercept)' included. */
  names: string[];
  /** The columns the model uses: all but '(Intercept)'. */
  columns: Int32Array;
  model: RbfExpansion;
}

/**
 * The design's '(Intercept)' column is dropped (withoutIntercept.ts): a constant column leaves every RBF distance
 * unchanged, but scikit-learn's gamma = 'scale' counts it in p and in Var(X), so keeping it would fit a different
 * kernel than scikit-learn's SVR on the same features. libsvm has no warm start: every fit solves the dual afresh,
 * which makes the fit a deterministic function of (X, y). Cancellation is checked before and after the solver (one
 * synchronous wasm call, a few seconds at N = 5700).
 */
export class SvrLearner implements Learner {
  readonly kind = 'svr';
  /**
   * Solved to libsvm's tolerance, and a non-smooth function of y (the support set changes), so not exact. The EM step
   * is still a deterministic map, and SQUAREM on (f(X), Sigma, sigma2) works on it (REML, sim_nonlinear: the GLL's
   * minimum in 14 EM steps instead of 23) but does not pay at the default tolerance of src-shared/defaults.ts (11
   * steps against the plain EM's 9, both from sigma2 = 1), so the EM runs unaccelerated, as for the other inexact
   * learners.
   */
  readonly exact = false;
  readonly options: SvrOptions;
  private fitted: FittedSvr | undefined;

  constructor(options: Partial<SvrOptions> = {}) {
    this.options = { ...learnerDefaults.svr, ...options };
    checkOptions(this.options);
  }

  async fit(X: Features, y: Float64Array, options: LearnerFitOptions = {}): Promise<void> {
    throwIfCancelled(options.signal);
    if (y.length !== X.n) throw new Error(`svr learner: ${X.n} rows of features but ${y.length} responses`);
    const columns = keptColumns(X.names, X.p);
    if (columns.length === 0) throw new Error('svr learner: no features besides the intercept');
    const p = columns.length;
    const values = selectColumns(X, columns);
    const gamma = resolveGamma(this.options.gamma, values, p);
    const { supportIndices, coef, rho } = await trainEpsilonSvr(values, X.n, p, y, { ...this.options, gamma });
    throwIfCancelled(options.signal);
    const supportVectors = new Float64Array(supportIndices.length * p);
    supportIndices.forEach((row, s) => supportVectors.set(values.subarray(row * p, (row + 1) * p), s * p));
    this.fitted = { names: [...X.names], columns, model: { gamma, supportVectors, coef, rho, p } };
    options.onProgress?.({ step: 1 });
  }

  predict(X: Features): Float64Array {
    const fitted = this.fitted;
    if (!fitted) throw new Error('svr learner: predict before fit');
    if (X.p !== fitted.names.length) {
      throw new Error(`svr learner: fitted on ${fitted.names.length} columns, given ${X.p}`);
    }
    return predictRbf(fitted.model, selectColumns(X, fitted.columns), X.n);
  }

  /** The kernel's gamma as fitted (the number 'scale' or 'auto' resolved to) and the number of support vectors. */
  fitInfo(): { gamma: number; supportVectors: number } | undefined {
    return this.fitted && { gamma: this.fitted.model.gamma, supportVectors: this.fitted.model.coef.length };
  }

  toJSON(): LearnerJSON {
    const fitted = this.fitted;
    return {
      kind: this.kind,
      version: 1,
      options: { ...this.options },
      state: fitted
        ? {
            names: fitted.names,
            columns: Array.from(fitted.columns),
            gamma: fitted.model.gamma,
            rho: fitted.model.rho,
            coef: float64ToBase64(fitted.model.coef),
            supportVectors: float64ToBase64(fitted.model.supportVectors),
          }
        : null,
    };
  }

  static fromJSON(json: LearnerJSON): SvrLearner {
    if (json.kind !== 'svr' || json.version !== 1) throw new Error(`not an svr learner v1: ${json.kind}`);
    const learner = new SvrLearner(json.options as Partial<SvrOptions>);
    if (json.state !== null) learner.fitted = fittedFromJSON(json.state);
    return learner;
  }

  describe(): LearnerDescription {
    return {
      kind: this.kind,
      label: 'Support vector regression (epsilon-SVR, RBF kernel)',
      options: { ...this.options },
    };
  }
}

/** scikit-learn's rule: 'scale' is 1 / (p Var(X)) with Var over all n p entries (1 when that variance is 0). */
function resolveGamma(gamma: SvrOptions['gamma'], values: Float64Array, p: number): number {
  if (typeof gamma === 'number') return gamma;
  if (gamma === 'auto') return 1 / p;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) * (v - mean);
  variance /= values.length;
  return variance === 0 ? 1 : 1 / (p * variance);
}

function checkOptions(o: SvrOptions): void {
  const positive = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
      throw new Error(`svr learner: ${name} must be a positive number, got ${String(v)}`);
    }
  };
  positive('C', o.C);
  positive('cacheSize', o.cacheSize);
  positive('tolerance', o.tolerance);
  if (typeof o.epsilon !== 'number' || !(o.epsilon >= 0) || !Number.isFinite(o.epsilon)) {
    throw new Error(`svr learner: epsilon must be a number >= 0, got ${String(o.epsilon)}`);
  }
  if (o.gamma !== 'scale' && o.gamma !== 'auto') positive('gamma', o.gamma);
  if (typeof o.shrinking !== 'boolean') throw new Error('svr learner: shrinking must be true or false');
}

function fittedFromJSON(state: unknown): FittedSvr {
  const s = (state ?? {}) as Record<string, unknown>;
  const bad = (why: string) => new Error(`svr learner JSON: ${why}`);
  if (!Array.isArray(s.names) || !Array.isArray(s.columns)) throw bad('state needs names and columns');
  const names = s.names.map(String);
  const columns = Int32Array.from(s.columns as unknown[], Number);
  if (columns.length === 0 || columns.some((k) => !(k >= 0 && k < names.length))) throw bad('columns out of range');
  if (typeof s.gamma !== 'number' || !(s.gamma > 0)) throw bad('gamma must be a positive number');
  if (typeof s.rho !== 'number' || !Number.isFinite(s.rho)) throw bad('rho must be a number');
  const coef = float64FromBase64(s.coef, 'svr learner JSON coef');
  const supportVectors = float64FromBase64(s.supportVectors, 'svr learner JSON supportVectors');
  const p = columns.length;
  if (supportVectors.length !== coef.length * p) {
    throw bad(`${coef.length} coefficients but ${supportVectors.length / p} support vectors`);
  }
  return { names, columns, model: { gamma: s.gamma, supportVectors, coef, rho: s.rho, p } };
}
