// When the mixedML EM (and OOB) stops: MATH.md section 2's rule on the GLL for exact learners, and its one-sided form
// for learners whose GLL carries training noise or drifts; the tolerance defaults by learner (src-shared/defaults.ts).
import type { Learner } from '../learners/learner.ts';
import { emTolerance } from '../../../src-shared/defaults.ts';

/**
 * - 'relative-change' (MATH.md section 2): stop when |GLL_t - GLL_t-1| <= tol |GLL_t-1|.
 * - 'no-decrease': stop when GLL_t > GLL_t-1 - tol |GLL_t-1|, i.e. when an iteration no longer lowers the GLL by more
 *   than tol. It is the rule above while the GLL falls, and also stops at the first rise. A learner that is not an
 *   exact minimiser (trained by SGD with early stopping, or fitting a loss other than the GLL's) does not make the EM a
 *   descent method for the GLL: its GLL jitters by the training noise (nets) or turns and drifts upwards (SVR,
 *   forest). Under the two-sided rule such a sequence stops only when a jitter happens to be small, or never when the
 *   noise exceeds tol; a rise means the iteration bought nothing, which is the EM-level form of the learners' own
 *   early stopping (stop when the monitored loss no longer improves by min_delta). It always ends: the first noisy
 *   rise stops it, whatever tol the user asks for.
 */
export type StoppingRuleName = 'relative-change' | 'no-decrease';

export interface StoppingRule {
  rule: StoppingRuleName;
  /** The relative tolerance in use: the caller's, or the learner's default. */
  tol: number;
}

export function stoppingRuleFor(learner: Pick<Learner, 'exact'>, tol?: number): StoppingRule {
  if (tol !== undefined && !(tol > 0)) throw new Error(`the stopping tolerance must be positive, got ${tol}`);
  return learner.exact
    ? { rule: 'relative-change', tol: tol ?? emTolerance.exact }
    : { rule: 'no-decrease', tol: tol ?? emTolerance.approximate };
}

/** Whether the iteration that moved the GLL from `previous` to `gll` ends the loop. */
export function meetsStoppingRule({ rule, tol }: StoppingRule, previous: number, gll: number): boolean {
  const allowed = tol * Math.abs(previous);
  return rule === 'relative-change' ? Math.abs(gll - previous) <= allowed : previous - gll <= allowed;
}
