// SQUAREM (Varadhan & Roland 2008, Scand. J. Statist. 35: 335-353), scheme S3 with the step-length control of their R
// package: from x0 and two fixed-point steps x1 = M(x0), x2 = M(x1) it extrapolates along the squared iteration.
// It changes the path to the fixed point, never the fixed point itself.

export interface SquaremControl {
  /** Initial and minimum upper bound of the step length (the R package's step.max0). */
  stepMax0: number;
  /** Factor by which the bound grows after a step at the bound, and shrinks after a rejected one (mstep). */
  mstep: number;
}

export const squaremDefaults: SquaremControl = { stepMax0: 1, mstep: 4 };

/**
 * x0 + 2 alpha r + alpha^2 v with r = x1 - x0, v = x2 - 2 x1 + x0 and alpha = |r| / |v| clamped to [1, stepMax]
 * (alpha = 1 gives x2, the plain double step).
 */
export function squaremExtrapolate(
  x0: Float64Array,
  x1: Float64Array,
  x2: Float64Array,
  stepMax: number,
): { x: Float64Array; alpha: number } {
  let rr = 0;
  let vv = 0;
  for (let i = 0; i < x0.length; i++) {
    const r = x1[i]! - x0[i]!;
    const v = x2[i]! - 2 * x1[i]! + x0[i]!;
    rr += r * r;
    vv += v * v;
  }
  const raw = vv > 0 ? Math.sqrt(rr / vv) : 1;
  const alpha = Math.max(1, Math.min(stepMax, Number.isFinite(raw) ? raw : 1));
  const x = new Float64Array(x0.length);
  for (let i = 0; i < x0.length; i++) {
    const r = x1[i]! - x0[i]!;
    const v = x2[i]! - 2 * x1[i]! + x0[i]!;
    x[i] = x0[i]! + 2 * alpha * r + alpha * alpha * v;
  }
  return { x, alpha };
}

/** The next upper bound of the step length after a cycle with step `alpha` that was accepted or rejected. */
export function nextStepMax(stepMax: number, alpha: number, accepted: boolean, control: SquaremControl): number {
  if (alpha < stepMax) return stepMax;
  return accepted ? stepMax * control.mstep : Math.max(control.stepMax0, stepMax / control.mstep);
}
