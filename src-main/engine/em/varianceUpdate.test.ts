import { describe, expect, it } from 'vitest';
import { loadReference, loadReferenceDesign, referenceNames } from '../testing/referenceCases.ts';
import { makeEmProblem } from './emProblem.ts';
import { residualStats } from './residualStats.ts';
import { denseEmUpdate } from './testSupport/denseModel.ts';
import { makeToyDesign, normalStream } from './testSupport/toyDesign.ts';
import { updateVariances } from './varianceUpdate.ts';

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

describe('updateVariances (MATH.md section 2, steps 2-4) against the dense formulas with n_j x n_j V_j and P_j', () => {
  // Unequal clusters, one of a single row; f(X) is deliberately not the least-squares fit.
  const design = makeToyDesign([1, 4, 7, 3, 6, 2], 3, 2, 11);
  const rnd = normalStream(5);
  const fitted = Float64Array.from(design.y, (v) => v + 0.5 * rnd());
  const e = Float64Array.from(design.y, (v, r) => v - fitted[r]!);
  const cases: [string, number[][]][] = [
    [
      'positive definite',
      [
        [1.3, 0.4],
        [0.4, 0.7],
      ],
    ],
    [
      'singular (rank 1)',
      [
        [1, 0.5],
        [0.5, 0.25],
      ],
    ],
    [
      'zero',
      [
        [0, 0],
        [0, 0],
      ],
    ],
  ];
  for (const reml of [false, true]) {
    for (const [label, Sigma] of cases) {
      it(`${reml ? 'REML' : 'ML'}, Sigma ${label}`, () => {
        const problem = makeEmProblem(design, reml, false);
        const got = updateVariances(problem, residualStats(problem, fitted), Float64Array.from(Sigma.flat()), 0.8);
        const want = denseEmUpdate(design, e, Sigma, 0.8, reml);
        expect(maxRelDiff(got.u, want.u.flat())).toBeLessThan(1e-10);
        expect(maxRelDiff(got.Sigma, want.Sigma.flat())).toBeLessThan(1e-10);
        expect(Math.abs(got.sigma2 - want.sigma2) / want.sigma2).toBeLessThan(1e-10);
        expect(Math.abs(got.criterion - want.criterion) / Math.abs(want.criterion)).toBeLessThan(1e-10);
      });
    }
  }

  it('diagonal structure keeps only the diagonal of the update', () => {
    const problem = makeEmProblem(design, true, true);
    const Sigma = [
      [1.3, 0],
      [0, 0.7],
    ];
    const got = updateVariances(problem, residualStats(problem, fitted), Float64Array.from(Sigma.flat()), 0.8);
    const want = denseEmUpdate(design, e, Sigma, 0.8, true).Sigma;
    expect(Array.from(got.Sigma)).toEqual([expect.closeTo(want[0]![0]!, 10), 0, 0, expect.closeTo(want[1]![1]!, 10)]);
  });
});

describe('the criterion at lme4 estimates equals lme4 criterion (reference README)', () => {
  for (const name of referenceNames) {
    for (const est of ['ML', 'REML'] as const) {
      it(`${name} ${est}`, () => {
        const ref = loadReference(name)[est];
        const design = loadReferenceDesign(name, est);
        const problem = makeEmProblem(design, est === 'REML', false);
        const fitted = new Float64Array(design.n);
        for (let r = 0; r < design.n; r++) {
          for (let k = 0; k < design.p; k++) fitted[r]! += design.X[r * design.p + k]! * ref.fixef[design.xNames[k]!]!;
        }
        const Sigma = Float64Array.from(ref.re_cov.flat());
        const { criterion } = updateVariances(problem, residualStats(problem, fitted), Sigma, ref.sigma ** 2);
        expect(Math.abs(criterion - ref.criterion)).toBeLessThan(1e-8 * Math.abs(ref.criterion));
      });
    }
  }
});
