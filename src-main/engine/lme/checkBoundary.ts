// Boundary (singular) solutions, as lme4 reports them: diagonal entries of Lambda that the optimiser left just off 0
// (on either side: it has no bounds, normaliseSigns.ts) are set to exactly 0 (MATH.md section 1) and the other
// entries re-optimised with those held.
import type { Deviance } from './deviance.ts';
import type { LmeControl } from './lmeControl.ts';
import { optimize, type OptimizeResult } from './optimize.ts';

export function settleBoundary(deviance: Deviance, fit: OptimizeResult, control: LmeControl): OptimizeResult {
  const nearZero = Array.from(
    fit.x,
    (t, i) => deviance.lower[i] === 0 && t !== 0 && Math.abs(t) < control.singularTolerance,
  );
  if (!nearZero.includes(true)) return fit;
  const start = Float64Array.from(fit.x, (t, i) => (nearZero[i] ? 0 : t));
  const settled = optimize((x, g) => deviance.evaluate(x, g), start, {
    ...control,
    fixed: nearZero,
    inverseHessian: fit.inverseHessian,
  });
  const iterations = fit.iterations + settled.iterations;
  const evaluations = fit.evaluations + settled.evaluations;
  // Keep the interior optimum when zeroing costs more than rounding noise (then the fit is not a boundary fit).
  if (!(settled.value <= fit.value + control.boundaryTolerance)) return { ...fit, iterations, evaluations };
  return { ...settled, iterations, evaluations };
}

/** Entries of theta on Lambda's diagonal below the singular tolerance (lme4's isSingular; theta normalised). */
export function isSingular(deviance: Deviance, theta: ArrayLike<number>, tolerance: number): boolean {
  for (let t = 0; t < deviance.size; t++) if (deviance.lower[t] === 0 && theta[t]! < tolerance) return true;
  return false;
}
