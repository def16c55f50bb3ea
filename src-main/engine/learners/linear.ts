// The linear learner (MATH.md section 7): exact least squares by Householder QR, with an error that names the
// collinear columns. With it the mixedML EM converges to lme4's fit (MATH.md section 2).
import { learnerDefaults } from '../../../src-shared/defaults.ts';
import { applyQt, firstDeficientColumn, householderQr, solveUpper, upperColumn } from './householderQr.ts';
import type { HouseholderQr } from './householderQr.ts';
import { throwIfCancelled } from './learner.ts';
import type { Features, Learner, LearnerDescription, LearnerFitOptions, LearnerJSON } from './learner.ts';

export interface LinearOptions {
  rankTolerance: number;
}

/**
 * f(x) = x'beta over the columns it is given: the design's '(Intercept)' column is its intercept, so the coefficients
 * carry lme4's names and REML's X is the learner's own X. Refitting on the same X array (the EM does so every iteration)
 * reuses the QR and costs O(n p); features are treated as immutable.
 */
export class LinearLearner implements Learner {
  readonly kind = 'linear';
  readonly exact = true;
  readonly options: LinearOptions;
  private names: string[] = [];
  private beta: Float64Array | undefined;
  private factor: { values: Float64Array; qr: HouseholderQr } | undefined;

  constructor(options: Partial<LinearOptions> = {}) {
    this.options = { ...learnerDefaults.linear, ...options };
  }

  async fit(X: Features, y: Float64Array, options: LearnerFitOptions = {}): Promise<void> {
    throwIfCancelled(options.signal);
    if (y.length !== X.n) throw new Error(`linear learner: ${X.n} rows of features but ${y.length} responses`);
    if (this.factor?.values !== X.values || this.factor.qr.n !== X.n || this.factor.qr.p !== X.p) {
      const qr = householderQr(X.values, X.n, X.p);
      checkFullRank(qr, X.names, this.options.rankTolerance);
      this.factor = { values: X.values, qr };
    }
    this.beta = solveUpper(this.factor.qr, applyQt(this.factor.qr, y), X.p);
    this.names = [...X.names];
    options.onProgress?.({ step: 1 });
  }

  predict(X: Features): Float64Array {
    const beta = this.beta;
    if (!beta) throw new Error('linear learner: predict before fit');
    if (X.p !== beta.length) throw new Error(`linear learner: fitted on ${beta.length} columns, given ${X.p}`);
    const out = new Float64Array(X.n);
    for (let i = 0; i < X.n; i++) {
      let s = 0;
      for (let k = 0; k < X.p; k++) s += X.values[i * X.p + k]! * beta[k]!;
      out[i] = s;
    }
    return out;
  }

  /** The coefficients by column name (lme4's fixef when X is the design's X). */
  coefficients(): Record<string, number> {
    if (!this.beta) throw new Error('linear learner: not fitted');
    return Object.fromEntries(this.names.map((name, k) => [name, this.beta![k]!]));
  }

  toJSON(): LearnerJSON {
    return {
      kind: this.kind,
      version: 1,
      options: { ...this.options },
      state: this.beta ? { names: this.names, coefficients: Array.from(this.beta) } : null,
    };
  }

  static fromJSON(json: LearnerJSON): LinearLearner {
    if (json.kind !== 'linear' || json.version !== 1) throw new Error(`not a linear learner v1: ${json.kind}`);
    const learner = new LinearLearner(json.options as Partial<LinearOptions>);
    const state = json.state as { names?: unknown; coefficients?: unknown } | null;
    if (state) {
      const { names, coefficients } = state;
      if (
        !Array.isArray(names) ||
        !Array.isArray(coefficients) ||
        names.length !== coefficients.length ||
        !coefficients.every((c) => typeof c === 'number')
      ) {
        throw new Error('linear learner JSON: state needs names and numeric coefficients of equal length');
      }
      learner.names = names.map(String);
      learner.beta = Float64Array.from(coefficients as number[]);
    }
    return learner;
  }

  describe(): LearnerDescription {
    return { kind: this.kind, label: 'Linear (exact least squares)', options: { ...this.options } };
  }
}

/** Throws, naming the columns, when a column of X is (numerically) a linear combination of the columns before it. */
function checkFullRank(qr: HouseholderQr, names: readonly string[], tol: number): void {
  const k = firstDeficientColumn(qr, tol);
  if (k < 0) return;
  const name = (i: number) => `'${names[i] ?? `column ${i + 1}`}'`;
  if (k >= qr.n)
    throw new Error(`linear learner: ${qr.p} columns but only ${qr.n} rows; ${name(k)} cannot be estimated`);
  if (qr.columnNorms[k] === 0) throw new Error(`linear learner: column ${name(k)} is all zeros; remove it`);
  // X_k = X_{<k} c with R_{<k,<k} c = R_{<k,k}: the columns with a non-negligible c_i are the ones it duplicates.
  const c = solveUpper(qr, upperColumn(qr, k), k);
  const scale = Math.max(...Array.from(c, Math.abs));
  const partners = Array.from(c.keys()).filter((i) => Math.abs(c[i]!) > 1e-6 * scale);
  throw new Error(
    `linear learner: the columns are collinear (X is rank deficient): ${name(k)} is a linear combination of ` +
      `${partners.map(name).join(', ')}; remove one of them`,
  );
}
