// lme4's representative of theta. The criterion depends on Lambda only through Lambda Lambda' (MATH.md section 1),
// which negating a column of Lambda leaves unchanged, so the sign of each diagonal entry is a convention, not a
// constraint: the optimiser runs without the bound and the result is mapped to the factor with a diagonal >= 0.
import type { Deviance } from './deviance.ts';
import type { OptimizeResult } from './optimize.ts';

/*
 * Why no bound: with theta_kk >= 0 imposed, a point with theta_kk = 0 and a non-zero rest of column k can satisfy the
 * bound's optimality conditions (d criterion / d theta_kk > 0) while its mirror image, column k negated, has the same
 * criterion and the opposite derivative, i.e. a descent direction. A bounded optimiser stops at such points: a
 * "singular" fit well above the optimum (simulate.md, seeds 1, 2, 4, ...).
 */

/** The same fit with every column of Lambda whose diagonal entry is negative negated (x, gradient, inverse Hessian). */
export function normaliseSigns(deviance: Deviance, fit: OptimizeResult): OptimizeResult {
  const n = deviance.size;
  const sign = new Float64Array(n).fill(1);
  for (let t = 0; t < n; t++) {
    if (deviance.lower[t] !== 0 || !(fit.x[t]! < 0)) continue;
    for (let s = 0; s < n; s++) if (deviance.thetaCol[s] === deviance.thetaCol[t]) sign[s] = -1;
  }
  if (!sign.includes(-1)) return fit;
  return {
    ...fit,
    x: fit.x.map((v, t) => sign[t]! * v),
    gradient: fit.gradient.map((v, t) => sign[t]! * v),
    inverseHessian: fit.inverseHessian.map((v, k) => sign[Math.floor(k / n)]! * sign[k % n]! * v),
  };
}
