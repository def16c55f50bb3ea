// Steps 2 to 4 of the mixedML EM (MATH.md section 2) for all clusters at once: the random effects u_j, and the updates
// of Sigma and sigma2 for ML (P_j = V_j^-1) or REML (P_j = V_j^-1 - V_j^-1 X_j A^-1 X_j'V_j^-1), through the q x q
// and p x p algebra of woodbury.ts; also the ML deviance or REML criterion at the input, the EM's objective.
import { symmetrizeFromUpper } from '../linalg/products.ts';
import type { EmProblem } from './emProblem.ts';
import { expandVariance } from './parameterExpansion.ts';
import { choleskyPsdInPlace, logDetPsd, solveLowerPsd } from './psdCholesky.ts';
import type { ResidualStats } from './residualStats.ts';
import { makeWoodburyWork, relativeFactor, woodburyW } from './woodbury.ts';

export interface VarianceUpdate {
  /** u_j at j * q (zero for a cluster without rows). */
  u: Float64Array;
  /** The updated Sigma (q x q, row-major) and sigma2. */
  Sigma: Float64Array;
  sigma2: number;
  /** lme4's ML deviance or REML criterion at the input (f, Sigma, sigma2). */
  criterion: number;
}

/**
 * With H_j = W_j G_j (= Sigma Z_j'V_j^-1 X_j) and the scaled REML matrices
 *   Ã = sigma2 A = X'X - sum_j G_j'W_j G_j,   S̃ = sigma2^2 sum_j X_j'V_j^-2 X_j = X'X - sum_j G_j'(2 W_j - W_j C_j W_j) G_j
 * the updates of MATH.md step 4 are, with S_j = E[u_j u_j' | y] = u_j u_j' + sigma2 W_j + sigma2 H_j Ã^-1 H_j',
 *   Sigma  <- (1/J) sum_j S_j
 *   sigma2 <- (1/N) [sum_j r_j'r_j + sigma2 (sum_j tr(W_j C_j) + tr(Ã^-1 S̃))]
 * where the Ã terms are REML's only. Only the totals X'X and sum_j of these blocks are needed, never X_j'X_j alone.
 * `expand` adds the parameter-expansion step of parameterExpansion.ts, with the cross moments
 *   R = sum_j E[Z_j'(y_j - f_j) u_j'] = sum_j [b_j u_j' + sigma2 G_j Ã^-1 H_j']   (the Ã term REML's: Cov(beta, u_j)).
 */
export function updateVariances(
  problem: EmProblem,
  stats: ResidualStats,
  Sigma: Float64Array,
  sigma2: number,
  expand = false,
): VarianceUpdate {
  const { n, p, q, J, ZtZ, ZtX, XtX, nj } = problem.blocks;
  const { T } = relativeFactor(Sigma, sigma2, q);
  const work = makeWoodburyWork(q);
  const w = new Float64Array(q * q);
  const u = new Float64Array(J * q);
  const S = new Float64Array(J * q * q);
  const reml = problem.reml;
  const H = reml ? new Float64Array(J * q * p) : undefined;
  const aTilde = reml ? Float64Array.from(XtX) : undefined;
  const sTilde = reml ? Float64Array.from(XtX) : undefined;
  const ch = new Float64Array(q * p);
  const clusters: number[] = [];
  let logDetL = 0;
  let bWb = 0;
  let rr = stats.ete;
  let trWC = 0;
  for (let j = 0; j < J; j++) {
    if (nj[j] === 0) continue;
    clusters.push(j);
    const cOff = j * q * q;
    logDetL += woodburyW(T, ZtZ, cOff, work, w);
    const bOff = j * q;
    for (let a = 0; a < q; a++) {
      let s = 0;
      for (let c = 0; c < q; c++) s += w[a * q + c]! * stats.Zte[bOff + c]!;
      u[bOff + a] = s;
    }
    // r_j'r_j = e_j'e_j - 2 u_j'b_j + u_j'C_j u_j; e'e is already in rr.
    for (let a = 0; a < q; a++) {
      const ua = u[bOff + a]!;
      bWb += ua * stats.Zte[bOff + a]!;
      let cu = 0;
      for (let c = 0; c < q; c++) cu += ZtZ[cOff + a * q + c]! * u[bOff + c]!;
      rr += ua * cu - 2 * ua * stats.Zte[bOff + a]!;
      for (let c = 0; c < q; c++) {
        trWC += w[a * q + c]! * ZtZ[cOff + c * q + a]!;
        S[cOff + a * q + c] = ua * u[bOff + c]! + sigma2 * w[a * q + c]!;
      }
    }
    if (H && aTilde && sTilde) accumulateReml(problem, j, w, H, aTilde, sTilde, ch);
  }
  const R = new Float64Array(q * q);
  if (expand) {
    for (const j of clusters) {
      for (let a = 0; a < q; a++) {
        for (let c = 0; c < q; c++) R[a * q + c]! += stats.Zte[j * q + a]! * u[j * q + c]!;
      }
    }
  }
  let traceA = 0;
  let remlLogDet = 0;
  let cAc = 0;
  let rankA = 0;
  if (H && aTilde && sTilde && stats.Xte) {
    symmetrizeFromUpper(aTilde, p);
    symmetrizeFromUpper(sTilde, p);
    rankA = choleskyPsdInPlace(aTilde, p);
    if (rankA < 0) throw new Error("mixedML EM: the REML matrix X'V^-1X is not finite");
    remlLogDet = logDetPsd(aTilde, p) - rankA * Math.log(sigma2);
    const yh = new Float64Array(p * q);
    const yg = new Float64Array(p * q);
    for (const j of clusters) {
      const hOff = j * q * p;
      // yh = L_A^-1 H_j', so that H_j Ã^-1 H_j' = yh'yh (and G_j Ã^-1 H_j' = yg'yh).
      for (let a = 0; a < q; a++) for (let k = 0; k < p; k++) yh[k * q + a] = H[hOff + a * p + k]!;
      solveLowerPsd(aTilde, p, yh, q);
      addTransposedProduct(yh, yh, p, q, sigma2, S, j * q * q);
      if (!expand) continue;
      for (let a = 0; a < q; a++) for (let k = 0; k < p; k++) yg[k * q + a] = ZtX[hOff + a * p + k]!;
      solveLowerPsd(aTilde, p, yg, q);
      addTransposedProduct(yg, yh, p, q, sigma2, R, 0);
    }
    traceA = traceOfInverseTimes(aTilde, sTilde, p);
    // c = sigma2 X'V^-1 e = X'e - sum_j G_j'u_j; e'Pe = (e'e - sum b'Wb - c'Ã^-1 c) / sigma2.
    const c = Float64Array.from(stats.Xte);
    for (const j of clusters) {
      for (let a = 0; a < q; a++) {
        const ua = u[j * q + a]!;
        for (let k = 0; k < p; k++) c[k]! -= ZtX[j * q * p + a * p + k]! * ua;
      }
    }
    solveLowerPsd(aTilde, p, c, 1);
    for (let k = 0; k < p; k++) cAc += c[k]! ** 2;
  }
  let next: Float64Array = new Float64Array(q * q);
  for (const j of clusters) for (let i = 0; i < q * q; i++) next[i]! += S[j * q * q + i]!;
  for (let a = 0; a < q; a++) {
    for (let c = 0; c < q; c++) {
      next[a * q + c] = problem.diagonal && a !== c ? 0 : next[a * q + c]! / problem.activeClusters;
    }
  }
  let sigma2Next = (rr + sigma2 * (trWC + traceA)) / n;
  if (expand) {
    const px = expandVariance({ q, clusters, ZtZ, S, R, diagonal: problem.diagonal });
    const s2 = px && sigma2Next + px.change / n;
    if (px && s2 !== undefined && s2 > 0) {
      next = sandwich(px.alpha, next, q);
      sigma2Next = s2;
    }
  }
  const quadratic = (stats.ete - bWb - cAc) / sigma2;
  const criterion = reml
    ? (n - rankA) * Math.log(2 * Math.PI) + n * Math.log(sigma2) + logDetL + remlLogDet + quadratic
    : n * Math.log(2 * Math.PI * sigma2) + logDetL + quadratic;
  return { u, Sigma: next, sigma2: sigma2Next, criterion };
}

/** Cluster j's share of REML's Ã and S̃, and H_j = W_j G_j kept for the second pass (which needs all of Ã first). */
function accumulateReml(
  problem: EmProblem,
  j: number,
  w: Float64Array,
  H: Float64Array,
  aTilde: Float64Array,
  sTilde: Float64Array,
  ch: Float64Array,
): void {
  const { p, q, ZtZ, ZtX } = problem.blocks;
  const gOff = j * q * p;
  const cOff = j * q * q;
  for (let a = 0; a < q; a++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let c = 0; c < q; c++) s += w[a * q + c]! * ZtX[gOff + c * p + k]!;
      H[gOff + a * p + k] = s;
    }
  }
  for (let a = 0; a < q; a++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let c = 0; c < q; c++) s += ZtZ[cOff + a * q + c]! * H[gOff + c * p + k]!;
      ch[a * p + k] = s;
    }
  }
  // Ã -= G'H;  S̃ -= 2 G'H - H'CH, as rank-one updates row by row; both are symmetric (G'WG and G'WCWG), so only
  // the upper triangles are accumulated here and mirrored once all clusters are in.
  for (let a = 0; a < q; a++) {
    const row = gOff + a * p;
    for (let k = 0; k < p; k++) {
      const g = ZtX[row + k]!;
      const h = H[row + k]!;
      const kp = k * p;
      for (let l = k; l < p; l++) {
        const gh = g * H[row + l]!;
        aTilde[kp + l]! -= gh;
        sTilde[kp + l]! -= 2 * gh - h * ch[a * p + l]!;
      }
    }
  }
}

/** out[off..] (q x q) += scale * A'B for p x q blocks A and B. */
function addTransposedProduct(
  a: Float64Array,
  b: Float64Array,
  p: number,
  q: number,
  scale: number,
  out: Float64Array,
  off: number,
): void {
  for (let i = 0; i < q; i++) {
    for (let c = 0; c < q; c++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a[k * q + i]! * b[k * q + c]!;
      out[off + i * q + c]! += scale * s;
    }
  }
}

/** alpha M alpha'. */
function sandwich(alpha: Float64Array, m: Float64Array, q: number): Float64Array {
  const am = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let c = 0; c < q; c++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += alpha[i * q + k]! * m[k * q + c]!;
      am[i * q + c] = s;
    }
  }
  const out = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let c = 0; c <= i; c++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += am[i * q + k]! * alpha[c * q + k]!;
      out[i * q + c] = s;
      out[c * q + i] = s;
    }
  }
  return out;
}

/** tr(Ã^- S̃) = tr(L^- S̃ L^-T) for the PSD Cholesky factor L of Ã and a symmetric S̃ (not modified). */
function traceOfInverseTimes(l: Float64Array, s: Float64Array, p: number): number {
  const b = Float64Array.from(s);
  solveLowerPsd(l, p, b, p);
  const bt = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) bt[k * p + i] = b[i * p + k]!;
  solveLowerPsd(l, p, bt, p);
  let tr = 0;
  for (let i = 0; i < p; i++) tr += bt[i * p + i]!;
  return tr;
}
