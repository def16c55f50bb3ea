import { describe, expect, it } from 'vitest';
import { solveLower, solveLowerTransposed, solveLowerTransposedRight } from './triangularSolve.ts';
import { denseMatrix, lowerMatrix, matmul, maxAbsDiff, transpose } from './testMatrices.ts';

const n = 6;
const m = 4;
const l = lowerMatrix(n);

describe('triangular solves', () => {
  it('solveLower: L X = B', () => {
    const b = denseMatrix(n, m);
    const x = b.slice();
    solveLower(l, n, x, m);
    expect(maxAbsDiff(matmul(l, x, n, n, m), b)).toBeLessThan(1e-12);
  });

  it("solveLowerTransposed: L' X = B, on blocks at offsets", () => {
    const b = denseMatrix(n, m);
    const lBuf = new Float64Array(5 + n * n);
    lBuf.set(l, 5);
    const xBuf = new Float64Array(7 + n * m);
    xBuf.set(b, 7);
    solveLowerTransposed(lBuf, n, xBuf, m, 5, 7);
    expect(maxAbsDiff(matmul(transpose(l, n, n), xBuf.slice(7), n, n, m), b)).toBeLessThan(1e-12);
  });

  it("solveLowerTransposedRight: X L' = B", () => {
    const b = denseMatrix(m, n);
    const x = b.slice();
    solveLowerTransposedRight(l, n, x, m);
    expect(maxAbsDiff(matmul(x, transpose(l, n, n), m, n, n), b)).toBeLessThan(1e-12);
  });

  it('1 x 1 systems divide, a zero diagonal gives non-finite values', () => {
    const x = Float64Array.of(6, 9);
    solveLower(Float64Array.of(3), 1, x, 2);
    expect(Array.from(x)).toEqual([2, 3]);
    const y = Float64Array.of(1);
    solveLowerTransposed(Float64Array.of(0), 1, y, 1);
    expect(Number.isFinite(y[0])).toBe(false);
  });
});
