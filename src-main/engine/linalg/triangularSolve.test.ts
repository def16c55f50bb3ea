import { describe, expect, it } from 'vitest';
import { solveLower, solveLowerTransposed, solveLowerTransposedRight } from './triangularSolve.ts';
import { denseMatrix, lowerMatrix, matmul, maxAbsDiff, transpose } from './testMatrices.ts';

// Odd and even sizes: the solves take two terms (or rows) at a time and finish odd ones apart.
const sizes = [1, 2, 5, 6];
const widths = [1, 2, 3];

describe('triangular solves', () => {
  for (const n of sizes) {
    const l = lowerMatrix(n);

    it(`solveLower: L X = B (n = ${n})`, () => {
      for (const m of widths) {
        const b = denseMatrix(n, m);
        const x = b.slice();
        solveLower(l, n, x, m);
        expect(maxAbsDiff(matmul(l, x, n, n, m), b)).toBeLessThan(1e-12);
      }
    });

    it(`solveLowerTransposed: L' X = B, on blocks at offsets (n = ${n})`, () => {
      for (const m of widths) {
        const b = denseMatrix(n, m);
        const lBuf = new Float64Array(5 + n * n);
        lBuf.set(l, 5);
        const xBuf = new Float64Array(7 + n * m);
        xBuf.set(b, 7);
        solveLowerTransposed(lBuf, n, xBuf, m, 5, 7);
        expect(maxAbsDiff(matmul(transpose(l, n, n), xBuf.slice(7), n, n, m), b)).toBeLessThan(1e-12);
      }
    });

    it(`solveLowerTransposedRight: X L' = B (n = ${n})`, () => {
      for (const rows of widths) {
        const b = denseMatrix(rows, n);
        const x = b.slice();
        solveLowerTransposedRight(l, n, x, rows);
        expect(maxAbsDiff(matmul(x, transpose(l, n, n), rows, n, n), b)).toBeLessThan(1e-12);
      }
    });
  }

  it('1 x 1 systems divide; a zero diagonal gives non-finite values', () => {
    const x = Float64Array.of(6, 9);
    solveLower(Float64Array.of(3), 1, x, 2);
    expect(Array.from(x)).toEqual([2, 3]);
    const y = Float64Array.of(1);
    solveLowerTransposed(Float64Array.of(0), 1, y, 1);
    expect(Number.isFinite(y[0])).toBe(false);
  });
});
