import { describe, expect, it } from 'vitest';
import { choleskyInPlace, inverseFromCholesky, logDetFromCholesky } from './cholesky.ts';
import { matmul, maxAbsDiff, spdMatrix, transpose } from './testMatrices.ts';

describe('choleskyInPlace', () => {
  it('flags NaN, a zero pivot, an indefinite and a singular matrix', () => {
    expect(choleskyInPlace(Float64Array.of(NaN), 1)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(0), 1)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(1, 1, 1, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(4, NaN, NaN, 4), 2)).toBe(false);
  });

  it('factorises a 1 x 1 matrix and an empty one', () => {
    const a = Float64Array.of(9);
    expect(choleskyInPlace(a, 1)).toBe(true);
    expect(a[0]).toBe(3);
    expect(choleskyInPlace(new Float64Array(0), 0)).toBe(true);
  });

  it("gives L L' = A with L lower triangular, for blocks at an offset", () => {
    for (const n of [2, 5, 12]) {
      const a = spdMatrix(n);
      const buffer = new Float64Array(3 + n * n);
      buffer.set(a, 3);
      expect(choleskyInPlace(buffer, n, 3)).toBe(true);
      const l = buffer.slice(3);
      for (let i = 0; i < n; i++) for (let k = i + 1; k < n; k++) expect(l[i * n + k]).toBe(0);
      const llt = matmul(l, transpose(l, n, n), n, n, n);
      expect(maxAbsDiff(llt, a), `n = ${n}`).toBeLessThan(1e-12 * n * n);
    }
  });

  it('reads only the lower triangle', () => {
    const a = spdMatrix(4);
    const garbage = a.slice();
    for (let i = 0; i < 4; i++) for (let k = i + 1; k < 4; k++) garbage[i * 4 + k] = 1e6;
    choleskyInPlace(a, 4);
    choleskyInPlace(garbage, 4);
    expect(maxAbsDiff(a, garbage)).toBe(0);
  });
});

describe('logDetFromCholesky', () => {
  it('gives log det A (hand-computed 2 x 2: det [[4, 2], [2, 3]] = 8)', () => {
    const a = Float64Array.of(4, 2, 2, 3);
    choleskyInPlace(a, 2);
    expect(logDetFromCholesky(a, 2)).toBeCloseTo(Math.log(8), 14);
  });
});

describe('inverseFromCholesky', () => {
  it('gives A^-1 with A A^-1 = I', () => {
    for (const n of [1, 3, 11]) {
      const a = spdMatrix(n);
      const l = a.slice();
      choleskyInPlace(l, n);
      const out = new Float64Array(2 + n * n);
      inverseFromCholesky(l, n, out, 0, 2);
      const product = matmul(a, out.slice(2), n, n, n);
      const identity = Float64Array.from({ length: n * n }, (_, t) => (Math.floor(t / n) === t % n ? 1 : 0));
      expect(maxAbsDiff(product, identity), `n = ${n}`).toBeLessThan(1e-12);
    }
  });
});
