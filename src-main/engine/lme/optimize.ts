// Bound-constrained quasi-Newton minimiser for the profiled criterion (MATH.md section 1): projected BFGS with an
// epsilon-active set (Bertsekas 1982) and a projected backtracking Armijo line search, on the analytic gradient.

export interface OptimizeOptions {
  /** Lower bounds (-Infinity for none). */
  lower: ArrayLike<number>;
  /** Coordinates held at their starting value. */
  fixed?: ArrayLike<boolean>;
  /** Warm start: an inverse-Hessian approximation (n x n, row-major) from an earlier run, e.g. OptimizeResult's. */
  inverseHessian?: Float64Array;
  maxIterations: number;
  /** Converged when the projected gradient's largest entry is below this. */
  gradientTolerance: number;
  /**
   * ... or when the criterion changes by less than this, relative to it, on two iterations in a row, or when a
   * quasi-Newton step that promised less than this found no decrease (the criterion's rounding noise).
   */
  relativeTolerance: number;
  onProgress?: (progress: OptimizeProgress) => void;
}

export interface OptimizeProgress {
  iteration: number;
  evaluations: number;
  value: number;
  projectedGradient: number;
}

export interface OptimizeResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  /** Largest entry of the projected gradient at x. */
  projectedGradient: number;
  /** Largest entry of the quasi-Newton step H g over the free coordinates (lme4's "scaled gradient" check). */
  scaledGradient: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  message: string;
  /** The final BFGS inverse-Hessian approximation (n x n, row-major). */
  inverseHessian: Float64Array;
}

/** value = objective(x, gradient) must also write the gradient at x (any gradient when the value is not finite). */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

const armijo = 1e-4;
const maxBacktracks = 40;

export function optimize(objective: Objective, start: ArrayLike<number>, options: OptimizeOptions): OptimizeResult {
  const { lower, maxIterations, gradientTolerance, relativeTolerance, onProgress } = options;
  const n = start.length;
  const isFixed = (i: number) => options.fixed?.[i] === true;
  let x = Float64Array.from(start, (v, i) => (isFixed(i) ? v : Math.max(v, lower[i]!)));
  let g = new Float64Array(n);
  let xTrial = new Float64Array(n);
  let gTrial = new Float64Array(n);
  const d = new Float64Array(n);
  const free = new Uint8Array(n);
  const H = new Float64Array(n * n);
  const Hy = new Float64Array(n);
  // Until the first BFGS update the Hessian's scale is unknown; afterwards resets use the last s'y / y'y.
  let freshHessian = options.inverseHessian === undefined;
  let hessianScale = 1;
  let restarted = false;
  let smallChanges = 0;
  let iterations = 0;
  let evaluations = 1;
  let value = objective(x, g);
  if (options.inverseHessian) H.set(options.inverseHessian);
  else resetHessian(1);
  if (!Number.isFinite(value)) return result(false, 'the criterion is not finite at the starting values');

  while (iterations < maxIterations) {
    const pg = projectedGradient();
    if (pg <= gradientTolerance) return result(true, 'projected gradient below tolerance');
    markFree(Math.min(1e-8, pg));
    let slope = quasiNewtonDirection();
    if (!(slope < 0)) {
      resetHessian(hessianScale);
      slope = quasiNewtonDirection();
    }
    // A fresh (identity) Hessian knows nothing of the scale: limit the first step to a unit move.
    let step = 1;
    if (freshHessian) {
      let dMax = 0;
      for (let i = 0; i < n; i++) dMax = Math.max(dMax, Math.abs(d[i]!));
      step = Math.min(1, 1 / dMax);
    }
    const trialValue = lineSearch(step, slope);
    iterations++;
    if (trialValue === undefined) {
      // Near the optimum the criterion's rounding noise defeats the Armijo test; that is convergence when the
      // quasi-Newton step promised no more than the tolerance anyway.
      if (-slope <= relativeTolerance * Math.max(1, Math.abs(value))) {
        return result(true, 'predicted decrease of the criterion below tolerance');
      }
      if (restarted) return result(false, 'the line search found no lower criterion');
      // Restart once from a scaled identity: the BFGS approximation may have gone stale.
      resetHessian(hessianScale);
      restarted = true;
      continue;
    }
    restarted = false;
    updateInverseHessian();
    const change = Math.abs(value - trialValue);
    [x, xTrial] = [xTrial, x];
    [g, gTrial] = [gTrial, g];
    value = trialValue;
    onProgress?.({ iteration: iterations, evaluations, value, projectedGradient: projectedGradient() });
    smallChanges = change <= relativeTolerance * Math.max(1, Math.abs(value)) ? smallChanges + 1 : 0;
    if (smallChanges >= 2) return result(true, 'relative change of the criterion below tolerance');
  }
  return result(false, `no convergence in ${maxIterations} iterations`);

  /** Largest entry of x - P(x - g): the gradient, cut to the distance to the bound where it pushes against one. */
  function projectedGradient(): number {
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (!isFixed(i)) m = Math.max(m, Math.abs(x[i]! - Math.max(lower[i]!, x[i]! - g[i]!)));
    }
    return m;
  }

  /** Epsilon-active set: coordinates within eps of their bound with the gradient pushing outwards are held. */
  function markFree(eps: number): void {
    for (let i = 0; i < n; i++) free[i] = isFixed(i) || (x[i]! - lower[i]! <= eps && g[i]! > 0) ? 0 : 1;
  }

  /** d = -H_FF g_F on the free coordinates, 0 elsewhere; returns the slope g'd. */
  function quasiNewtonDirection(): number {
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      if (free[i]) for (let k = 0; k < n; k++) if (free[k]) s -= H[i * n + k]! * g[k]!;
      d[i] = s;
      slope += s * g[i]!;
    }
    return slope;
  }

  /** Projected backtracking from x along d: the accepted value (xTrial, gTrial hold the point), or undefined. */
  function lineSearch(firstStep: number, slope: number): number | undefined {
    let step = firstStep;
    for (let k = 0; k < maxBacktracks; k++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        xTrial[i] = free[i] ? Math.max(x[i]! + step * d[i]!, lower[i]!) : x[i]!;
        decrease += g[i]! * (xTrial[i]! - x[i]!);
      }
      const trial = objective(xTrial, gTrial);
      evaluations++;
      if (Number.isFinite(trial) && trial <= value + armijo * decrease) return trial;
      // Below the criterion's rounding noise further halving is futile.
      if (-decrease <= 1e-14 * Math.max(1, Math.abs(value))) return undefined;
      // Safeguarded quadratic interpolation along the (unprojected) direction.
      const q = Number.isFinite(trial) ? (-slope * step * step) / (2 * (trial - value - slope * step)) : 0;
      step = Math.min(0.5 * step, Math.max(0.1 * step, q));
    }
    return undefined;
  }

  function resetHessian(scale: number): void {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  }

  /** BFGS update of the inverse Hessian with s = xTrial - x, y = gTrial - g, skipped unless s'y > 0. */
  function updateInverseHessian(): void {
    let sy = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const s = xTrial[i]! - x[i]!;
      const y = gTrial[i]! - g[i]!;
      sy += s * y;
      yy += y * y;
      ss += s * s;
    }
    if (!(sy > 1e-12 * Math.sqrt(ss * yy))) return;
    // Nocedal & Wright (6.20): scale the identity before the first update.
    hessianScale = sy / yy;
    if (freshHessian) resetHessian(hessianScale);
    freshHessian = false;
    let yHy = 0;
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let k = 0; k < n; k++) t += H[i * n + k]! * (gTrial[k]! - g[k]!);
      Hy[i] = t;
      yHy += t * (gTrial[i]! - g[i]!);
    }
    const rho = 1 / sy;
    const c = rho * rho * yHy + rho;
    for (let i = 0; i < n; i++) {
      const si = xTrial[i]! - x[i]!;
      for (let k = 0; k < n; k++) {
        const sk = xTrial[k]! - x[k]!;
        H[i * n + k]! += c * si * sk - rho * (Hy[i]! * sk + si * Hy[k]!);
      }
    }
  }

  function result(converged: boolean, message: string): OptimizeResult {
    markFree(Math.min(1e-8, projectedGradient()));
    quasiNewtonDirection();
    let scaledGradient = 0;
    for (let i = 0; i < n; i++) scaledGradient = Math.max(scaledGradient, Math.abs(d[i]!));
    return {
      x,
      value,
      gradient: g,
      projectedGradient: projectedGradient(),
      scaledGradient,
      iterations,
      evaluations,
      converged,
      message,
      inverseHessian: H,
    };
  }
}
