import { describe, expect, it } from 'vitest';
import { LinearLearner } from '../learners/linear.ts';
import { loadReference, loadReferenceDesign, within } from '../testing/referenceCases.ts';
import { fitOob } from './fitOob.ts';

describe('fitOob with the exact linear learner', () => {
  it("reaches lme4's REML fit of sleepstudy", async () => {
    const design = loadReferenceDesign('sleepstudy');
    const learner = new LinearLearner();
    const fit = await fitOob(design, learner, { tol: 1e-8 });
    const ref = loadReference('sleepstudy').REML;
    expect(fit.converged).toBe(true);
    const fixef = learner.coefficients();
    for (const [k, v] of Object.entries(ref.fixef)) expect(within(fixef[k]!, v, 1e-3, 1), k).toBe(true);
    ref.re_cov.forEach((row, i) =>
      row.forEach((v, j) => expect(within(fit.reCov[i]![j]!, v, 1e-2, 0.01), `re_cov[${i}][${j}]`).toBe(true)),
    );
    expect(within(fit.sigma, ref.sigma, 1e-2, 0.01)).toBe(true);
    // The GLL falls towards the fixed point.
    expect(fit.gll.at(-1)!).toBeLessThanOrEqual(fit.gll[0]! + 1e-9 * Math.abs(fit.gll[0]!));
  });

  it("reaches lme4's REML fit of mlbook_main", async () => {
    const design = loadReferenceDesign('mlbook_main');
    const learner = new LinearLearner();
    const fit = await fitOob(design, learner, { tol: 1e-8 });
    const ref = loadReference('mlbook_main').REML;
    const fixef = learner.coefficients();
    for (const [k, v] of Object.entries(ref.fixef)) expect(within(fixef[k]!, v, 1e-3, 1), k).toBe(true);
    ref.re_cov.forEach((row, i) =>
      row.forEach((v, j) => expect(within(fit.reCov[i]![j]!, v, 1e-2, 0.01), `re_cov[${i}][${j}]`).toBe(true)),
    );
    expect(within(fit.sigma, ref.sigma, 1e-2, 0.01)).toBe(true);
  });

  it('stops when cancelled', async () => {
    const design = loadReferenceDesign('sleepstudy');
    await expect(fitOob(design, new LinearLearner(), { signal: { aborted: true } })).rejects.toThrow('cancelled');
  });
});
