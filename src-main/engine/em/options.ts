// The options of the mixedML EM and their defaults, in one place (MATH.md section 2: maxIter 500; the stopping
// tolerance depends on the learner, see emTolerance).
import type { CancelSignal, LearnerProgress } from '../learners/learner.ts';
import type { SquaremControl } from './squarem.ts';
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
  /** The stopping rule's relative tolerance (stoppingRule.ts); unset: emTolerance for the learner. */
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
}

/**
 * The default stopping tolerance, by whether the learner is exact (learner.exact); the rules are in stoppingRule.ts.
 *
 * - exact (least squares): MATH.md section 2's 1e-6. The EM is a deterministic map there and the GLL settles to any
 *   precision (the linear learner reaches lme4 at 1e-8).
 * - any other learner: 1e-3, the resolution of the GLL such learners offer. Nets end each fit by Keras' EarlyStopping
 *   (min_delta 0.1 on the training MSE), so they do not resolve GLL changes below the one such an MSE step makes,
 *   N min_delta / sigma2, about 2e-3 of |GLL| on sim_nonlinear; measured there, the MLP's GLL moves by 1e-3 to 5e-3
 *   (up to 9e-3) between late iterations, and MATH.md's 1e-6 is never met (500 iterations, 210 s). SVR and the forest
 *   fit a loss other than the GLL's, and their EM drifts rather than converges: on a held-out tenth of sim_nonlinear
 *   (10-fold, seed 1), SVR REML-EM's test MSE_within improves by 1.6 % from iteration 9 to 30 while its MSE_out
 *   worsens from 26.2 to 29.5; the forest's GLL is lowest at iteration 2 and its MSE_out rises from iteration 1 on.
 *   At 1e-3 (relative, as MATH.md's rule) they stop once an iteration gains less than 0.1 % of the GLL: SVR after 9
 *   iterations, the MLP and the forest after 3.
 */
export const emTolerance = { exact: 1e-6, approximate: 1e-3 } as const;

export const emDefaults = {
  estimator: 'reml',
  maxIter: 500,
  acceleration: 'auto',
  squarem: squaremDefaults,
  expansion: 'auto',
  pretrained: false,
} as const satisfies Partial<EmOptions>;
