import { describe, expect, it } from 'vitest';
import { loadReference, loadReferenceDesign } from '../testing/referenceCases.ts';
import { isSingular, settleBoundary } from './checkBoundary.ts';
import { makeClusterBlocks } from './clusterBlocks.ts';
import { makeDeviance, type Deviance } from './deviance.ts';
import { makeLmeControl } from './lmeControl.ts';
import type { OptimizeResult } from './optimize.ts';

const control = makeLmeControl({ reml: true }, false);

function devianceOf(name: 'sleepstudy' | 'mlbook_table5'): Deviance {
  return makeDeviance(makeClusterBlocks(loadReferenceDesign(name)), { reml: true, diagonal: false });
}

/** What the optimiser would return at theta. */
function resultAt(deviance: Deviance, theta: number[]): OptimizeResult {
  const x = Float64Array.from(theta);
  const gradient = new Float64Array(deviance.size);
  const value = deviance.evaluate(x, gradient);
  const inverseHessian = new Float64Array(deviance.size ** 2);
  for (let i = 0; i < deviance.size; i++) inverseHessian[i * deviance.size + i] = 1e-4;
  return {
    x,
    value,
    gradient,
    projectedGradient: 0,
    scaledGradient: 0,
    iterations: 10,
    evaluations: 12,
    converged: true,
    message: 'test',
    inverseHessian,
  };
}

describe('settleBoundary', () => {
  // The optimiser runs without the bound (normaliseSigns.ts), so it leaves such entries on either side of 0.
  it.each([3e-5, -3e-5])(
    'sets a near-zero diagonal entry of Lambda (%s) to exactly 0 when that costs nothing (mlbook Table 5)',
    (nearZero) => {
      const deviance = devianceOf('mlbook_table5');
      const theta = [...loadReference('mlbook_table5').REML.theta];
      theta[5] = nearZero;
      const near = resultAt(deviance, theta);
      const settled = settleBoundary(deviance, near, control);
      expect(settled.x[5]).toBe(0);
      expect(settled.value).toBeLessThanOrEqual(near.value + control.boundaryTolerance);
      expect(settled.iterations).toBeGreaterThan(near.iterations);
      expect(settled.evaluations).toBeGreaterThan(near.evaluations);
      expect(isSingular(deviance, settled.x, control.singularTolerance)).toBe(true);
    },
  );

  it('keeps an interior optimum when zeroing its small diagonal entry would raise the criterion', () => {
    // A criterion with its minimum at Lambda = diag(1, 5e-5) and a steep wall: zeroing costs 1e6 * (5e-5)^2.
    const steep: Deviance = {
      reml: true,
      diagonal: true,
      size: 2,
      thetaRow: Int32Array.of(0, 1),
      thetaCol: Int32Array.of(0, 1),
      lower: Float64Array.of(0, 0),
      evaluate: (theta, gradient) => {
        const [a, b] = [theta[0]! - 1, theta[1]! - 5e-5];
        gradient?.set([2 * a, 2e6 * b]);
        return a * a + 1e6 * b * b;
      },
      profile: () => {
        throw new Error('not needed');
      },
    };
    const optimum = resultAt(steep, [1, 5e-5]);
    const settled = settleBoundary(steep, optimum, control);
    expect(Array.from(settled.x)).toEqual([1, 5e-5]);
    expect(settled.value).toBe(0);
    expect(settled.evaluations).toBeGreaterThan(optimum.evaluations);
  });

  it('leaves a fit without near-zero diagonal entries alone', () => {
    const deviance = devianceOf('sleepstudy');
    const fit = resultAt(deviance, loadReference('sleepstudy').REML.theta);
    expect(settleBoundary(deviance, fit, control)).toBe(fit);
    expect(isSingular(deviance, fit.x, control.singularTolerance)).toBe(false);
  });
});
