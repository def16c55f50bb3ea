// How a fit is presented, the same in the window and in the report: plain-words warnings and the points of the
// caterpillar plot. Isomorphic: no Node, DOM or chart-library imports.
import type { FitResult } from './spec.ts';

/** The backend's warnings, plus a sentence for a singular or unconverged fit it did not explain. */
export function fitWarnings(fit: FitResult): string[] {
  const warnings = [...fit.warnings];
  const said = (word: RegExp) => warnings.some((w) => word.test(w));
  if (fit.singular && !said(/singular/i)) {
    warnings.push(
      'Singular fit: a random-effect variance is (almost) zero or two random effects are perfectly correlated. ' +
        'Dropping the random slope with the smallest variance gives (almost) the same other estimates.',
    );
  }
  if (!fit.converged && !said(/converge/i)) {
    warnings.push('The fit did not converge: the estimates are not final. A simpler random part usually helps.');
  }
  return warnings;
}

export interface CaterpillarPoint {
  level: string;
  value: number;
  /** The 95% interval, mode ± 1.96 · sqrt(conditional variance); null where the fit has no conditional variances. */
  interval: [number, number] | null;
}

/** Each cluster's conditional mode of one random effect (with its interval where the fit has one), sorted. */
export function caterpillarPoints(fit: FitResult, effect: number): CaterpillarPoint[] {
  const withIntervals = fit.ranef_condvar_diag.length === fit.ranef.levels.length;
  const points = fit.ranef.levels.map((level, j): CaterpillarPoint => {
    const value = fit.ranef.values[j]?.[effect] ?? NaN;
    if (!withIntervals) return { level, value, interval: null };
    const half = 1.96 * Math.sqrt(Math.max(0, fit.ranef_condvar_diag[j]?.[effect] ?? NaN));
    return { level, value, interval: [value - half, value + half] };
  });
  return points.sort((a, b) => a.value - b.value);
}
