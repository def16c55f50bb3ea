// The one interface every learner ("ml_fixed", MATH.md section 7) implements, and the JSON a fitted learner is saved as.
// Training is async because TensorFlow.js trains asynchronously; prediction is synchronous (all backends we use are).

/**
 * A learner's input: row-major n x p. The EM hands every learner the design's X as is, so `names` are lme4's column
 * names and include '(Intercept)' (a column of ones) when the formula has an intercept. No learner adds an intercept
 * of its own on top of that column; a learner for which a constant column matters (a kernel's gamma = 'scale') drops
 * constant columns itself.
 */
export interface Features {
  values: Float64Array;
  n: number;
  p: number;
  names: readonly string[];
}

/** An AbortSignal satisfies this, and so does a plain `{ aborted: boolean }` a worker flips. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface LearnerProgress {
  /** Epochs (or trees, or passes) done in this call of fit. */
  step: number;
  /** Training loss after that step, where the learner has one. */
  loss?: number;
}

export interface LearnerFitOptions {
  signal?: CancelSignal;
  onProgress?: (progress: LearnerProgress) => void;
  /** Seed for learners with randomness (initial weights, batches, bootstrap samples). */
  seed?: number;
}

/** Plain JSON: what a project file stores so the learner predicts again after reload. */
export interface LearnerJSON {
  kind: string;
  version: number;
  options: Record<string, unknown>;
  state: unknown;
}

/** What a report shows about the learner. */
export interface LearnerDescription {
  kind: string;
  label: string;
  options: Record<string, unknown>;
  /** The TensorFlow.js backend a net trained on ('tensorflow', 'wasm', 'cpu'), where one applies. */
  backend?: string;
}

export interface Learner {
  /** The registry key of learners/registry.ts. */
  readonly kind: string;
  /**
   * True when fit returns the exact minimiser, a deterministic and smooth function of y (exact least squares). The EM
   * step is then a deterministic smooth map and SQUAREM may accelerate it without moving the fixed point; learners
   * trained by stochastic gradient descent are not, and the EM runs unaccelerated for them.
   */
  readonly exact: boolean;
  /** Trains on (X, y). A second call warm-starts from the current state (fine-tuning, MATH.md section 2 step 5). */
  fit(X: Features, y: Float64Array, options?: LearnerFitOptions): Promise<void>;
  /** f(X), one value per row. Throws when the learner was never fitted or X has the wrong number of columns. */
  predict(X: Features): Float64Array;
  toJSON(): LearnerJSON;
  describe(): LearnerDescription;
}

/** Thrown when a fit is cancelled; named like the DOMException an AbortSignal produces. */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
