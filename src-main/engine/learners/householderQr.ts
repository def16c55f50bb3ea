// Householder QR of a tall row-major n x p matrix, kept so that Q' can be applied to many right-hand sides: the
// exact least squares of the linear learner, which the EM refits on the same X every iteration.

export interface HouseholderQr {
  n: number;
  p: number;
  /** Row-major n x p: R on and above the diagonal, the reflectors' tails (leading 1 implied) below it. */
  qr: Float64Array;
  tau: Float64Array;
  /** Euclidean norms of the original columns, the scale of the rank test. */
  columnNorms: Float64Array;
}

/** Factorises X (not modified) as Q R, reflector by reflector (LAPACK's dgeqr2 convention). */
export function householderQr(x: Float64Array, n: number, p: number): HouseholderQr {
  const a = Float64Array.from(x);
  const tau = new Float64Array(p);
  const columnNorms = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let c = 0; c < p; c++) columnNorms[c]! += a[i * p + c]! ** 2;
  for (let c = 0; c < p; c++) columnNorms[c] = Math.sqrt(columnNorms[c]!);
  const s = new Float64Array(p);
  for (let k = 0; k < Math.min(n, p); k++) {
    let tail = 0;
    for (let i = k + 1; i < n; i++) tail += a[i * p + k]! ** 2;
    const alpha = a[k * p + k]!;
    if (tail === 0) continue; // already upper triangular in this column: H = I, tau = 0
    const beta = -Math.sign(alpha || 1) * Math.sqrt(alpha * alpha + tail);
    tau[k] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = k + 1; i < n; i++) a[i * p + k]! *= scale;
    a[k * p + k] = beta;
    // Apply H = I - tau v v' to columns k+1.. row by row (v_k = 1), which keeps the row-major access contiguous.
    s.fill(0, k + 1);
    for (let c = k + 1; c < p; c++) s[c] = a[k * p + c]!;
    for (let i = k + 1; i < n; i++) {
      const vi = a[i * p + k]!;
      if (vi === 0) continue;
      for (let c = k + 1; c < p; c++) s[c]! += vi * a[i * p + c]!;
    }
    for (let c = k + 1; c < p; c++) s[c]! *= tau[k]!;
    for (let c = k + 1; c < p; c++) a[k * p + c]! -= s[c]!;
    for (let i = k + 1; i < n; i++) {
      const vi = a[i * p + k]!;
      if (vi === 0) continue;
      for (let c = k + 1; c < p; c++) a[i * p + c]! -= vi * s[c]!;
    }
  }
  return { n, p, qr: a, tau, columnNorms };
}

/** The first column whose |R_kk| <= tol * |X_k| (collinear with the columns before it), or -1 at full column rank. */
export function firstDeficientColumn(f: HouseholderQr, tol: number): number {
  for (let k = 0; k < f.p; k++) {
    const norm = f.columnNorms[k]!;
    if (k >= f.n || norm === 0 || Math.abs(f.qr[k * f.p + k]!) <= tol * norm) return k;
  }
  return -1;
}

/** Q'y (length n), y not modified. */
export function applyQt(f: HouseholderQr, y: Float64Array): Float64Array {
  const { n, p, qr, tau } = f;
  const z = Float64Array.from(y);
  for (let k = 0; k < Math.min(n, p); k++) {
    if (tau[k] === 0) continue;
    let s = z[k]!;
    for (let i = k + 1; i < n; i++) s += qr[i * p + k]! * z[i]!;
    s *= tau[k]!;
    z[k]! -= s;
    for (let i = k + 1; i < n; i++) z[i]! -= s * qr[i * p + k]!;
  }
  return z;
}

/** Solves R[0:m, 0:m] b = z[0:m] by back substitution (m <= p; R's leading m x m block must be non-singular). */
export function solveUpper(f: HouseholderQr, z: ArrayLike<number>, m: number): Float64Array {
  const { p, qr } = f;
  const b = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < m; k++) s -= qr[i * p + k]! * b[k]!;
    b[i] = s / qr[i * p + i]!;
  }
  return b;
}

/** R's column k above the diagonal: the coordinates of X_k in the orthonormal basis of X_0..X_{k-1}. */
export function upperColumn(f: HouseholderQr, k: number): Float64Array {
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = f.qr[i * f.p + k]!;
  return out;
}
