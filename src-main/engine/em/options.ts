// The options of the mixedML EM and their defaults (MATH.md section 2; maxIter and the stopping tolerance, which
// depends on the learner, are in src-shared/defaults.ts, where the window reads them too).
import type { CancelSignal, Learner, LearnerProgress } from '../learners/learner.ts';
import type { SquaremControl } from './squarem.ts';
import { emMaxIter } from '../../../src-shared/defaults.ts';
import { squaremDefaults } from './squarem.ts';

export type Estimator = 'ml' | 'reml';

export interface EmProgress {
  /** Iterations recorded so far (plain EM steps, or SQUAREM cycles). */
  iteration: number;
  /** EM steps (learner refits) so far. */
  emSteps: number;
  gll: number;
  sigma2: number;
}

export interface EmOptions {
  estimator: Estimator;
  /** The stopping rule's relative tolerance (stoppingRule.ts); unset: the learner's (src-shared/defaults.ts). */
  tol?: number;
  /** At most this many iterations (plain EM steps, or SQUAREM cycles of 2 to 3 steps). */
  maxIter: number;
  /** 'auto': SQUAREM for exact learners (learner.exact), the plain EM for the others. */
  acceleration: 'auto' | 'squarem' | 'none';
  squarem: SquaremControl;
  /**
   * 'auto': parameter expansion (PX-EM, parameterExpansion.ts) of the variance update for exact learners, where it
   * provably keeps the fixed point; it turns the crawl towards a singular Sigma into a few dozen steps.
   */
  expansion: 'auto' | 'on' | 'off';
  /**
   * sigma2's start: 'auto' is fitEm.ts startingSigma2 (the initial fit's mean squared residual for learners that are
   * not exact), 'math' MATH.md section 2's sigma2 = 1 for every learner (for comparison: `npm run bench`).
   */
  start: 'auto' | 'math';
  /** Random-effects covariance structure; unset takes the design's (`(a || g)` is diagonal). */
  structure?: 'unstructured' | 'diagonal';
  /** The learner arrives trained (a pre-trained model): skip the initial fit on y and fine-tune it in the EM. */
  pretrained: boolean;
  /** Seed of the learner's randomness; the i-th fit of the run gets seed + i, so that fine-tuning does not replay batches. */
  seed?: number;
  signal?: CancelSignal;
  onProgress?: (progress: EmProgress) => void;
  /** The learner's own progress (epochs) within each fit. */
  onLearnerProgress?: (progress: LearnerProgress) => void;
  /**
   * Called with the learner once it is trained on y (not when pretrained), before the EM refits it, and its predictions
   * on the design's rows: that learner is the ml baseline of MATH.md section 5, which the caller can use without
   * training it again.
   */
  onInitialFit?: (learner: Learner, fitted: Float64Array) => void;
}

export const emDefaults = {
  estimator: 'reml',
  maxIter: emMaxIter,
  acceleration: 'auto',
  squarem: squaremDefaults,
  expansion: 'auto',
  start: 'auto',
  pretrained: false,
} as const satisfies Partial<EmOptions>;
