// Products of row-major blocks (README.md) that the per-cluster algebra needs, exploiting a lower-triangular factor
// where there is one. `out` never aliases an input.

/** out (rows x n) = A (rows x n) times the lower-triangular n x n block Lo. */
export function multiplyLowerRight(
  a: Float64Array,
  rows: number,
  n: number,
  lo: Float64Array,
  out: Float64Array,
  aOff = 0,
  loOff = 0,
  outOff = 0,
): void {
  for (let i = 0; i < rows; i++) {
    const ai = aOff + i * n;
    const oi = outOff + i * n;
    for (let k = 0; k < n; k++) {
      // Lo[m][k] = 0 for m < k.
      let s = 0;
      for (let m = k; m < n; m++) s += a[ai + m]! * lo[loOff + m * n + k]!;
      out[oi + k] = s;
    }
  }
}

/** out (n x m) = Lo' B for the lower-triangular n x n block Lo and an n x m block B. */
export function multiplyLowerTransposedLeft(
  lo: Float64Array,
  n: number,
  b: Float64Array,
  m: number,
  out: Float64Array,
  loOff = 0,
  bOff = 0,
  outOff = 0,
): void {
  for (let i = 0; i < n; i++) {
    const oi = outOff + i * m;
    for (let c = 0; c < m; c++) out[oi + c] = 0;
    // (Lo' B)[i] = sum_{k >= i} Lo[k][i] B[k].
    for (let k = i; k < n; k++) {
      const lki = lo[loOff + k * n + i]!;
      if (lki === 0) continue;
      const bk = bOff + k * m;
      for (let c = 0; c < m; c++) out[oi + c]! += lki * b[bk + c]!;
    }
  }
}

/** out (n x n) += A'A for a rows x n block A; only the upper triangle (k >= i) of `out` is updated. */
export function addCrossprodUpper(
  a: Float64Array,
  rows: number,
  n: number,
  out: Float64Array,
  aOff = 0,
  outOff = 0,
): void {
  for (let r = 0; r < rows; r++) {
    const ar = aOff + r * n;
    for (let i = 0; i < n; i++) {
      const ari = a[ar + i]!;
      if (ari === 0) continue;
      const oi = outOff + i * n;
      for (let k = i; k < n; k++) out[oi + k]! += ari * a[ar + k]!;
    }
  }
}

/** Copies the upper triangle of an n x n block onto its lower triangle. */
export function symmetrizeFromUpper(a: Float64Array, n: number, off = 0): void {
  for (let i = 1; i < n; i++) for (let k = 0; k < i; k++) a[off + i * n + k] = a[off + k * n + i]!;
}
