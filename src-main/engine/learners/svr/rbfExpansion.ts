// Prediction of a fitted RBF support vector regression in plain JavaScript: the sum libsvm's svm_predict computes (same
// kernel values to rounding, same order of terms), so a saved model predicts without loading wasm.

export interface RbfExpansion {
  gamma: number;
  /** Row-major nSupport x p. */
  supportVectors: Float64Array;
  coef: Float64Array;
  rho: number;
  p: number;
}

/** Rows predicted together by the dense loop: each support vector is read once per block instead of once per row. */
const ROWS = 4;

/**
 * f(x) = sum_s coef_s exp(-gamma |x - x_s|^2) - rho for every row of the row-major n x p matrix.
 *
 * libsvm sums (x_k - s_k)^2 term by term; here |x - s|^2 = |x|^2 + |s|^2 - 2 x.s with the norms computed once, so a
 * pair costs p multiply-adds (or one per non-zero of x for sparse rows, such as the hot baseline's one-hot columns)
 * and the exp. That form has an absolute error of ~1e-16 (|x|^2 + |s|^2), harmless while the columns are not far from
 * the origin relative to their spread; a column whose mean exceeds its SD is therefore first centred on the support
 * vectors' mean, which leaves distances unchanged (and the one-hot columns sparse). The kernel then agrees with
 * libsvm's to ~1e-15 relative, as svr.test.ts checks.
 */
export function predictRbf(model: RbfExpansion, values: Float64Array, n: number): Float64Array {
  const { p } = model;
  const m = model.coef.length;
  const centre = farColumnMeans(model.supportVectors, m, p);
  const sv = centred(model.supportVectors, m, p, centre);
  const x = centred(values, n, p, centre);
  const terms: Terms = { ...model, sv, svNorm: rowNorms(sv, m, p), x, xNorm: rowNorms(x, n, p) };
  let nonZero = 0;
  for (const v of x) if (v !== 0) nonZero++;
  return nonZero < (n * p) / 2 ? sparseRows(terms, n) : denseRows(terms, n);
}

interface Terms extends RbfExpansion {
  sv: Float64Array;
  svNorm: Float64Array;
  x: Float64Array;
  xNorm: Float64Array;
}

function denseRows({ gamma, coef, rho, p, sv, svNorm, x, xNorm }: Terms, n: number): Float64Array {
  const m = coef.length;
  const out = new Float64Array(n);
  let i = 0;
  for (; i + ROWS <= n; i += ROWS) {
    const x0 = i * p;
    const x1 = x0 + p;
    const x2 = x1 + p;
    const x3 = x2 + p;
    const n0 = xNorm[i]!;
    const n1 = xNorm[i + 1]!;
    const n2 = xNorm[i + 2]!;
    const n3 = xNorm[i + 3]!;
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    let f3 = 0;
    for (let s = 0; s < m; s++) {
      const v = s * p;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (let k = 0; k < p; k++) {
        const c = sv[v + k]!;
        d0 += x[x0 + k]! * c;
        d1 += x[x1 + k]! * c;
        d2 += x[x2 + k]! * c;
        d3 += x[x3 + k]! * c;
      }
      const a = coef[s]!;
      const ns = svNorm[s]!;
      f0 += a * Math.exp(-gamma * distance2(n0, ns, d0));
      f1 += a * Math.exp(-gamma * distance2(n1, ns, d1));
      f2 += a * Math.exp(-gamma * distance2(n2, ns, d2));
      f3 += a * Math.exp(-gamma * distance2(n3, ns, d3));
    }
    out[i] = f0 - rho;
    out[i + 1] = f1 - rho;
    out[i + 2] = f2 - rho;
    out[i + 3] = f3 - rho;
  }
  for (; i < n; i++) {
    const x0 = i * p;
    let f = 0;
    for (let s = 0; s < m; s++) {
      const v = s * p;
      let d = 0;
      for (let k = 0; k < p; k++) d += x[x0 + k]! * sv[v + k]!;
      f += coef[s]! * Math.exp(-gamma * distance2(xNorm[i]!, svNorm[s]!, d));
    }
    out[i] = f - rho;
  }
  return out;
}

function sparseRows({ gamma, coef, rho, p, sv, svNorm, x, xNorm }: Terms, n: number): Float64Array {
  const m = coef.length;
  // Column-major support vectors: a row's dot products with all of them take one contiguous pass over m values per
  // non-zero of the row, instead of a scattered read per non-zero and support vector.
  const svByColumn = new Float64Array(p * m);
  for (let s = 0; s < m; s++) for (let k = 0; k < p; k++) svByColumn[k * m + s] = sv[s * p + k]!;
  const dot = new Float64Array(m);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dot.fill(0);
    for (let k = 0; k < p; k++) {
      const v = x[i * p + k]!;
      if (v === 0) continue;
      const column = k * m;
      for (let s = 0; s < m; s++) dot[s]! += v * svByColumn[column + s]!;
    }
    const norm = xNorm[i]!;
    let f = 0;
    for (let s = 0; s < m; s++) f += coef[s]! * Math.exp(-gamma * distance2(norm, svNorm[s]!, dot[s]!));
    out[i] = f - rho;
  }
  return out;
}

/** |x - s|^2 from the norms and the dot product; rounding can take it a hair below 0 for (near) equal points. */
function distance2(xNorm: number, sNorm: number, dot: number): number {
  const d = xNorm + sNorm - 2 * dot;
  return d > 0 ? d : 0;
}

/** The mean of each column whose mean is larger than its SD (0 for the others), over the n x p rows. */
function farColumnMeans(values: Float64Array, n: number, p: number): Float64Array {
  const centre = new Float64Array(p);
  if (n === 0) return centre;
  for (let k = 0; k < p; k++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i * p + k]!;
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (values[i * p + k]! - mean) ** 2;
    if (mean * mean > variance / n) centre[k] = mean;
  }
  return centre;
}

function centred(values: Float64Array, n: number, p: number, centre: Float64Array): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let k = 0; k < p; k++) out[i * p + k] = values[i * p + k]! - centre[k]!;
  return out;
}

function rowNorms(values: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += values[i * p + k]! * values[i * p + k]!;
    out[i] = s;
  }
  return out;
}
