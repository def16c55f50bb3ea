// In-place Cholesky factorisation A = L L' of a symmetric positive-definite block and the log-determinant from it.
// Row-major n x n blocks at an offset (see README.md); only the lower triangle of A is read.

/**
 * Overwrites the n x n block of `a` at `off` with L (lower triangle; the strict upper triangle is zeroed).
 * Returns false, leaving the block partly overwritten, when A is not numerically positive definite or holds NaN.
 */
export function choleskyInPlace(a: Float64Array, n: number, off = 0): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = off + j * n;
    let d = a[rowJ + j]!;
    for (let k = 0; k < j; k++) d -= a[rowJ + k]! * a[rowJ + k]!;
    // `!(d > 0)` also catches NaN.
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = off + i * n;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) a[rowJ + k] = 0;
  }
  return true;
}

/** log det(L L') = 2 sum log L_ii for a Cholesky factor L. */
export function logDetFromCholesky(l: Float64Array, n: number, off = 0): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[off + i * n + i]!);
  return 2 * s;
}

/** (L L')^-1 into the n x n block of `out` at `outOff` (full, symmetric), from the Cholesky factor L. */
export function inverseFromCholesky(l: Float64Array, n: number, out: Float64Array, lOff = 0, outOff = 0): void {
  // First the lower triangle of W = L^-1 (row i of W solves from rows < i), stored in the upper part of `out`
  // transposed, i.e. out[k][i] = W[i][k]; then (L L')^-1 = W'W, whose lower triangle overwrites the rest.
  for (let i = 0; i < n; i++) {
    const lii = l[lOff + i * n + i]!;
    out[outOff + i * n + i] = 1 / lii;
    for (let k = 0; k < i; k++) {
      // W[i][k] = -(sum_{m=k}^{i-1} L[i][m] W[m][k]) / L[i][i]
      let s = 0;
      for (let m = k; m < i; m++) s += l[lOff + i * n + m]! * out[outOff + k * n + m]!;
      out[outOff + k * n + i] = -s / lii;
    }
  }
  // (W'W)[i][k] = sum_{m >= max(i,k)} W[m][i] W[m][k]; W[m][i] is at out[i][m]. Fill the lower triangle (i >= k) in
  // increasing i: entries out[i][m] for m >= i that it reads are in the upper part, still intact.
  for (let i = 0; i < n; i++) {
    for (let k = 0; k <= i; k++) {
      let s = 0;
      for (let m = i; m < n; m++) s += out[outOff + i * n + m]! * out[outOff + k * n + m]!;
      out[outOff + i * n + k] = s;
    }
  }
  for (let i = 0; i < n; i++) for (let k = i + 1; k < n; k++) out[outOff + i * n + k] = out[outOff + k * n + i]!;
}
