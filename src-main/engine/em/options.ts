// The options of the mixedML EM and their defaults, in one place (MATH.md section 2: tol 1e-6, maxIter 500).
import type { CancelSignal } from '../learners/learner.ts';
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
  /** Stop when |GLL_t - GLL_t-1| <= tol |GLL_t-1|. */
  tol: number;
  /** At most this many iterations (plain EM steps, or SQUAREM cycles of 2 to 3 steps). */
  maxIter: number;
  /** 'auto': SQUAREM for exact learners (learner.exact), the plain EM for the others. */
  acceleration: 'auto' | 'squarem' | 'none';
  squarem: SquaremControl;
  /** 'auto': parameter expansion (PX-EM, parameterExpansion.ts) of the variance update for exact learners. */
  expansion: 'auto' | 'on' | 'off';
  /**
   * 'auto': for exact learners, try the boundary (a singular Sigma, boundary.ts) when a random-effects direction's
   * scaled variance falls below `boundaryThreshold`, and keep it where it is optimal.
   */
  boundaryCheck: 'auto' | 'on' | 'off';
  boundaryThreshold: number;
  /** The boundary is optimal when the criterion's slope into the interior is >= -boundarySlopeTol * its trace part. */
  boundarySlopeTol: number;
  /** Random-effects covariance structure; unset takes the design's (`(a || g)` is diagonal). */
  structure?: 'unstructured' | 'diagonal';
  /** Starting values (e.g. the full-data fit when cross-validating); MATH.md's start is Sigma = I, sigma2 = 1. */
  start?: { Sigma: number[][]; sigma2: number };
  /** The learner arrives trained (a pre-trained model): skip the initial fit on y and fine-tune it in the EM. */
  pretrained: boolean;
  seed?: number;
  signal?: CancelSignal;
  onProgress?: (progress: EmProgress) => void;
}

export const emDefaults = {
  estimator: 'reml',
  tol: 1e-6,
  maxIter: 500,
  acceleration: 'auto',
  squarem: squaremDefaults,
  expansion: 'auto',
  boundaryCheck: 'auto',
  boundaryThreshold: 0.1,
  boundarySlopeTol: 1e-3,
  pretrained: false,
} as const satisfies Partial<EmOptions>;
