import { describe, expect, it } from 'vitest';
import {
  addCrossprodUpper,
  multiplyLowerRight,
  multiplyLowerTransposedLeft,
  symmetrizeFromUpper,
} from './products.ts';
import { denseMatrix, lowerMatrix, matmul, maxAbsDiff, transpose } from './testMatrices.ts';

describe('products', () => {
  const n = 5;
  const lo = lowerMatrix(n);

  it('multiplyLowerRight: A Lo', () => {
    const a = denseMatrix(3, n);
    const out = new Float64Array(3 * n);
    multiplyLowerRight(a, 3, n, lo, out);
    expect(maxAbsDiff(out, matmul(a, lo, 3, n, n))).toBeLessThan(1e-14);
  });

  it("multiplyLowerTransposedLeft: Lo' B, into a block at an offset", () => {
    const b = denseMatrix(n, 4);
    const out = new Float64Array(2 + n * 4).fill(7);
    multiplyLowerTransposedLeft(lo, n, b, 4, out, 0, 0, 2);
    expect(maxAbsDiff(out.slice(2), matmul(transpose(lo, n, n), b, n, n, 4))).toBeLessThan(1e-14);
  });

  it("addCrossprodUpper + symmetrizeFromUpper: accumulates A'A", () => {
    const a = denseMatrix(7, n);
    const out = new Float64Array(n * n).fill(1);
    addCrossprodUpper(a, 7, n, out);
    symmetrizeFromUpper(out, n);
    const expected = matmul(transpose(a, 7, n), a, n, 7, n).map((v) => v + 1);
    expect(maxAbsDiff(out, expected)).toBeLessThan(1e-13);
  });
});
