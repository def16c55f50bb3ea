import { describe, expect, it } from 'vitest';
import { loadReference, loadReferenceDesign } from '../testing/referenceCases.ts';
import { makeClusterBlocks } from './clusterBlocks.ts';
import { makeDeviance, type Deviance } from './deviance.ts';
import { normaliseSigns } from './normaliseSigns.ts';
import type { OptimizeResult } from './optimize.ts';

function devianceOf(diagonal: boolean): Deviance {
  return makeDeviance(makeClusterBlocks(loadReferenceDesign('mlbook_main')), { reml: true, diagonal });
}

/** theta with the entries of Lambda's columns `columns` negated. */
function negateColumns(deviance: Deviance, theta: ArrayLike<number>, columns: number[]): Float64Array {
  return Float64Array.from(theta, (v, t) => (columns.includes(deviance.thetaCol[t]!) ? -v : v));
}

function resultAt(deviance: Deviance, theta: Float64Array, inverseHessian: Float64Array): OptimizeResult {
  const gradient = new Float64Array(deviance.size);
  const value = deviance.evaluate(theta, gradient);
  return {
    x: theta,
    value,
    gradient,
    projectedGradient: 0,
    scaledGradient: 0,
    iterations: 3,
    evaluations: 4,
    converged: true,
    message: 'test',
    inverseHessian,
  };
}

describe('normaliseSigns', () => {
  // No diagonal entry 0, so that negating any column changes theta.
  const theta = Float64Array.from([0.35, -0.02, 0.01, 0.04, -0.003, 0.002]);

  it('negating a column of Lambda keeps the criterion and negates that column of the gradient', () => {
    const deviance = devianceOf(false);
    const gradient = new Float64Array(deviance.size);
    const value = deviance.evaluate(theta, gradient);
    for (const column of [0, 1, 2]) {
      const mirrored = new Float64Array(deviance.size);
      const mirroredValue = deviance.evaluate(negateColumns(deviance, theta, [column]), mirrored);
      expect(Math.abs(mirroredValue - value)).toBeLessThan(1e-10 * Math.abs(value));
      const expected = negateColumns(deviance, gradient, [column]);
      for (let t = 0; t < deviance.size; t++) {
        expect(Math.abs(mirrored[t]! - expected[t]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected[t]!)));
      }
    }
  });

  it("maps a theta with negative diagonal entries to lme4's representative, the inverse Hessian with it", () => {
    const deviance = devianceOf(false);
    const n = deviance.size;
    const H = Float64Array.from({ length: n * n }, (_, k) => 1 + Math.floor(k / n) + (k % n));
    const fit = resultAt(deviance, negateColumns(deviance, theta, [0, 2]), H);
    const normalised = normaliseSigns(deviance, fit);
    expect(Array.from(normalised.x)).toEqual(Array.from(theta));
    expect(normalised.value).toBe(fit.value);
    const reference = resultAt(deviance, Float64Array.from(theta), H);
    for (let t = 0; t < n; t++) {
      expect(Math.abs(normalised.gradient[t]! - reference.gradient[t]!)).toBeLessThan(
        1e-6 * Math.max(1, Math.abs(reference.gradient[t]!)),
      );
    }
    // Columns 0 and 2 of Lambda are theta entries 0, 1, 2 and 5: H' = S H S with S = diag(-1, -1, -1, 1, 1, -1).
    const sign = [-1, -1, -1, 1, 1, -1];
    for (let s = 0; s < n; s++) {
      for (let t = 0; t < n; t++)
        expect(normalised.inverseHessian[s * n + t]).toBe(sign[s]! * sign[t]! * H[s * n + t]!);
    }
  });

  it('leaves a theta with a non-negative diagonal alone, and handles the diagonal structure', () => {
    const deviance = devianceOf(false);
    const fit = resultAt(deviance, Float64Array.from(loadReference('mlbook_main').REML.theta), new Float64Array(36));
    expect(normaliseSigns(deviance, fit)).toBe(fit);
    const diagonal = devianceOf(true);
    const diagonalFit = resultAt(diagonal, Float64Array.of(-0.3, 0.05, -0.01), new Float64Array(9));
    expect(Array.from(normaliseSigns(diagonal, diagonalFit).x)).toEqual([0.3, 0.05, 0.01]);
  });
});
