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
 * sum when alpha replaces I: tr(D' sum_j C_j D S_j) - 2 tr(D'(R - sum_j C_j S_j)), D = alpha - I. Undefined when
 * the system has no usable solution (then the plain update stands).
 */
export function expandVariance(input: ExpansionInput): { alpha: Float64Array; change: number } | undefined {
  const { q, clusters, ZtZ, S, R, diagonal } = input;
  // Unknowns: alpha's entries (a, b) at a * q + b (only (a, a) when diagonal). Equation (i, k): sum_j (C_j alpha S_j)_ik.
  const index = diagonal ? Array.from({ length: q }, (_, a) => [a, a] as const) : allPairs(q);
  const m = index.length;
  const k = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let row = 0; row < m; row++) {
    const [i, kk] = index[row]!;
    rhs[row] = R[i * q + kk]!;
  }
  for (const j of clusters) {
    const cOff = j * q * q;
    for (let row = 0; row < m; row++) {
      const [i, kk] = index[row]!;
      for (let col = row; col < m; col++) {
        const [a, b] = index[col]!;
        k[row * m + col]! += ZtZ[cOff + i * q + a]! * S[cOff + b * q + kk]!;
      }
    }
  }
  for (let row = 0; row < m; row++) for (let col = 0; col < row; col++) k[row * m + col] = k[col * m + row]!;
  if (choleskyPsdInPlace(k, m) === 0) return undefined;
  const x = Float64Array.from(rhs);
  solveLowerPsd(k, m, x, 1);
  solveLowerTransposedPsd(k, m, x, 1);
  if (!x.every(Number.isFinite)) return undefined;
  const alpha = new Float64Array(q * q);
  index.forEach(([a, b], col) => (alpha[a * q + b] = x[col]!));
  // A singular Sigma leaves alpha free on its null directions, where the solve set it to 0; alpha only acts on
  // Sigma's range, so any solution gives the same Sigma, but D must be measured on that same solution.
  const d = Float64Array.from(alpha);
  for (let a = 0; a < q; a++) d[a * q + a]! -= 1;
  let change = 0;
  for (const j of clusters) {
    const cOff = j * q * q;
    for (let i = 0; i < q; i++) {
      for (let kk = 0; kk < q; kk++) {
        let cds = 0;
        let cs = 0;
        for (let a = 0; a < q; a++) {
          const cia = ZtZ[cOff + i * q + a]!;
          cs += cia * S[cOff + a * q + kk]!;
          for (let b = 0; b < q; b++) cds += cia * d[a * q + b]! * S[cOff + b * q + kk]!;
        }
        change += d[i * q + kk]! * (cds + 2 * cs);
      }
    }
  }
  for (let i = 0; i < q * q; i++) change -= 2 * d[i]! * R[i]!;
  return { alpha, change };
}

function allPairs(q: number): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) out.push([a, b] as const);
  return out;
}
