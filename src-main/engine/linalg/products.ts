// Products of row-major blocks (README.md) that the per-cluster algebra needs, exploiting a lower-triangular factor
// where there is one. `out` never aliases an input. Inner loops take two terms at a time (see README.md).

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
    for (let k = 0; k < n; k++) out[oi + k] = 0;
    // Row i of the product = sum_m A[i][m] Lo[m][0..m] (Lo[m][k] = 0 for k > m).
    let m = 0;
    for (; m + 1 < n; m += 2) {
      const a0 = a[ai + m]!;
      const a1 = a[ai + m + 1]!;
      const l0 = loOff + m * n;
      const l1 = l0 + n;
      for (let k = 0; k <= m; k++) out[oi + k]! += a0 * lo[l0 + k]! + a1 * lo[l1 + k]!;
      out[oi + m + 1]! += a1 * lo[l1 + m + 1]!;
    }
    if (m < n) {
      const a0 = a[ai + m]!;
      const l0 = loOff + m * n;
      for (let k = 0; k <= m; k++) out[oi + k]! += a0 * lo[l0 + k]!;
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
    // Row i of Lo' B = sum_{k >= i} Lo[k][i] B[k].
    let k = i;
    for (; k + 1 < n; k += 2) {
      const l0 = lo[loOff + k * n + i]!;
      const l1 = lo[loOff + (k + 1) * n + i]!;
      const b0 = bOff + k * m;
      const b1 = b0 + m;
      for (let c = 0; c < m; c++) out[oi + c]! += l0 * b[b0 + c]! + l1 * b[b1 + c]!;
    }
    if (k < n) {
      const l0 = lo[loOff + k * n + i]!;
      const b0 = bOff + k * m;
      for (let c = 0; c < m; c++) out[oi + c]! += l0 * b[b0 + c]!;
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
  let r = 0;
  for (; r + 1 < rows; r += 2) {
    const a0 = aOff + r * n;
    const a1 = a0 + n;
    for (let i = 0; i < n; i++) {
      const x0 = a[a0 + i]!;
      const x1 = a[a1 + i]!;
      const oi = outOff + i * n;
      for (let k = i; k < n; k++) out[oi + k]! += x0 * a[a0 + k]! + x1 * a[a1 + k]!;
    }
  }
  if (r < rows) {
    const a0 = aOff + r * n;
    for (let i = 0; i < n; i++) {
      const x0 = a[a0 + i]!;
      const oi = outOff + i * n;
      for (let k = i; k < n; k++) out[oi + k]! += x0 * a[a0 + k]!;
    }
  }
}

/** Copies the upper triangle of an n x n block onto its lower triangle. */
export function symmetrizeFromUpper(a: Float64Array, n: number, off = 0): void {
  for (let i = 1; i < n; i++) for (let k = 0; k < i; k++) a[off + i * n + k] = a[off + k * n + i]!;
}

/** sum_k x[xOff + k] y[yOff + k] for k < len. */
export function dot(x: Float64Array, xOff: number, y: Float64Array, yOff: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let k = 0;
  for (; k + 1 < len; k += 2) {
    s0 += x[xOff + k]! * y[yOff + k]!;
    s1 += x[xOff + k + 1]! * y[yOff + k + 1]!;
  }
  if (k < len) s0 += x[xOff + k]! * y[yOff + k]!;
  return s0 + s1;
}

/** out (rows x rows) += A A' for a rows x n block A (full, symmetric). */
export function addTcrossprod(a: Float64Array, rows: number, n: number, out: Float64Array, aOff = 0, outOff = 0): void {
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k <= i; k++) {
      const s = dot(a, aOff + i * n, a, aOff + k * n, n);
      out[outOff + i * rows + k]! += s;
      if (k < i) out[outOff + k * rows + i]! += s;
    }
  }
}
