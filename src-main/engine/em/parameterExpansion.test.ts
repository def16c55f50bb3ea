import { describe, expect, it } from 'vitest';
import { loadReferenceDesign } from '../testing/referenceCases.ts';
import { makeEmProblem } from './emProblem.ts';
import { fitMixedEm } from './fitEm.ts';
import { LinearLearner } from '../learners/linear.ts';
import { expandVariance } from './parameterExpansion.ts';
import { residualStats } from './residualStats.ts';
import { normalStream } from './testSupport/toyDesign.ts';
import { updateVariances } from './varianceUpdate.ts';

/** A random symmetric positive-definite q x q block. */
function spd(q: number, rnd: () => number): number[] {
  const a = Array.from({ length: q * q }, rnd);
  const out = new Array<number>(q * q).fill(0);
  for (let i = 0; i < q; i++)
    for (let k = 0; k < q; k++) for (let m = 0; m < q; m++) out[i * q + k]! += a[i * q + m]! * a[k * q + m]!;
  for (let i = 0; i < q; i++) out[i * q + i]! += 0.1;
  return out;
}

/** sum_j tr(alpha' C_j alpha S_j) - 2 tr(alpha' R): sum_j E|e_j - Z_j alpha u_j|^2 up to a constant. */
function objective(alpha: ArrayLike<number>, C: number[][], S: number[][], R: number[], q: number): number {
  let f = 0;
  C.forEach((c, j) => {
    const s = S[j]!;
    for (let i = 0; i < q; i++) {
      for (let k = 0; k < q; k++) {
        let cas = 0;
        for (let a = 0; a < q; a++)
          for (let b = 0; b < q; b++) cas += c[i * q + a]! * alpha[a * q + b]! * s[b * q + k]!;
        f += alpha[i * q + k]! * cas;
      }
    }
  });
  for (let i = 0; i < q * q; i++) f -= 2 * alpha[i]! * R[i]!;
  return f;
}

describe('expandVariance (PX-EM working parameter)', () => {
  const q = 3;
  const rnd = normalStream(3);
  const C = [spd(q, rnd), spd(q, rnd), spd(q, rnd), spd(q, rnd)];
  const S = [spd(q, rnd), spd(q, rnd), spd(q, rnd), spd(q, rnd)];
  const R = Array.from({ length: q * q }, rnd);
  const input = (diagonal: boolean) => ({
    q,
    clusters: [0, 1, 2, 3],
    ZtZ: Float64Array.from(C.flat()),
    S: Float64Array.from(S.flat()),
    R: Float64Array.from(R),
    diagonal,
  });

  it('solves sum_j C_j alpha S_j = R and reports the change of the objective from alpha = I', () => {
    const { alpha, change } = expandVariance(input(false))!;
    for (let i = 0; i < q; i++) {
      for (let k = 0; k < q; k++) {
        let lhs = 0;
        C.forEach((c, j) => {
          for (let a = 0; a < q; a++)
            for (let b = 0; b < q; b++) lhs += c[i * q + a]! * alpha[a * q + b]! * S[j]![b * q + k]!;
        });
        expect(lhs).toBeCloseTo(R[i * q + k]!, 10);
      }
    }
    const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    expect(change).toBeCloseTo(objective(alpha, C, S, R, q) - objective(identity, C, S, R, q), 9);
  });

  it('a diagonal alpha minimises the objective over diagonal matrices', () => {
    const { alpha, change } = expandVariance(input(true))!;
    expect([alpha[1], alpha[2], alpha[3], alpha[5], alpha[6], alpha[7]]).toEqual([0, 0, 0, 0, 0, 0]);
    const best = objective(alpha, C, S, R, q);
    for (let a = 0; a < q; a++) {
      const moved = Float64Array.from(alpha);
      moved[a * q + a]! += 1e-4;
      expect(objective(moved, C, S, R, q)).toBeGreaterThan(best);
    }
    expect(change).toBeCloseTo(best - objective([1, 0, 0, 0, 1, 0, 0, 0, 1], C, S, R, q), 9);
  });

  it('is the identity at the fixed point of the plain EM (so the fixed point is unchanged)', async () => {
    for (const reml of [false, true]) {
      const design = loadReferenceDesign('sleepstudy', reml ? 'REML' : 'ML');
      const learner = new LinearLearner();
      const fit = await fitMixedEm(design, learner, {
        estimator: reml ? 'reml' : 'ml',
        tol: 1e-14,
        maxIter: 2000,
        acceleration: 'none',
        expansion: 'off',
      });
      const problem = makeEmProblem(design, reml, false);
      const plain = updateVariances(
        problem,
        residualStats(problem, fit.fitted),
        Float64Array.from(fit.reCov.flat()),
        fit.sigma2,
      );
      const expanded = updateVariances(
        problem,
        residualStats(problem, fit.fitted),
        Float64Array.from(fit.reCov.flat()),
        fit.sigma2,
        true,
      );
      for (let i = 0; i < 4; i++) expect(expanded.Sigma[i]!).toBeCloseTo(plain.Sigma[i]!, 6);
      expect(expanded.sigma2).toBeCloseTo(plain.sigma2, 6);
    }
  });
});
