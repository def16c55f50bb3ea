// Solves with a lower-triangular n x n factor L (e.g. from choleskyInPlace), in place, on row-major blocks (README.md).
// Left solves act on the m columns of an n x m block B; right solves act on each row of a rows x n block.

/** B <- L^-1 B (forward substitution), B an n x m block at `bOff`. */
export function solveLower(l: Float64Array, n: number, b: Float64Array, m: number, lOff = 0, bOff = 0): void {
  for (let i = 0; i < n; i++) {
    const rowI = bOff + i * m;
    for (let k = 0; k < i; k++) {
      const lik = l[lOff + i * n + k]!;
      if (lik === 0) continue;
      const rowK = bOff + k * m;
      for (let c = 0; c < m; c++) b[rowI + c]! -= lik * b[rowK + c]!;
    }
    const inv = 1 / l[lOff + i * n + i]!;
    for (let c = 0; c < m; c++) b[rowI + c]! *= inv;
  }
}

/** B <- L^-T B (back substitution with the transpose), B an n x m block at `bOff`. */
export function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array, m: number, lOff = 0, bOff = 0): void {
  for (let i = n - 1; i >= 0; i--) {
    const rowI = bOff + i * m;
    for (let k = i + 1; k < n; k++) {
      const lki = l[lOff + k * n + i]!;
      if (lki === 0) continue;
      const rowK = bOff + k * m;
      for (let c = 0; c < m; c++) b[rowI + c]! -= lki * b[rowK + c]!;
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
  for (let r = 0; r < rows; r++) {
    const row = bOff + r * n;
    for (let i = 0; i < n; i++) {
      let s = b[row + i]!;
      const li = lOff + i * n;
      for (let k = 0; k < i; k++) s -= l[li + k]! * b[row + k]!;
      b[row + i] = s / l[li + i]!;
    }
  }
}
