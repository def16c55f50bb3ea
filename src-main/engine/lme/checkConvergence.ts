// Convergence and singular-fit verdicts of an LME fit (lme4's checkConv), with warnings in plain words that say which
// random effect is at fault and what to do about it.
import type { Deviance } from './deviance.ts';
import type { LmeControl } from './lmeControl.ts';
import type { OptimizeResult } from './optimize.ts';
import { isSingular } from './checkBoundary.ts';

export interface ConvergenceCheck {
  converged: boolean;
  singular: boolean;
  warnings: string[];
}

export function checkConvergence(
  deviance: Deviance,
  fit: OptimizeResult,
  names: { zNames: string[]; groupName: string },
  control: LmeControl,
): ConvergenceCheck {
  const warnings: string[] = [];
  let converged = fit.converged;
  if (!fit.converged) {
    warnings.push(
      `The optimiser stopped before converging (${fit.message}, after ${fit.iterations} iterations): ` +
        'the estimates may be inaccurate.',
    );
  } else if (fit.scaledGradient > control.scaledGradientTolerance) {
    converged = false;
    warnings.push(
      `The fit may not have converged: the optimiser's last step would still move a parameter by ` +
        `${fit.scaledGradient.toPrecision(2)} (tolerance ${control.scaledGradientTolerance}).`,
    );
  }
  const singular = isSingular(deviance, fit.x, control.singularTolerance);
  if (singular) warnings.push(...singularWarnings(deviance, fit.x, names, control.singularTolerance));
  return { converged, singular, warnings };
}

function effectName(name: string): string {
  return name === '(Intercept)' ? 'the random intercept' : `the random slope of '${name}'`;
}

/** One warning per zero diagonal entry k of Lambda: row k of Lambda is zero (no variance) or lies in the span of rows < k. */
function singularWarnings(
  deviance: Deviance,
  theta: ArrayLike<number>,
  { zNames, groupName }: { zNames: string[]; groupName: string },
  tolerance: number,
): string[] {
  const q = zNames.length;
  const rowNorm2 = new Float64Array(q);
  for (let t = 0; t < deviance.size; t++) rowNorm2[deviance.thetaRow[t]!]! += theta[t]! ** 2;
  const warnings: string[] = [];
  for (let t = 0; t < deviance.size; t++) {
    const k = deviance.thetaRow[t]!;
    if (deviance.lower[t] !== 0 || theta[t]! >= tolerance) continue;
    const effect = effectName(zNames[k]!);
    if (Math.sqrt(rowNorm2[k]!) < tolerance) {
      warnings.push(
        `Singular fit: the variance of ${effect} across '${groupName}' is estimated as zero. The data show no ` +
          'differences between clusters in it; dropping it from the random part gives the same fit.',
      );
    } else {
      const before = zNames.slice(0, k).map(effectName).join(', ');
      warnings.push(
        `Singular fit: ${effect} across '${groupName}' is perfectly correlated with ${before} (its covariance ` +
          'matrix is not of full rank). Consider dropping it from the random part or using a diagonal structure.',
      );
    }
  }
  return warnings;
}
