import { describe, expect, it } from 'vitest';
import { LinearLearner } from '../learners/linear.ts';
import { loadReference, loadReferenceDesign, within } from '../testing/referenceCases.ts';
import { fitMixedEm } from './fitEm.ts';
import { newClusterEffect, predictMixed } from './predict.ts';

describe('predictMixed (MATH.md section 4)', async () => {
  const design = loadReferenceDesign('sleepstudy');
  const ref = loadReference('sleepstudy').REML;
  const learner = new LinearLearner();
  const fit = await fitMixedEm(design, learner, { estimator: 'reml', tol: 1e-10 });
  const X = { values: design.X, n: design.n, p: design.p, names: design.xNames };
  const labels = Array.from(design.group, (j) => design.levels[j]!);

  it('within = f(x) + z u_j for trained clusters, lme4 conditional modes within 1e-2 * max(1, |v|)', () => {
    const pred = predictMixed(fit, { X, Z: design.Z, clusters: labels });
    ref.ranef.forEach((row, j) => row.forEach((v, a) => expect(within(fit.ranef[j]![a]!, v, 1e-2, 1)).toBe(true)));
    for (let r = 0; r < design.n; r++) {
      const u = fit.ranef[design.group[r]!]!;
      const zu = u[0]! * design.Z[r * 2]! + u[1]! * design.Z[r * 2 + 1]!;
      expect(pred.out[r]).toBeCloseTo(fit.fitted[r]!, 10);
      expect(pred.within[r]).toBeCloseTo(fit.fitted[r]! + zu, 10);
    }
    expect(new Set(pred.source)).toEqual(new Set(['trained']));
  });

  it("a new cluster with labelled rows gets the effects a trained cluster would have had (lme4's conditional modes)", () => {
    // Subject j's rows presented as an unseen cluster with their responses.
    for (const j of [0, 7, 17]) {
      const clusters = labels.map((l, r) => (design.group[r] === j ? 'new subject' : l));
      const pred = predictMixed(fit, { X, Z: design.Z, clusters, y: design.y });
      const u = pred.newClusters['new subject']!;
      ref.ranef[j]!.forEach((v, a) => expect(within(u[a]!, v, 1e-2, 1)).toBe(true));
      for (let r = 0; r < design.n; r++) {
        if (design.group[r] !== j) continue;
        expect(pred.source[r]).toBe('new');
        expect(pred.within[r]).toBeCloseTo(pred.out[r]! + u[0]! + u[1]! * design.Z[r * 2 + 1]!, 10);
      }
    }
  });

  it('uses only the labelled rows of a new cluster, and predicts out for a new cluster without labels', () => {
    const rows = Array.from({ length: design.n }, (_, r) => r).filter((r) => design.group[r] === 3);
    const clusters = labels.map((l, r) =>
      design.group[r] === 3 ? 'half labelled' : design.group[r] === 4 ? 'unlabelled' : l,
    );
    const y = Float64Array.from(design.y, (v, r) => (design.group[r] === 4 || rows.indexOf(r) >= 5 ? NaN : v));
    const pred = predictMixed(fit, { X, Z: design.Z, clusters, y });
    const ztz = new Float64Array(4);
    const zte = new Float64Array(2);
    for (const r of rows.slice(0, 5)) {
      const z = [1, design.Z[r * 2 + 1]!];
      for (let a = 0; a < 2; a++) {
        zte[a]! += z[a]! * (design.y[r]! - fit.fitted[r]!);
        for (let c = 0; c < 2; c++) ztz[a * 2 + c]! += z[a]! * z[c]!;
      }
    }
    const expected = newClusterEffect(fit.reCov, fit.sigma2, ztz, zte);
    expect(pred.newClusters['half labelled']![0]).toBeCloseTo(expected[0]!, 10);
    expect(pred.newClusters['half labelled']![1]).toBeCloseTo(expected[1]!, 10);
    expect(pred.newClusters).not.toHaveProperty('unlabelled');
    for (let r = 0; r < design.n; r++) {
      if (design.group[r] === 4) {
        expect(pred.source[r]).toBe('unknown');
        expect(pred.within[r]).toBe(pred.out[r]);
      }
    }
  });

  it("newClusterEffect is Sigma Z'(Z Sigma Z' + sigma2 I)^-1 e, here for one row and q = 1 by hand", () => {
    // u = s z e / (s z^2 + sigma2) with s = 2, z = 3, e = 4, sigma2 = 5: 24 / 23.
    const u = newClusterEffect([[2]], 5, Float64Array.of(9), Float64Array.of(12));
    expect(u[0]).toBeCloseTo(24 / 23, 14);
    expect(newClusterEffect([[0]], 5, Float64Array.of(9), Float64Array.of(12))[0]).toBe(0);
  });
});
