import { describe, expect, it } from 'vitest';
import { choleskyPsdInPlace, logDetPsd, solveLowerPsd, solveLowerTransposedPsd } from './psdCholesky.ts';

function llt(l: Float64Array, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let m = 0; m < n; m++) s += l[i * n + m]! * l[k * n + m]!;
      out.push(s);
    }
  }
  return out;
}

describe('choleskyPsdInPlace', () => {
  it("L L' = A for a positive-definite matrix, full rank", () => {
    const a = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];
    const l = Float64Array.from(a);
    expect(choleskyPsdInPlace(l, 3)).toBe(3);
    llt(l, 3).forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 12));
    expect(l[1]).toBe(0);
    expect(logDetPsd(l, 3)).toBeCloseTo(Math.log(4 * (5 * 3 - 1) - 2 * (2 * 3 - 0.4) + 0.4 * (2 - 5 * 0.4)), 12);
  });

  it("a singular matrix gets a zero column, L L' = A and the rank", () => {
    // v v' + w w' in 3-d: rank 2, the middle direction is a combination of the first.
    const v = [1, 2, 0];
    const w = [0, 0, 3];
    const a = v.flatMap((vi, i) => v.map((vk, k) => vi * vk + w[i]! * w[k]!));
    const l = Float64Array.from(a);
    expect(choleskyPsdInPlace(l, 3)).toBe(2);
    expect([l[4], l[7]]).toEqual([0, 0]);
    llt(l, 3).forEach((x, i) => expect(x).toBeCloseTo(a[i]!, 12));
    expect(logDetPsd(l, 3)).toBeCloseTo(Math.log(1 * 9), 12);
  });

  it('zero or negative pivots are zero directions; a value that is not finite is a failure', () => {
    expect(choleskyPsdInPlace(Float64Array.of(0, 0, 0, 0), 2)).toBe(0);
    expect(choleskyPsdInPlace(Float64Array.of(1, 0, 0, -1), 2)).toBe(1);
    expect(choleskyPsdInPlace(Float64Array.of(NaN, 0, 0, 1), 2)).toBe(-1);
    expect(choleskyPsdInPlace(Float64Array.of(1, Infinity, Infinity, 1), 2)).toBe(-1);
  });

  it('the solves apply the pseudo-inverse on the non-zero directions', () => {
    const l = Float64Array.of(4, 0, 0, 0, 0, 0, 0, 0, 9);
    choleskyPsdInPlace(l, 3);
    const b = Float64Array.of(8, 5, 18);
    solveLowerPsd(l, 3, b, 1);
    expect(Array.from(b)).toEqual([4, 0, 6]);
    solveLowerTransposedPsd(l, 3, b, 1);
    expect(Array.from(b)).toEqual([2, 0, 2]);
  });
});
