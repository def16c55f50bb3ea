import { describe, expect, it } from 'vitest';
import { nextStepMax, squaremDefaults, squaremExtrapolate } from './squarem.ts';

describe('squaremExtrapolate (scheme S3)', () => {
  it('lands on the fixed point of a linear contraction in one cycle', () => {
    // M(x) = x* + A (x - x*) with A = a I: r = (a-1) d, v = (a-1)^2 d, alpha = 1 / (1 - a) gives x*.
    const fixed = Float64Array.of(3, -1, 2);
    const map = (x: Float64Array) => x.map((v, i) => fixed[i]! + 0.9 * (v - fixed[i]!));
    const x0 = Float64Array.of(10, 10, 10);
    const x1 = map(x0);
    const { x, alpha } = squaremExtrapolate(x0, x1, map(x1), 100);
    expect(alpha).toBeCloseTo(10, 10);
    x.forEach((v, i) => expect(v).toBeCloseTo(fixed[i]!, 10));
  });

  it('clamps the step to [1, stepMax]; step 1 is the plain double step', () => {
    const x0 = Float64Array.of(0);
    const x1 = Float64Array.of(0.9);
    const x2 = Float64Array.of(1.71);
    expect(squaremExtrapolate(x0, x1, x2, 4).alpha).toBe(4);
    const plain = squaremExtrapolate(x0, x1, x2, 1);
    expect(plain.alpha).toBe(1);
    expect(plain.x[0]).toBeCloseTo(1.71, 14);
    expect(squaremExtrapolate(x0, x0, x0, 4)).toEqual({ x: x0, alpha: 1 });
  });

  it('grows the bound after a step at the bound and shrinks it after a rejection', () => {
    expect(nextStepMax(4, 4, true, squaremDefaults)).toBe(16);
    expect(nextStepMax(4, 4, false, squaremDefaults)).toBe(1);
    expect(nextStepMax(16, 3, false, squaremDefaults)).toBe(16);
  });
});
