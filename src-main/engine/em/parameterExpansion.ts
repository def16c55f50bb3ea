// Parameter expansion (PX-EM, Liu, Rubin & Wu 1998, Biometrika 85: 755-770, their random-effects example) for the
// variance update of MATH.md section 2: u_j = alpha u*_j with a working q x q matrix alpha fitted by regression. The
// plain EM crawls when a variance is near zero (its rate tends to 1 there; mlbook's SES slope takes thousands of
// steps) while the regression on Z_j u_j is fast exactly there, and it can rotate the range of a singular Sigma.
// At a fixed point of the EM the regression gives alpha = I (by Fisher's identity its normal equations are the score
// for Sigma), so the fixed point is unchanged; it is used for exact learners only, where that argument holds.
import { choleskyPsdInPlace, solveLowerPsd, solveLowerTransposedPsd } from './psdCholesky.ts';

export interface ExpansionInput {
  q: number;
  /** Clusters with rows. */
  clusters: readonly number[];
  /** Z_j'Z_j at j * q * q. */
  ZtZ: Float64Array;
  /** S_j = E[u_j u_j' | y] at j * q * q. */
  S: Float64Array;
  /** R = sum_j E[Z_j'(y_j - f_j) u_j' | y]. */
  R: Float64Array;
  diagonal: boolean;
}

/**
 * alpha minimising sum_j E|e_j - Z_j alpha u_j|^2, i.e. solving sum_j C_j alpha S_j = R, and the change of that
 * sum when alpha replaces I: vec(D)' K vec(D) - 2 tr(D'(R - sum_j C_j S_j)) with D = alpha - I and K the system's
 * matrix. Undefined when the system has no usable solution (then the plain update stands).
 */
export function expandVariance(input: ExpansionInput): { alpha: Float64Array; change: number } | undefined {
  const { q, clusters, ZtZ, S, R, diagonal } = input;
  // Unknowns: alpha's entries (a, b) at a * q + b, or only (a, a) at a when diagonal. Equation (i, k) is entry (i, k)
  // of sum_j C_j alpha S_j, whose coefficient of alpha_ab is sum_j C_j[i][a] S_j[b][k]: K = sum_j C_j (x) S_j, or its
  // diagonal-alpha restriction sum_j C_j o S_j (Hadamard).
  const m = diagonal ? q : q * q;
  const row = Int32Array.from({ length: m }, (_, t) => (diagonal ? t : Math.floor(t / q)));
  const col = Int32Array.from({ length: m }, (_, t) => (diagonal ? t : t % q));
  const k = diagonal ? diagonalSystem(input) : fullSystem(input);
  const cs = new Float64Array(q * q);
  for (const j of clusters) {
    const off = j * q * q;
    for (let i = 0; i < q; i++) {
      for (let c = 0; c < q; c++) {
        let v = 0;
        for (let a = 0; a < q; a++) v += ZtZ[off + i * q + a]! * S[off + a * q + c]!;
        cs[i * q + c]! += v;
      }
    }
  }
  const factor = Float64Array.from(k);
  if (choleskyPsdInPlace(factor, m) <= 0) return undefined;
  const x = Float64Array.from({ length: m }, (_, t) => R[row[t]! * q + col[t]!]!);
  solveLowerPsd(factor, m, x, 1);
  solveLowerTransposedPsd(factor, m, x, 1);
  if (!x.every(Number.isFinite)) return undefined;
  // A singular Sigma leaves alpha free on its null directions, where the solve set it to 0; alpha only acts on
  // Sigma's range, so any solution gives the same Sigma, but D must be measured on that same solution.
  const alpha = new Float64Array(q * q);
  const d = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    alpha[row[t]! * q + col[t]!] = x[t]!;
    d[t] = x[t]! - (row[t] === col[t] ? 1 : 0);
  }
  let change = 0;
  for (let t = 0; t < m; t++) {
    let kd = 0;
    for (let s = 0; s < m; s++) kd += k[t * m + s]! * d[s]!;
    const at = row[t]! * q + col[t]!;
    change += d[t]! * (kd - 2 * (R[at]! - cs[at]!));
  }
  return { alpha, change };
}

/** K = sum_j C_j o S_j (Hadamard), for a diagonal alpha. */
function diagonalSystem({ q, clusters, ZtZ, S }: ExpansionInput): Float64Array {
  const k = new Float64Array(q * q);
  for (const j of clusters) {
    const off = j * q * q;
    for (let i = 0; i < q; i++)
      for (let a = 0; a < q; a++) k[i * q + a]! += ZtZ[off + i * q + a]! * S[off + a * q + i]!;
  }
  return k;
}

/**
 * K = sum_j C_j (x) S_j: block (i, a), rows (i, kk) and columns (a, b), is sum_j C_j[i][a] S_j[kk][b]. Each entry is a
 * dot product over the clusters, taken on cluster-contiguous copies of the C_j and S_j entries (one pass over them
 * per entry instead of a pass over all of K per cluster); C_j and S_j are symmetric, so only the blocks with a >= i
 * and the entries with kk <= b are summed, and the rest mirrored.
 */
function fullSystem({ q, clusters, ZtZ, S }: ExpansionInput): Float64Array {
  const m = q * q;
  const nc = clusters.length;
  // The upper triangle's entries (i, a), a >= i, as flat indices i * q + a.
  const upper: number[] = [];
  for (let i = 0; i < q; i++) for (let a = i; a < q; a++) upper.push(i * q + a);
  const e = upper.length;
  const cCols = new Float64Array(e * nc);
  const sCols = new Float64Array(e * nc);
  for (let t = 0; t < nc; t++) {
    const off = clusters[t]! * m;
    for (let x = 0; x < e; x++) {
      cCols[x * nc + t] = ZtZ[off + upper[x]!]!;
      sCols[x * nc + t] = S[off + upper[x]!]!;
    }
  }
  const k = new Float64Array(m * m);
  for (let x = 0; x < e; x++) {
    const i = Math.floor(upper[x]! / q);
    const a = upper[x]! % q;
    for (let y = 0; y < e; y++) {
      const kk = Math.floor(upper[y]! / q);
      const b = upper[y]! % q;
      let v = 0;
      for (let t = 0; t < nc; t++) v += cCols[x * nc + t]! * sCols[y * nc + t]!;
      k[(i * q + kk) * m + a * q + b] = v;
      k[(i * q + b) * m + a * q + kk] = v;
    }
  }
  for (let t = 0; t < m; t++) for (let s = 0; s < t; s++) k[t * m + s] = k[s * m + t]!;
  return k;
}
