import { describe, expect, it } from 'vitest';
import { loadReferenceDesign } from '../testing/referenceCases.ts';
import { checkConvergence } from './checkConvergence.ts';
import { makeClusterBlocks } from './clusterBlocks.ts';
import { makeDeviance } from './deviance.ts';
import { makeLmeControl } from './lmeControl.ts';
import type { OptimizeResult } from './optimize.ts';

const design = loadReferenceDesign('sleepstudy');
const deviance = makeDeviance(makeClusterBlocks(design), { reml: true, diagonal: false });
const control = makeLmeControl({ reml: true }, false);

function result(theta: number[], changes: Partial<OptimizeResult> = {}): OptimizeResult {
  return {
    x: Float64Array.from(theta),
    value: 0,
    gradient: new Float64Array(3),
    projectedGradient: 0,
    scaledGradient: 0,
    iterations: 5,
    evaluations: 6,
    converged: true,
    message: 'relative change of the criterion below tolerance',
    inverseHessian: new Float64Array(9),
    ...changes,
  };
}

describe('checkConvergence', () => {
  it('passes a converged interior fit without warnings', () => {
    expect(checkConvergence(deviance, result([0.97, 0.015, 0.23]), design, control)).toEqual({
      converged: true,
      singular: false,
      warnings: [],
    });
  });

  it("says the slope's variance is zero when its row of Lambda is zero", () => {
    const check = checkConvergence(deviance, result([0.97, 0, 0]), design, control);
    expect(check.singular).toBe(true);
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]).toMatch(/variance of the random slope of 'Days' across 'Subject' is estimated as zero/);
  });

  it('says the slope is perfectly correlated with the intercept when only its diagonal entry is zero', () => {
    const check = checkConvergence(deviance, result([0.97, 0.2, 0]), design, control);
    expect(check.singular).toBe(true);
    expect(check.warnings[0]).toMatch(/random slope of 'Days'.*perfectly correlated with the random intercept/);
  });

  it('names the random intercept when its variance is zero', () => {
    const check = checkConvergence(deviance, result([0, 0, 0.23]), design, control);
    expect(check.warnings[0]).toMatch(/variance of the random intercept/);
  });

  it('reports an optimiser that stopped, and a large remaining step, as not converged', () => {
    const stopped = checkConvergence(
      deviance,
      result([0.97, 0.015, 0.23], { converged: false, message: 'no convergence in 3 iterations' }),
      design,
      control,
    );
    expect(stopped.converged).toBe(false);
    expect(stopped.warnings[0]).toMatch(/stopped before converging \(no convergence in 3 iterations/);
    const far = checkConvergence(deviance, result([0.97, 0.015, 0.23], { scaledGradient: 0.1 }), design, control);
    expect(far.converged).toBe(false);
    expect(far.warnings[0]).toMatch(/may not have converged/);
  });
});
