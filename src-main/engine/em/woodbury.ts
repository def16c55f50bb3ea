// The per-cluster Woodbury algebra of MATH.md section 2 in lme4's singular-safe Lambda form. With Sigma = sigma2 T T'
// (T = Lambda, lower triangular, zero columns where Sigma is singular), L_j L_j' = T' Z_j'Z_j T + I and
//   W_j = T (L_j L_j')^-1 T'   (q x q),   V_j^-1 = (I - Z_j W_j Z_j') / sigma2,
// every quantity of the EM follows from q x q and q x p algebra (C = Z_j'Z_j, G = Z_j'X_j, b = Z_j'e_j):
//   u_j = Sigma Z_j'V_j^-1 e_j = W_j b                     Sigma - Sigma Z_j'V_j^-1 Z_j Sigma = sigma2 W_j
//   Sigma Z_j'V_j^-1 X_j = W_j G                           tr(V_j^-1) = (n_j - tr(W_j C)) / sigma2
//   e_j'V_j^-1 e_j = (e_j'e_j - b'W_j b) / sigma2          log|V_j| = n_j log sigma2 + log|L_j L_j'|
// (each from T'(C - C W C)T = K (K + I)^-1 with K = T'CT, i.e. I - K (K + I)^-1 = (K + I)^-1).
import { choleskyInPlace, logDetFromCholesky } from '../linalg/cholesky.ts';
import {
  addCrossprodUpper,
  multiplyLowerRight,
  multiplyLowerTransposedLeft,
  symmetrizeFromUpper,
} from '../linalg/products.ts';
import { solveLower } from '../linalg/triangularSolve.ts';
import { choleskyPsdInPlace } from './psdCholesky.ts';

/** Scratch blocks for woodburyW, allocated once per pass over the clusters. */
export interface WoodburyWork {
  q: number;
  ct: Float64Array;
  k: Float64Array;
  m: Float64Array;
}

export function makeWoodburyWork(q: number): WoodburyWork {
  return { q, ct: new Float64Array(q * q), k: new Float64Array(q * q), m: new Float64Array(q * q) };
}

/** T with T T' = Sigma / sigma2 (zero columns in Sigma's singular directions); returns it and its rank. */
export function relativeFactor(sigma: Float64Array, sigma2: number, q: number): { T: Float64Array; rank: number } {
  const T = Float64Array.from(sigma, (v) => v / sigma2);
  const rank = sigma2 > 0 ? choleskyPsdInPlace(T, q) : -1;
  if (rank < 0) throw new Error(`mixedML EM: the variance parameters are not finite and positive (sigma2 = ${sigma2})`);
  return { T, rank };
}

/** Writes W_j (full, symmetric) for the block C = Z_j'Z_j at `cOff` into `w`; returns log|L_j L_j'|. */
export function woodburyW(
  T: Float64Array,
  ztz: Float64Array,
  cOff: number,
  work: WoodburyWork,
  w: Float64Array,
): number {
  const { q, ct, k, m } = work;
  multiplyLowerRight(ztz, q, q, T, ct, cOff);
  multiplyLowerTransposedLeft(T, q, ct, q, k);
  for (let i = 0; i < q; i++) k[i * q + i]! += 1;
  // K + I >= I, so only NaN in Sigma or Z can make this fail.
  if (!choleskyInPlace(k, q)) throw new Error('mixedML EM: non-finite random-effects covariance or Z');
  for (let r = 0; r < q; r++) for (let c = 0; c < q; c++) m[r * q + c] = T[c * q + r]!;
  solveLower(k, q, m, q);
  w.fill(0);
  addCrossprodUpper(m, q, q, w);
  symmetrizeFromUpper(w, q);
  return logDetFromCholesky(k, q);
}
