// Cholesky factor of a positive semi-definite matrix, the lme4 Lambda of MATH.md section 2 (Sigma = sigma2 Lambda
// Lambda'), with zero columns for the directions in which Sigma is singular, and solves that skip those directions.

/**
 * Overwrites the n x n block with L, L L' = A on the directions where A has variance: a pivot at most `relTol` times
 * A's largest diagonal (or negative) is a zero direction and its whole column of L is set to 0. Returns the rank, or
 * -1 (block partly overwritten) when A holds a value that is not finite.
 */
export function choleskyPsdInPlace(a: Float64Array, n: number, relTol = 1e-12): number {
  let maxDiag = 0;
  for (let i = 0; i < n * n; i++) if (!Number.isFinite(a[i])) return -1;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, a[i * n + i]!);
  const tol = relTol * maxDiag;
  let rank = 0;
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j]!;
    for (let k = 0; k < j; k++) d -= a[rowJ + k]! * a[rowJ + k]!;
    for (let k = j + 1; k < n; k++) a[rowJ + k] = 0;
    if (d <= tol) {
      for (let i = j; i < n; i++) a[i * n + j] = 0;
      continue;
    }
    rank++;
    const ljj = Math.sqrt(d);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = s / ljj;
    }
  }
  return rank;
}

/**
 * B <- L^- B for an n x m block B (forward substitution); a zero diagonal of L gives a zero row: the component of B
 * along a direction without variance is dropped, which is how MATH.md treats u' Sigma^-1 u for a singular Sigma.
 */
export function solveLowerPsd(l: Float64Array, n: number, b: Float64Array, m: number, bOff = 0): void {
  for (let i = 0; i < n; i++) {
    const rowI = bOff + i * m;
    const lii = l[i * n + i]!;
    if (lii === 0) {
      for (let c = 0; c < m; c++) b[rowI + c] = 0;
      continue;
    }
    for (let k = 0; k < i; k++) {
      const lik = l[i * n + k]!;
      if (lik === 0) continue;
      const rowK = bOff + k * m;
      for (let c = 0; c < m; c++) b[rowI + c]! -= lik * b[rowK + c]!;
    }
    const inv = 1 / lii;
    for (let c = 0; c < m; c++) b[rowI + c]! *= inv;
  }
}

/** Sum of log L_ii^2 over the non-zero diagonal: log det of A restricted to its non-zero directions. */
export function logDetPsd(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const lii = l[i * n + i]!;
    if (lii > 0) s += 2 * Math.log(lii);
  }
  return s;
}

/** B <- L^-T B (back substitution), with the same zero rows as solveLowerPsd: together they apply A's pseudo-inverse. */
export function solveLowerTransposedPsd(l: Float64Array, n: number, b: Float64Array, m: number, bOff = 0): void {
  for (let i = n - 1; i >= 0; i--) {
    const rowI = bOff + i * m;
    const lii = l[i * n + i]!;
    if (lii === 0) {
      for (let c = 0; c < m; c++) b[rowI + c] = 0;
      continue;
    }
    for (let k = i + 1; k < n; k++) {
      const lki = l[k * n + i]!;
      if (lki === 0) continue;
      const rowK = bOff + k * m;
      for (let c = 0; c < m; c++) b[rowI + c]! -= lki * b[rowK + c]!;
    }
    const inv = 1 / lii;
    for (let c = 0; c < m; c++) b[rowI + c]! *= inv;
  }
}
