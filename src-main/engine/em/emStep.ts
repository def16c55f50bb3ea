// One iteration of the mixedML EM (MATH.md section 2, steps 1 to 6) as a map of the state (f(X), Sigma, sigma2):
// the unit that the plain loop repeats and SQUAREM extrapolates.
import type { Learner, LearnerFitOptions } from '../learners/learner.ts';
import type { EmProblem } from './emProblem.ts';
import { generalisedLogLik } from './gll.ts';
import { residualStats } from './residualStats.ts';
import type { ResidualStats } from './residualStats.ts';
import { updateVariances } from './varianceUpdate.ts';

export interface EmState {
  /** f(X) on the training rows. */
  fitted: Float64Array;
  Sigma: Float64Array;
  sigma2: number;
  /** The residual statistics of `fitted`, when already known (the previous step computed them for its GLL). */
  stats?: ResidualStats;
}

export interface EmStepResult {
  next: EmState;
  /** This step's random effects u_j (j * q), computed from the input state. */
  u: Float64Array;
  /** ML deviance or REML criterion at the input state. */
  criterion: number;
  /** GLL of the output state (step 6). */
  gll: number;
}

export async function emStep(
  problem: EmProblem,
  learner: Learner,
  state: EmState,
  fitOptions: LearnerFitOptions,
  expand = false,
): Promise<EmStepResult> {
  const { n, q, Z, y, group } = problem.design;
  const stats = state.stats ?? residualStats(problem, state.fitted);
  const update = updateVariances(problem, stats, state.Sigma, state.sigma2, expand);
  // Step 5: y_fixed = y - Z u, then retrain (warm-started) on it.
  const yFixed = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const off = group[r]! * q;
    let zu = 0;
    for (let a = 0; a < q; a++) zu += Z[r * q + a]! * update.u[off + a]!;
    yFixed[r] = y[r]! - zu;
  }
  await learner.fit(problem.features, yFixed, fitOptions);
  const fitted = learner.predict(problem.features);
  const nextStats = residualStats(problem, fitted);
  const gll = generalisedLogLik(problem, nextStats, update.u, update.Sigma, update.sigma2);
  return {
    next: { fitted, Sigma: update.Sigma, sigma2: update.sigma2, stats: nextStats },
    u: update.u,
    criterion: update.criterion,
    gll,
  };
}
