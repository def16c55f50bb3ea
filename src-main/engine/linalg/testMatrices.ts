// Deterministic test matrices for the linalg tests (no randomness: failures must reproduce).

/** A symmetric positive-definite n x n matrix, row-major: B'B + n I with B[i][k] = sin(1 + 3i + 7k). */
export function spdMatrix(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let s = i === k ? n : 0;
      for (let r = 0; r < n; r++) s += Math.sin(1 + 3 * r + 7 * i) * Math.sin(1 + 3 * r + 7 * k);
      a[i * n + k] = s;
    }
  }
  return a;
}

/** A rows x cols matrix with entries cos(2 + 5i + 3k), row-major. */
export function denseMatrix(rows: number, cols: number): Float64Array {
  return Float64Array.from({ length: rows * cols }, (_, t) => Math.cos(2 + 5 * Math.floor(t / cols) + 3 * (t % cols)));
}

/** A lower-triangular n x n matrix with a diagonal away from zero. */
export function lowerMatrix(n: number): Float64Array {
  return Float64Array.from({ length: n * n }, (_, t) => {
    const i = Math.floor(t / n);
    const k = t % n;
    return k > i ? 0 : k === i ? 2 + Math.sin(i) : Math.cos(1 + i + 2 * k);
  });
}

/** C = A B for row-major A (m x n) and B (n x r), the plain triple loop the kernels are checked against. */
export function matmul(a: Float64Array, b: Float64Array, m: number, n: number, r: number): Float64Array {
  const c = new Float64Array(m * r);
  for (let i = 0; i < m; i++)
    for (let k = 0; k < r; k++) for (let t = 0; t < n; t++) c[i * r + k]! += a[i * n + t]! * b[t * r + k]!;
  return c;
}

export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let k = 0; k < cols; k++) t[k * rows + i] = a[i * cols + k]!;
  return t;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return a.length === b.length ? m : Infinity;
}
