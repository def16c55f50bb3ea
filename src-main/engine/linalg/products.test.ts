import { describe, expect, it } from 'vitest';
import {
  addCrossprodUpper,
  addTcrossprod,
  dot,
  multiplyLowerRight,
  multiplyLowerTransposedLeft,
  symmetrizeFromUpper,
} from './products.ts';
import { denseMatrix, lowerMatrix, matmul, maxAbsDiff, transpose } from './testMatrices.ts';

// Odd and even sizes: the kernels take two terms at a time and finish odd ones apart.
const sizes = [1, 2, 5, 6];

describe('products', () => {
  for (const n of sizes) {
    const lo = lowerMatrix(n);

    it(`multiplyLowerRight: A Lo (n = ${n})`, () => {
      for (const rows of [1, 4]) {
        const a = denseMatrix(rows, n);
        const out = new Float64Array(rows * n).fill(9);
        multiplyLowerRight(a, rows, n, lo, out);
        expect(maxAbsDiff(out, matmul(a, lo, rows, n, n))).toBeLessThan(1e-14);
      }
    });

    it(`multiplyLowerTransposedLeft: Lo' B into a block at an offset (n = ${n})`, () => {
      for (const m of [1, 4, 7]) {
        const b = denseMatrix(n, m);
        const out = new Float64Array(2 + n * m).fill(7);
        multiplyLowerTransposedLeft(lo, n, b, m, out, 0, 0, 2);
        expect(out[0]).toBe(7);
        expect(maxAbsDiff(out.slice(2), matmul(transpose(lo, n, n), b, n, n, m))).toBeLessThan(1e-14);
      }
    });

    it(`addCrossprodUpper + symmetrizeFromUpper: accumulates A'A (n = ${n})`, () => {
      for (const rows of [1, 6, 7]) {
        const a = denseMatrix(rows, n);
        const out = new Float64Array(n * n).fill(1);
        addCrossprodUpper(a, rows, n, out);
        symmetrizeFromUpper(out, n);
        const expected = matmul(transpose(a, rows, n), a, n, rows, n).map((v) => v + 1);
        expect(maxAbsDiff(out, expected)).toBeLessThan(1e-13);
      }
    });

    it(`addTcrossprod: accumulates A A' (n = ${n})`, () => {
      for (const rows of [1, 3, 4]) {
        const a = denseMatrix(rows, n);
        const out = new Float64Array(rows * rows).fill(-1);
        addTcrossprod(a, rows, n, out);
        const expected = matmul(a, transpose(a, rows, n), rows, n, rows).map((v) => v - 1);
        expect(maxAbsDiff(out, expected)).toBeLessThan(1e-13);
      }
    });
  }

  it('dot: hand-computed, with offsets, odd and empty lengths', () => {
    const x = Float64Array.of(9, 1, 2, 3);
    const y = Float64Array.of(4, 5, 6, 9);
    expect(dot(x, 1, y, 0, 3)).toBe(1 * 4 + 2 * 5 + 3 * 6);
    expect(dot(x, 0, y, 0, 4)).toBe(36 + 5 + 12 + 27);
    expect(dot(x, 0, y, 0, 0)).toBe(0);
    expect(dot(Float64Array.of(NaN), 0, y, 0, 1)).toBeNaN();
  });
});
