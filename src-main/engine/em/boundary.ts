// Boundary (singular) fits for the EM (MATH.md section 2): near a singular Sigma the EM crawls (a vanishing variance
// shrinks like 1/t) and the GLL never settles, because log|Sigma| -> -inf. The boundary check finds the weakest
// random-effects direction, lets the EM converge with that direction exactly zero (the EM keeps a zero direction zero),
// and keeps that face only where it is optimal: the criterion's derivative for adding variance along the direction is
// non-negative there (first-order optimality on the boundary, as lme4's bounded optimiser ends on theta = 0).
import { choleskyInPlace } from '../linalg/cholesky.ts';
import { solveLowerTransposed } from '../linalg/triangularSolve.ts';
import type { EmProblem } from './emProblem.ts';
import { choleskyPsdInPlace, solveLowerPsd } from './psdCholesky.ts';
import type { ResidualStats } from './residualStats.ts';
import { symmetricEigen } from './symmetricEigen.ts';
import { makeWoodburyWork, relativeFactor, woodburyW } from './woodbury.ts';

export interface WeakDirection {
  /**
   * The smallest non-zero eigenvalue of R'(Sigma/sigma2)R with R R' the mean Z_j'Z_j: the variance the direction adds
   * to a typical cluster's rows, relative to sigma2 (scale-free, unlike Sigma's own eigenvalues).
   */
  lambda: number;
  /** Sigma without that direction (and without directions already zero). */
  faceSigma: Float64Array;
  /** The null direction n of faceSigma that the direction occupied (n = R w). */
  normal: Float64Array;
}

export function weakestDirection(problem: EmProblem, Sigma: Float64Array, sigma2: number): WeakDirection | undefined {
  const { q, J, ZtZ, nj } = problem.blocks;
  const r = new Float64Array(q * q);
  for (let j = 0; j < J; j++) if (nj[j]! > 0) for (let i = 0; i < q * q; i++) r[i]! += ZtZ[j * q * q + i]!;
  for (let i = 0; i < q * q; i++) r[i]! /= problem.activeClusters;
  // A column of Z that is zero in every row has no information and no meaningful direction.
  if (!choleskyInPlace(r, q)) return undefined;
  // B = R' (Sigma / sigma2) R
  const b = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let c = 0; c < q; c++) {
      let s = 0;
      for (let k = a; k < q; k++) for (let l = c; l < q; l++) s += r[k * q + a]! * Sigma[k * q + l]! * r[l * q + c]!;
      b[a * q + c] = s / sigma2;
    }
  }
  const { values, vectors } = symmetricEigen(b, q);
  const top = values[q - 1]!;
  const zero = 1e-12 * Math.max(top, 0);
  const weakest = values.findIndex((v) => v > zero);
  if (weakest < 0 || weakest === q - 1) return undefined;
  // Sigma / sigma2 = sum_i lambda_i x_i x_i' with x_i = R^-T w_i; the face keeps the terms above the weakest.
  const faceSigma = new Float64Array(q * q);
  const x = new Float64Array(q);
  for (let i = weakest + 1; i < q; i++) {
    for (let k = 0; k < q; k++) x[k] = vectors[k * q + i]!;
    solveLowerTransposed(r, q, x, 1);
    for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) faceSigma[a * q + c]! += sigma2 * values[i]! * x[a]! * x[c]!;
  }
  const normal = new Float64Array(q);
  for (let a = 0; a < q; a++) for (let k = 0; k <= a; k++) normal[a]! += r[a * q + k]! * vectors[k * q + weakest]!;
  return { lambda: values[weakest]!, faceSigma, normal };
}

/**
 * n' (d criterion / d Sigma) n at (f, Sigma, sigma2): the derivative of the ML deviance or REML criterion for adding
 * variance t n n' to Sigma, tr(P dV) - e'P dV P e with dV = Z (I (x) n n') Z' (the REML score when P is REML's), split
 * into its two non-negative parts: slope = trace - quadratic. Per cluster, with Q_j = G_j - C_j W_j G_j:
 *   n'[Z'PZ]_jj n = (n'C n - n'C W C n - [REML] |L_A^-1 Q_j'n|^2) / sigma2
 *   n'Z_j'P e     = (n'(b_j - C_j u_j) - [REML] (L_A^-1 Q_j'n)'(L_A^-1 c)) / sigma2,   c = X'e - sum_j G_j'u_j.
 */
export function criterionSlope(
  problem: EmProblem,
  stats: ResidualStats,
  Sigma: Float64Array,
  sigma2: number,
  n: Float64Array,
): { trace: number; quadratic: number } {
  const { p, q, J, ZtZ, ZtX, XtX, nj } = problem.blocks;
  const { T } = relativeFactor(Sigma, sigma2, q);
  const work = makeWoodburyWork(q);
  const w = new Float64Array(q * q);
  const cn = new Float64Array(q);
  const u = new Float64Array(q);
  const reml = problem.reml && stats.Xte !== undefined;
  const aTilde = Float64Array.from(XtX);
  const c = reml ? Float64Array.from(stats.Xte!) : new Float64Array(0);
  const m = new Float64Array(J * p);
  const linear = new Float64Array(J);
  const h = new Float64Array(q * p);
  let trace = 0;
  for (let j = 0; j < J; j++) {
    if (nj[j] === 0) continue;
    const cOff = j * q * q;
    const gOff = j * q * p;
    woodburyW(T, ZtZ, cOff, work, w);
    for (let a = 0; a < q; a++) {
      let cna = 0;
      let ua = 0;
      for (let k = 0; k < q; k++) {
        cna += ZtZ[cOff + a * q + k]! * n[k]!;
        ua += w[a * q + k]! * stats.Zte[j * q + k]!;
      }
      cn[a] = cna;
      u[a] = ua;
    }
    // n'Cn - (Cn)'W(Cn), and n'(b - Cu) = n'b - (Cn)'u.
    let wcn = 0;
    let lin = 0;
    for (let a = 0; a < q; a++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += w[a * q + k]! * cn[k]!;
      wcn += cn[a]! * s;
      lin += n[a]! * stats.Zte[j * q + a]! - cn[a]! * u[a]!;
      trace += n[a]! * cn[a]!;
    }
    trace -= wcn;
    linear[j] = lin;
    if (!reml) continue;
    // H = W G; Q'n = G'n - H'C n; Ã -= G'H; c -= G'u.
    for (let a = 0; a < q; a++) {
      for (let k = 0; k < p; k++) {
        let s = 0;
        for (let l = 0; l < q; l++) s += w[a * q + l]! * ZtX[gOff + l * p + k]!;
        h[a * p + k] = s;
      }
    }
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let a = 0; a < q; a++) s += ZtX[gOff + a * p + k]! * n[a]! - h[a * p + k]! * cn[a]!;
      m[j * p + k] = s;
      for (let a = 0; a < q; a++) c[k]! -= ZtX[gOff + a * p + k]! * u[a]!;
      for (let l = 0; l < p; l++) {
        let g = 0;
        for (let a = 0; a < q; a++) g += ZtX[gOff + a * p + k]! * h[a * p + l]!;
        aTilde[k * p + l]! -= g;
      }
    }
  }
  let quadratic = 0;
  if (reml) {
    choleskyPsdInPlace(aTilde, p);
    solveLowerPsd(aTilde, p, c, 1);
    const mj = new Float64Array(p);
    for (let j = 0; j < J; j++) {
      if (nj[j] === 0) continue;
      mj.set(m.subarray(j * p, (j + 1) * p));
      solveLowerPsd(aTilde, p, mj, 1);
      let mm = 0;
      let mc = 0;
      for (let k = 0; k < p; k++) {
        mm += mj[k]! ** 2;
        mc += mj[k]! * c[k]!;
      }
      trace -= mm;
      linear[j] = linear[j]! - mc;
    }
  }
  for (let j = 0; j < J; j++) quadratic += linear[j]! ** 2;
  return { trace: trace / sigma2, quadratic: quadratic / (sigma2 * sigma2) };
}
