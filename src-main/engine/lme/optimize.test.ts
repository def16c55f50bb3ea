import { describe, expect, it } from 'vitest';
import { optimize, type Objective, type OptimizeOptions } from './optimize.ts';

const options: OptimizeOptions = {
  maxIterations: 500,
  gradientTolerance: 1e-8,
  relativeTolerance: 1e-14,
};

const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0]!, x[1]!];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('optimize', () => {
  it('finds the minimum of the Rosenbrock function (1, 1)', () => {
    const r = optimize(rosenbrock, [-1.2, 1], options);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-6);
    expect(r.evaluations).toBeGreaterThanOrEqual(r.iterations);
  });

  it('holds fixed coordinates', () => {
    const seen: number[] = [];
    const f: Objective = (x, g) => {
      seen.push(x[1]!);
      g[0] = 2 * x[0]!;
      g[1] = 2 * (x[1]! - 3);
      return x[0]! ** 2 + (x[1]! - 3) ** 2;
    };
    const r = optimize(f, [2, -1], { ...options, fixed: [false, true] });
    expect(r.converged).toBe(true);
    expect(seen.every((v) => v === -1)).toBe(true);
    expect(Math.abs(r.x[0]!)).toBeLessThan(1e-8);
    // The gradient of the held coordinate does not count towards convergence.
    expect(r.gradient[1]).toBeCloseTo(-8, 8);
    expect(r.projectedGradient).toBeLessThan(1e-8);
  });

  it('refines a first step that overshoots: min (x - 0.1)^2 from x = 1 in one iteration', () => {
    // The unit move lands on x = 0, past the minimum; the cubic through both ends' values and slopes is exact for a
    // quadratic, so the refined step lands on 0.1.
    const f: Objective = (x, g) => {
      g[0] = 2 * (x[0]! - 0.1);
      return (x[0]! - 0.1) ** 2;
    };
    const r = optimize(f, [1], options);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBe(1);
    expect(r.evaluations).toBe(3);
    expect(Math.abs(r.x[0]! - 0.1)).toBeLessThan(1e-12);
  });

  it('reports a non-finite start and an iteration limit as not converged', () => {
    const nan: Objective = (_x, g) => {
      g.fill(NaN);
      return NaN;
    };
    const r = optimize(nan, [0, 0], options);
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/not finite/);
    const short = optimize(rosenbrock, [-1.2, 1], { ...options, maxIterations: 3 });
    expect(short.converged).toBe(false);
    expect(short.iterations).toBe(3);
  });

  it('reports progress once per iteration with a decreasing criterion', () => {
    const values: number[] = [];
    const r = optimize(rosenbrock, [-1.2, 1], { ...options, onProgress: (p) => values.push(p.value) });
    expect(values.length).toBeGreaterThanOrEqual(r.iterations - 1);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
  });
});
