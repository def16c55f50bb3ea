import { describe, expect, it } from 'vitest';
import type { MixedDesign } from '../design.ts';
import {
  loadReference,
  loadReferenceDesign,
  referenceNames,
  within,
  type ReferenceName,
} from '../testing/referenceCases.ts';
import { makeClusterBlocks } from './clusterBlocks.ts';
import { makeDeviance } from './deviance.ts';
import { fitLme } from './fitLme.ts';
import type { LmeFit } from './makeFitResult.ts';
import tightLme4 from './fixtures/tight_lme4.json' with { type: 'json' };

type Estimator = 'REML' | 'ML';
const estimators: Estimator[] = ['REML', 'ML'];

// STYLE.md: one cached fit per model for all the tests that read it.
const fits = new Map<string, LmeFit>();
function fitOf(name: ReferenceName, estimator: Estimator): LmeFit {
  const key = `${name} ${estimator}`;
  let fit = fits.get(key);
  if (!fit) {
    fit = fitLme(loadReferenceDesign(name, estimator), { reml: estimator === 'REML' });
    fits.set(key, fit);
    console.log(
      `fitLme ${key}: ${(fit.seconds * 1000).toFixed(0)} ms, ${fit.iterations} iterations, ` +
        `${fit.evaluations} evaluations (lme4 ${loadReference(name)[estimator].seconds} s)`,
    );
  }
  return fit;
}

/** Mismatches of `actual` against lme4 under README's rule |a - e| <= rel * max(floor, |e|), one line each. */
function mismatches(label: string, actual: number[], expected: number[], rel: number, floor: number): string[] {
  if (actual.length !== expected.length) return [`${label}: length ${actual.length}, lme4 ${expected.length}`];
  return actual.flatMap((a, i) =>
    within(a, expected[i]!, rel, floor)
      ? []
      : [
          `${label}[${i}]: ours ${a}, lme4 ${expected[i]}, diff ${a - expected[i]!}, tol ${rel} * max(${floor}, |lme4|)`,
        ],
  );
}

/**
 * lme4's reference fit is demonstrably not at the optimum: our criterion is lower by more than 1e-5 and the criterion's
 * projected gradient at lme4's theta (deviance.test.ts checks the gradient against finite differences) exceeds 0.1.
 */
function lme4StoppedShort(name: ReferenceName, estimator: Estimator, fit: LmeFit): boolean {
  const ref = loadReference(name)[estimator];
  if (!(fit.criterion < ref.criterion - 1e-5)) return false;
  const deviance = makeDeviance(makeClusterBlocks(loadReferenceDesign(name, estimator)), {
    reml: estimator === 'REML',
    diagonal: false,
  });
  const gradient = new Float64Array(deviance.size);
  deviance.evaluate(ref.theta, gradient);
  const projected = Array.from(gradient, (g, t) =>
    deviance.lower[t] === 0 && ref.theta[t] === 0 ? Math.min(g, 0) : g,
  );
  return Math.max(...projected.map(Math.abs)) > 0.1;
}

function withDesign(name: ReferenceName, change: (d: MixedDesign) => MixedDesign): MixedDesign {
  return change(loadReferenceDesign(name));
}

/** The reference design with only the first random effect (the intercept). */
function interceptOnly(d: MixedDesign): MixedDesign {
  const Z = Float64Array.from({ length: d.n }, (_, r) => d.Z[r * d.q]!);
  return { ...d, q: 1, Z, zNames: ['(Intercept)'] };
}

describe('fitLme against lme4', () => {
  // The speed target: lme4 takes 7.4 s on sim_linear; fit it first so its time includes the JIT warm-up.
  for (const name of ['sim_linear', ...referenceNames.filter((n) => n !== 'sim_linear')] as ReferenceName[]) {
    for (const estimator of estimators) {
      describe(`${name} ${estimator}`, () => {
        const ref = () => loadReference(name)[estimator];

        it('converges to a criterion no worse than lme4 + 1e-4', () => {
          const fit = fitOf(name, estimator);
          expect(fit.converged, fit.warnings.join('\n')).toBe(true);
          expect(fit.criterion, `ours ${fit.criterion}, lme4 ${ref().criterion}`).toBeLessThanOrEqual(
            ref().criterion + 1e-4,
          );
          expect(fit.logLik).toBeCloseTo(-fit.criterion / 2, 10);
        });

        it('matches fixed effects (1e-3) and their standard errors (1 %)', () => {
          const fit = fitOf(name, estimator);
          expect(fit.xNames).toEqual(Object.keys(ref().fixef));
          const errors = [
            ...mismatches('fixef', fit.fixef, Object.values(ref().fixef), 1e-3, 1),
            ...mismatches('fixef_se', fit.fixefSe, Object.values(ref().fixef_se), 1e-2, 0),
          ];
          expect(errors).toEqual([]);
        });

        it('matches re_cov and sigma (1e-2 relative, floor 0.01)', () => {
          const fit = fitOf(name, estimator);
          expect(mismatches('sigma', [fit.sigma], [ref().sigma], 1e-2, 0.01)).toEqual([]);
          const errors = mismatches('re_cov', fit.reCov.flat(), ref().re_cov.flat(), 1e-2, 0.01);
          if (errors.length > 0 && lme4StoppedShort(name, estimator, fit)) {
            // README: "being lower is fine: lme4's optimiser stops early". Where lme4's default optimiser stopped
            // short of the optimum, compare with lme4 itself run to convergence (fixtures/tight_lme4.R), under the
            // same tolerance. The differences from the shared reference are shown, not hidden.
            console.log(`${name} ${estimator}: lme4 stopped short of the optimum; differences:\n${errors.join('\n')}`);
            const tight = tightLme4[name as 'sim_linear' | 'mlbook_table5'][estimator];
            expect(fit.criterion).toBeLessThanOrEqual(tight.criterion + 1e-6);
            expect(mismatches('sigma (tight lme4)', [fit.sigma], [tight.sigma], 1e-2, 0.01)).toEqual([]);
            expect(mismatches('re_cov (tight lme4)', fit.reCov.flat(), tight.re_cov.flat(), 1e-2, 0.01)).toEqual([]);
            return;
          }
          expect(errors).toEqual([]);
        });

        it('matches conditional modes (1e-2, floor 1) and their variances (1e-2 relative)', () => {
          const fit = fitOf(name, estimator);
          const errors = [
            ...mismatches('ranef', fit.ranef.flat(), ref().ranef.flat(), 1e-2, 1),
            // Conditional variances can be ~1e-3 (mlbook's ses slope): relative, so that the check can fail there.
            ...mismatches(
              'ranef_condvar_diag',
              fit.ranefCondVarDiag.flat(),
              ref().ranef_condvar_diag.flat(),
              1e-2,
              1e-8,
            ),
          ];
          expect(errors).toEqual([]);
        });

        it('agrees on singularity, and a singular fit says which random effect', () => {
          const fit = fitOf(name, estimator);
          expect(fit.singular).toBe(ref().singular);
          expect(fit.warnings.some((w) => w.startsWith('Singular fit'))).toBe(ref().singular);
          if (ref().singular) {
            // lme4's theta puts the zero on the ses slope (the last diagonal entry).
            expect(fit.theta[fit.theta.length - 1]).toBe(0);
            expect(fit.warnings.join(' ')).toMatch(/random slope of 'ses'/);
          }
        });

        it("reports lme4's logLik, AIC and BIC (p + length(theta) + 1 parameters)", () => {
          const fit = fitOf(name, estimator);
          // lme4's own definition, for REML too: logLik = -criterion / 2.
          expect(ref().logLik).toBeCloseTo(-ref().criterion / 2, 8);
          expect(fit.logLik).toBeCloseTo(-fit.criterion / 2, 10);
          expect(fit.logLik).toBeGreaterThanOrEqual(ref().logLik - 5e-5);
          const k = fit.fixef.length + fit.theta.length + 1;
          expect(fit.df).toBe(k);
          expect(fit.aic).toBeCloseTo(-2 * fit.logLik + 2 * k, 8);
          expect(fit.bic).toBeCloseTo(-2 * fit.logLik + k * Math.log(ref().nobs), 8);
        });
      });
    }
  }

  // The speed target (20x lme4) is measured by `npm run bench`; a test only holds the optimiser's work down.
  it("sim_linear REML needs far fewer evaluations than lme4's BOBYQA (about 1,000)", () => {
    expect(fitOf('sim_linear', 'REML').evaluations).toBeLessThan(100);
  });
});

describe('fitLme, diagonal structure', () => {
  it('equals the unstructured fit for one random effect', () => {
    const design = withDesign('sleepstudy', interceptOnly);
    const full = fitLme(design, { reml: true, diagonal: false });
    const diagonal = fitLme(design, { reml: true, diagonal: true });
    expect(diagonal.structure).toBe('diagonal');
    expect(Math.abs(diagonal.criterion - full.criterion)).toBeLessThan(1e-8);
    expect(mismatches('theta', diagonal.theta, full.theta, 1e-6, 1)).toEqual([]);
    expect(mismatches('fixef', diagonal.fixef, full.fixef, 1e-6, 1)).toEqual([]);
  });

  it('sleepstudy: zero correlation, a criterion no lower than the unstructured one', () => {
    const fit = fitLme(loadReferenceDesign('sleepstudy'), { reml: true, diagonal: true });
    expect(fit.converged).toBe(true);
    expect(fit.theta.length).toBe(2);
    expect(fit.reCov[0]![1]).toBe(0);
    expect(fit.reCor[0]![1]).toBe(0);
    expect(fit.criterion).toBeGreaterThanOrEqual(fitOf('sleepstudy', 'REML').criterion);
  });

  it('follows the design when no structure is asked for', () => {
    const fit = fitLme({ ...loadReferenceDesign('sleepstudy'), diagonal: true }, { reml: false });
    expect(fit.structure).toBe('diagonal');
  });
});

describe('fitLme, random intercept', () => {
  it('reports the ICC Sigma_11 / (Sigma_11 + sigma2) only for an intercept-only model', () => {
    const fit = fitLme(withDesign('sleepstudy', interceptOnly), { reml: true });
    const tau2 = fit.reCov[0]![0]!;
    expect(fit.icc).toBeCloseTo(tau2 / (tau2 + fit.sigma ** 2), 12);
    expect(fitOf('sleepstudy', 'REML').icc).toBeUndefined();
  });
});

describe('fitLme, designs it cannot fit', () => {
  it('names a fixed effect that is a linear combination of the others', () => {
    const d = loadReferenceDesign('sleepstudy');
    const p = d.p + 1;
    const X = Float64Array.from({ length: d.n * p }, (_, t) => {
      const [r, c] = [Math.floor(t / p), t % p];
      return c < d.p ? d.X[r * d.p + c]! : 2 * d.X[r * d.p + 1]! - 3;
    });
    expect(() => fitLme({ ...d, p, X, xNames: [...d.xNames, 'twice'] }, { reml: true })).toThrow(
      /'twice' is a linear combination/,
    );
  });
});

describe('fitLme, progress', () => {
  it('reports every iteration and keeps the criterion trace', () => {
    const seen: number[] = [];
    const fit = fitLme(loadReferenceDesign('sleepstudy'), { reml: true, onProgress: (p) => seen.push(p.value) });
    expect(seen.length).toBeGreaterThan(0);
    expect(fit.optimizer.criterionTrace).toEqual(seen);
    expect(fit.optimizer.initialTheta).toEqual([1, 0, 1]);
  });
});
