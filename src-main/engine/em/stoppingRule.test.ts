import { describe, expect, it } from 'vitest';
import type { Features, Learner, LearnerFitOptions } from '../learners/learner.ts';
import { LinearLearner } from '../learners/linear.ts';
import { fitMixedEm } from './fitEm.ts';
import { fitOob } from './fitOob.ts';
import { emTolerance } from '../../../src-shared/defaults.ts';
import { meetsStoppingRule, stoppingRuleFor } from './stoppingRule.ts';
import { makeToyDesign, normalStream } from './testSupport/toyDesign.ts';

/**
 * Least squares plus seeded noise of SD `noise` on every fitted value, redrawn at every fit: a stand-in for a net
 * trained by SGD, whose fit is the minimiser only up to its training noise.
 */
class NoisyLinearLearner implements Learner {
  readonly kind = 'noisy_linear';
  readonly exact: boolean;
  private readonly inner = new LinearLearner();
  private perturbation = new Float64Array(0);

  constructor(
    private readonly noise: number,
    exact = false,
  ) {
    this.exact = exact;
  }

  async fit(X: Features, y: Float64Array, options: LearnerFitOptions = {}): Promise<void> {
    await this.inner.fit(X, y);
    const draw = normalStream(options.seed ?? 1);
    this.perturbation = Float64Array.from({ length: X.n }, () => this.noise * draw());
  }

  predict(X: Features): Float64Array {
    return this.inner.predict(X).map((f, i) => f + this.perturbation[i]!);
  }

  toJSON() {
    return this.inner.toJSON();
  }

  describe() {
    return { ...this.inner.describe(), kind: this.kind };
  }
}

describe('the stopping rule', () => {
  it("MATH.md section 2's two-sided rule for exact learners, with its tol 1e-6 by default", () => {
    const rule = stoppingRuleFor({ exact: true });
    expect(rule).toEqual({ rule: 'relative-change', tol: 1e-6 });
    expect(meetsStoppingRule(rule, 1000, 1000 - 0.9e-3)).toBe(true);
    expect(meetsStoppingRule(rule, 1000, 1000 + 0.9e-3)).toBe(true);
    expect(meetsStoppingRule(rule, 1000, 1000 - 1.1e-3)).toBe(false);
    expect(meetsStoppingRule(rule, 1000, 1000 + 1.1e-3)).toBe(false);
    expect(meetsStoppingRule(rule, -1000, -1000 + 1.1e-3)).toBe(false);
  });

  it('one-sided for the other learners: a rise stops, a fall stops only when it is within tol', () => {
    const rule = stoppingRuleFor({ exact: false });
    expect(rule).toEqual({ rule: 'no-decrease', tol: emTolerance.approximate });
    expect(meetsStoppingRule(rule, 1000, 1000 - 0.9)).toBe(true);
    expect(meetsStoppingRule(rule, 1000, 1000 - 1.1)).toBe(false);
    expect(meetsStoppingRule(rule, 1000, 1000 + 50)).toBe(true);
    expect(meetsStoppingRule(rule, -1000, -1000 - 1.1)).toBe(false);
    expect(meetsStoppingRule(rule, -1000, -1000 + 50)).toBe(true);
  });

  it("keeps the caller's tolerance and refuses one that is not positive", () => {
    expect(stoppingRuleFor({ exact: false }, 1e-8)).toEqual({ rule: 'no-decrease', tol: 1e-8 });
    expect(stoppingRuleFor({ exact: true }, 1e-8)).toEqual({ rule: 'relative-change', tol: 1e-8 });
    expect(() => stoppingRuleFor({ exact: true }, 0)).toThrow(/positive/);
    expect(() => stoppingRuleFor({ exact: true }, Number.NaN)).toThrow(/positive/);
  });
});

describe('the EM stops for a learner with training noise', () => {
  const design = makeToyDesign(
    Array.from({ length: 30 }, () => 10),
    3,
    2,
    11,
  );
  const plain = { acceleration: 'none', expansion: 'off', maxIter: 60, seed: 1 } as const;

  it('declared exact, the noisy learner never meets the two-sided rule at 1e-6: the GLL cannot settle below its noise', async () => {
    const fit = await fitMixedEm(design, new NoisyLinearLearner(0.05, true), plain);
    expect(fit.stoppingRule).toBe('relative-change');
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(60);
    // The noise: GLL changes from one iteration to the next that are far above tol once the EM has settled.
    const late = fit.gll.slice(30);
    const changes = late.slice(1).map((g, i) => Math.abs(g - late[i]!) / Math.abs(late[i]!));
    expect(Math.max(...changes)).toBeGreaterThan(1e3 * 1e-6);
  });

  it('as a non-exact learner it converges under the one-sided rule, and reports the default tol it used', async () => {
    const fit = await fitMixedEm(design, new NoisyLinearLearner(0.05), plain);
    expect(fit.stoppingRule).toBe('no-decrease');
    expect(fit.tol).toBe(emTolerance.approximate);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(60);
    const [previous, last] = fit.gll.slice(-2) as [number, number];
    expect(previous - last).toBeLessThanOrEqual(fit.tol * Math.abs(previous));
    fit.gll.slice(0, -1).forEach((g, i) => {
      if (i > 0) expect(fit.gll[i - 1]! - g).toBeGreaterThan(fit.tol * Math.abs(fit.gll[i - 1]!));
    });
  });

  it('still ends, at the first rise, when the user asks for a tolerance below the noise', async () => {
    const fit = await fitMixedEm(design, new NoisyLinearLearner(0.05), { ...plain, tol: 1e-9 });
    expect(fit.tol).toBe(1e-9);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(60);
    expect(fit.gll.at(-1)!).toBeGreaterThan(fit.gll.at(-2)! - 1e-9 * Math.abs(fit.gll.at(-2)!));
  });

  it('OOB uses the same rule', async () => {
    const fit = await fitOob(design, new NoisyLinearLearner(0.05), { maxIter: 60, seed: 1 });
    expect(fit.stoppingRule).toBe('no-decrease');
    expect(fit.tol).toBe(emTolerance.approximate);
    expect(fit.converged).toBe(true);
  });

  it('the exact linear learner keeps MATH.md: relative-change at 1e-6 unless told otherwise', async () => {
    const byDefault = await fitMixedEm(design, new LinearLearner());
    expect(byDefault).toMatchObject({ stoppingRule: 'relative-change', tol: 1e-6, converged: true });
    const tight = await fitMixedEm(design, new LinearLearner(), { tol: 1e-10 });
    expect(tight.tol).toBe(1e-10);
  });
});
