import { describe, expect, it } from 'vitest';
import { loadReference, loadReferenceDesign, within } from '../testing/referenceCases.ts';
import { conditionalVarianceDiag } from './conditionalVariance.ts';

describe('conditionalVarianceDiag', () => {
  it.each(['sleepstudy', 'mlbook_main'] as const)("equals lme4's condVar at lme4's estimates (%s)", (name) => {
    const ref = loadReference(name).REML;
    const ours = conditionalVarianceDiag(loadReferenceDesign(name), ref.re_cov, ref.sigma ** 2);
    ref.ranef_condvar_diag.forEach((row, j) =>
      row.forEach((v, a) =>
        expect(within(ours[j]![a]!, v, 1e-6, 1e-8), `${j},${a}: ${ours[j]![a]} vs ${v}`).toBe(true),
      ),
    );
  });
});
