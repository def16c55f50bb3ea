import { describe, expect, it } from 'vitest';
import { loadReference, loadReferenceDesign, referenceNames } from '../testing/referenceCases.ts';
import { makeClusterBlocks } from './clusterBlocks.ts';
import { makeDeviance } from './deviance.ts';

const estimators = ['REML', 'ML'] as const;

describe('makeDeviance', () => {
  it('lays theta out as lme4 does, with lower bounds 0 on the diagonal', () => {
    const blocks = makeClusterBlocks(loadReferenceDesign('mlbook_main'));
    const full = makeDeviance(blocks, { reml: true, diagonal: false });
    expect(full.size).toBe(6);
    expect(Array.from(full.thetaRow)).toEqual([0, 1, 2, 1, 2, 2]);
    expect(Array.from(full.thetaCol)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(Array.from(full.lower)).toEqual([0, -Infinity, -Infinity, 0, -Infinity, 0]);
    const diagonal = makeDeviance(blocks, { reml: true, diagonal: true });
    expect(Array.from(diagonal.thetaRow)).toEqual([0, 1, 2]);
    expect(Array.from(diagonal.lower)).toEqual([0, 0, 0]);
  });

  // STYLE.md: the objective at fixed parameters, lme4's REMLfun(theta).
  for (const name of referenceNames) {
    for (const estimator of estimators) {
      it(`${name} ${estimator}: the criterion at lme4's theta is lme4's criterion`, () => {
        const ref = loadReference(name)[estimator];
        const deviance = makeDeviance(makeClusterBlocks(loadReferenceDesign(name, estimator)), {
          reml: estimator === 'REML',
          diagonal: false,
        });
        const value = deviance.evaluate(ref.theta);
        expect(Math.abs(value - ref.criterion), `ours ${value}, lme4 ${ref.criterion}`).toBeLessThan(
          1e-8 * Math.abs(ref.criterion),
        );
      });
    }
  }

  for (const [name, diagonal] of [
    ['sleepstudy', false],
    ['sleepstudy', true],
    ['mlbook_table5', false],
    ['sim_linear', false],
  ] as const) {
    for (const estimator of estimators) {
      it(`${name} ${estimator}${diagonal ? ' diagonal' : ''}: gradient = central finite differences`, () => {
        const deviance = makeDeviance(makeClusterBlocks(loadReferenceDesign(name, estimator)), {
          reml: estimator === 'REML',
          diagonal,
        });
        // Away from the optimum (where the gradient is ~0 and says little) and with off-diagonal entries.
        const theta = Float64Array.from({ length: deviance.size }, (_, t) =>
          deviance.lower[t] === 0 ? 0.6 + 0.2 * Math.sin(t) : 0.1 * Math.cos(3 * t),
        );
        const gradient = new Float64Array(deviance.size);
        deviance.evaluate(theta, gradient);
        const h = 1e-5;
        const errors: string[] = [];
        for (let t = 0; t < deviance.size; t++) {
          const up = theta.slice();
          const down = theta.slice();
          up[t]! += h;
          down[t]! -= h;
          const fd = (deviance.evaluate(up) - deviance.evaluate(down)) / (2 * h);
          if (Math.abs(fd - gradient[t]!) > 1e-5 * Math.max(1, Math.abs(fd))) {
            errors.push(`theta[${t}]: analytic ${gradient[t]}, finite difference ${fd}`);
          }
        }
        expect(errors).toEqual([]);
      });
    }
  }

  it('the penalised RSS from the blocks equals the one computed from the rows (sleepstudy)', () => {
    const design = loadReferenceDesign('sleepstudy');
    const theta = [0.9, 0.02, 0.25];
    const fit = makeDeviance(makeClusterBlocks(design), { reml: true, diagonal: false }).profile(theta);
    const { n, p, q, X, Z, y, group } = design;
    let rss = 0;
    for (let r = 0; r < n; r++) {
      let e = y[r]!;
      for (let i = 0; i < p; i++) e -= X[r * p + i]! * fit.beta[i]!;
      for (let a = 0; a < q; a++) e -= Z[r * q + a]! * fit.ranef[group[r]! * q + a]!;
      rss += e * e;
    }
    // |v_j|^2 with Lambda v_j = u_j, Lambda = [[0.9, 0], [0.02, 0.25]].
    for (let j = 0; j < design.J; j++) {
      const v0 = fit.ranef[j * q]! / 0.9;
      const v1 = (fit.ranef[j * q + 1]! - 0.02 * v0) / 0.25;
      rss += v0 * v0 + v1 * v1;
    }
    expect(Math.abs(rss - fit.r2)).toBeLessThan(1e-9 * fit.r2);
  });

  it('returns Infinity for a non-finite theta', () => {
    const deviance = makeDeviance(makeClusterBlocks(loadReferenceDesign('sleepstudy')), {
      reml: false,
      diagonal: false,
    });
    const gradient = new Float64Array(3);
    expect(deviance.evaluate([NaN, 0, 1], gradient)).toBe(Infinity);
    expect(gradient.every(Number.isNaN)).toBe(true);
  });
});
