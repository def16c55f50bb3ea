// Solves with a lower-triangular n x n factor L (e.g. from choleskyInPlace), in place, on row-major blocks (README.md).
// Left solves act on the m columns of an n x m block B; right solves act on each row of a rows x n block.
// Inner loops take two terms (or two rows) at a time: see products.ts.

/** B <- L^-1 B (forward substitution), B an n x m block at `bOff`. */
export function solveLower(l: Float64Array, n: number, b: Float64Array, m: number, lOff = 0, bOff = 0): void {
  for (let i = 0; i < n; i++) {
    const rowI = bOff + i * m;
    const li = lOff + i * n;
    let k = 0;
    for (; k + 1 < i; k += 2) {
      const l0 = l[li + k]!;
      const l1 = l[li + k + 1]!;
      const r0 = bOff + k * m;
      const r1 = r0 + m;
      for (let c = 0; c < m; c++) b[rowI + c]! -= l0 * b[r0 + c]! + l1 * b[r1 + c]!;
    }
    if (k < i) {
      const l0 = l[li + k]!;
      const r0 = bOff + k * m;
      for (let c = 0; c < m; c++) b[rowI + c]! -= l0 * b[r0 + c]!;
    }
    const inv = 1 / l[li + i]!;
    for (let c = 0; c < m; c++) b[rowI + c]! *= inv;
  }
}

/** B <- L^-T B (back substitution with the transpose), B an n x m block at `bOff`. */
export function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array, m: number, lOff = 0, bOff = 0): void {
  for (let i = n - 1; i >= 0; i--) {
    const rowI = bOff + i * m;
    let k = i + 1;
    for (; k + 1 < n; k += 2) {
      const l0 = l[lOff + k * n + i]!;
      const l1 = l[lOff + (k + 1) * n + i]!;
      const r0 = bOff + k * m;
      const r1 = r0 + m;
      for (let c = 0; c < m; c++) b[rowI + c]! -= l0 * b[r0 + c]! + l1 * b[r1 + c]!;
    }
    if (k < n) {
      const l0 = l[lOff + k * n + i]!;
      const r0 = bOff + k * m;
      for (let c = 0; c < m; c++) b[rowI + c]! -= l0 * b[r0 + c]!;
    }
    const inv = 1 / l[lOff + i * n + i]!;
    for (let c = 0; c < m; c++) b[rowI + c]! *= inv;
  }
}

/** B <- B L^-T, B a rows x n block at `bOff`: each row r becomes (L^-1 r')'. */
export function solveLowerTransposedRight(
  l: Float64Array,
  n: number,
  b: Float64Array,
  rows: number,
  lOff = 0,
  bOff = 0,
): void {
  let r = 0;
  for (; r + 1 < rows; r += 2) {
    const x0 = bOff + r * n;
    const x1 = x0 + n;
    for (let i = 0; i < n; i++) {
      const li = lOff + i * n;
      let s0 = b[x0 + i]!;
      let s1 = b[x1 + i]!;
      for (let k = 0; k < i; k++) {
        const lik = l[li + k]!;
        s0 -= lik * b[x0 + k]!;
        s1 -= lik * b[x1 + k]!;
      }
      const inv = 1 / l[li + i]!;
      b[x0 + i] = s0 * inv;
      b[x1 + i] = s1 * inv;
    }
  }
  if (r < rows) {
    const x0 = bOff + r * n;
    for (let i = 0; i < n; i++) {
      const li = lOff + i * n;
      let s0 = b[x0 + i]!;
      for (let k = 0; k < i; k++) s0 -= l[li + k]! * b[x0 + k]!;
      b[x0 + i] = s0 / l[li + i]!;
    }
  }
}
