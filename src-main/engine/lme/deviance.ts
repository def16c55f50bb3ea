// The profiled REML criterion / ML deviance of MATH.md section 1 as a function of theta, with its analytic gradient,
// evaluated from the cluster blocks only: O(J q (q + p)^2 + p^3) per call, independent of N, allocation-free.
import { choleskyInPlace, inverseFromCholesky, logDetFromCholesky } from '../linalg/cholesky.ts';
import {
  addCrossprodUpper,
  addTcrossprod,
  dot,
  multiplyLowerRight,
  multiplyLowerTransposedLeft,
} from '../linalg/products.ts';
import { solveLower, solveLowerTransposed, solveLowerTransposedRight } from '../linalg/triangularSolve.ts';
import type { ClusterBlocks } from './clusterBlocks.ts';

export interface DevianceOptions {
  /** REML criterion when true, ML deviance when false. */
  reml: boolean;
  /** Diagonal Lambda (theta = its diagonal) instead of lower-triangular. */
  diagonal: boolean;
}

/** Everything the fit reports that follows from theta, at one theta. */
export interface ProfiledFit {
  criterion: number;
  /** Penalised residual sum of squares. */
  r2: number;
  /** r2 / N (ML) or r2 / (N - p) (REML). */
  sigma2: number;
  beta: Float64Array;
  /** p x p, sigma2 (R_X'R_X)^-1. */
  vcov: Float64Array;
  /** q x q, lower-triangular. */
  lambda: Float64Array;
  /** q x q, sigma2 Lambda Lambda'. */
  reCov: Float64Array;
  /** J x q conditional modes u_j = Lambda v_j. */
  ranef: Float64Array;
  /** J x q diagonal of sigma2 Lambda (L_j L_j')^-1 Lambda'. */
  ranefCondVarDiag: Float64Array;
}

export interface Deviance {
  readonly reml: boolean;
  readonly diagonal: boolean;
  /** Length of theta. */
  readonly size: number;
  /** Row and column of Lambda of each theta entry (lme4's order: lower triangle, column-major). */
  readonly thetaRow: Int32Array;
  readonly thetaCol: Int32Array;
  /**
   * lme4's bounds, 0 for entries on Lambda's diagonal and -Infinity elsewhere: the theta that fitLme reports meets
   * them, but the criterion needs none, so the optimiser does not get them (normaliseSigns.ts).
   */
  readonly lower: Float64Array;
  /**
   * The criterion at theta; when `gradient` is given it receives d criterion / d theta. Returns Infinity (and a NaN
   * gradient) when a factorisation fails, e.g. a rank-deficient fixed-effect design.
   */
  evaluate(theta: ArrayLike<number>, gradient?: Float64Array): number;
  /** The fitted quantities at theta (allocates; call once at the optimum). */
  profile(theta: ArrayLike<number>): ProfiledFit;
}

export function makeDeviance(blocks: ClusterBlocks, options: DevianceOptions): Deviance {
  const { n, p, q, J, ZtZ, ZtX, Zty, XtX, Xty, yty } = blocks;
  const { reml, diagonal } = options;
  const qq = q * q;
  const qp = q * p;
  const dof = reml ? n - p : n;

  const rowList: number[] = [];
  const colList: number[] = [];
  for (let b = 0; b < q; b++) {
    for (let a = b; a < (diagonal ? b + 1 : q); a++) {
      rowList.push(a);
      colList.push(b);
    }
  }
  const size = rowList.length;
  const thetaRow = Int32Array.from(rowList);
  const thetaCol = Int32Array.from(colList);
  const lower = Float64Array.from(rowList, (a, t) => (a === colList[t] ? 0 : -Infinity));

  // State of the last factorisation (`factor`), read by the gradient and `profile`.
  const lambda = new Float64Array(qq);
  const AL = new Float64Array(J * qq); // Z_j'Z_j Lambda
  const L = new Float64Array(J * qq); // L_j, chol(Lambda' Z_j'Z_j Lambda + I)
  const RZX = new Float64Array(J * qp); // L_j^-1 Lambda' Z_j'X_j
  const cu = new Float64Array(J * q); // L_j^-1 Lambda' Z_j'y_j
  const S = new Float64Array(p * p); // sum_j RZX_j' RZX_j (upper triangle)
  const RX = new Float64Array(p * p); // lower Cholesky factor of R_X'R_X = X'X - S (i.e. R_X')
  const cb = new Float64Array(p);
  const beta = new Float64Array(p);
  let ldL2 = 0;
  let ldRX2 = 0;
  let cu2 = 0;
  let r2 = 0;
  // Gradient scratch.
  const v = new Float64Array(q);
  const zr = new Float64Array(q);
  const U = new Float64Array(qq);
  const Q = new Float64Array(qp);
  const Bt = new Float64Array(qp);
  const gLogDet = new Float64Array(size);
  const gResid = new Float64Array(size);

  /** Factorises at theta (MATH.md section 1); false when R_X'R_X is not positive definite. */
  function factor(theta: ArrayLike<number>): boolean {
    lambda.fill(0);
    for (let t = 0; t < size; t++) lambda[thetaRow[t]! * q + thetaCol[t]!] = theta[t]!;
    S.fill(0);
    cb.set(Xty);
    cu2 = 0;
    ldL2 = 0;
    // M_j >= I, so a cluster fails only for a non-finite theta.
    for (let j = 0; j < J; j++) if (!factorCluster(j)) return false;
    for (let i = 0; i < p; i++) for (let k = 0; k <= i; k++) RX[i * p + k] = XtX[i * p + k]! - S[k * p + i]!;
    if (!choleskyInPlace(RX, p)) return false;
    ldRX2 = logDetFromCholesky(RX, p);
    solveLower(RX, p, cb, 1);
    let cb2 = 0;
    for (let i = 0; i < p; i++) cb2 += cb[i]! * cb[i]!;
    r2 = yty - cb2 - cu2;
    beta.set(cb);
    solveLowerTransposed(RX, p, beta, 1);
    return true;
  }

  /** L_j, R_ZX,j, c_u,j, and their contributions to S, c_b (still X'y - sum R_ZX' c_u here), |c_u|^2, ldL2. */
  function factorCluster(j: number): boolean {
    const oq = j * qq;
    const op = j * qp;
    multiplyLowerRight(ZtZ, q, q, lambda, AL, oq, 0, oq);
    multiplyLowerTransposedLeft(lambda, q, AL, q, L, 0, oq, oq);
    for (let a = 0; a < q; a++) L[oq + a * q + a]! += 1;
    if (!choleskyInPlace(L, q, oq)) return false;
    ldL2 += logDetFromCholesky(L, q, oq);
    multiplyLowerTransposedLeft(lambda, q, ZtX, p, RZX, 0, op, op);
    solveLower(L, q, RZX, p, oq, op);
    multiplyLowerTransposedLeft(lambda, q, Zty, 1, cu, 0, j * q, j * q);
    solveLower(L, q, cu, 1, oq, j * q);
    addCrossprodUpper(RZX, q, p, S, op, 0);
    for (let a = 0; a < q; a++) {
      const c = cu[j * q + a]!;
      cu2 += c * c;
      for (let i = 0; i < p; i++) cb[i]! -= RZX[op + a * p + i]! * c;
    }
    return true;
  }

  function criterion(): number {
    const fit = dof * (1 + Math.log((2 * Math.PI * r2) / dof));
    return reml ? ldL2 + ldRX2 + fit : ldL2 + fit;
  }

  /** v_j = L_j^-T (c_u,j - R_ZX,j beta), into `v`. */
  function sphericalMode(j: number): void {
    for (let a = 0; a < q; a++) {
      let s = cu[j * q + a]!;
      for (let i = 0; i < p; i++) s -= RZX[j * qp + a * p + i]! * beta[i]!;
      v[a] = s;
    }
    solveLowerTransposed(L, q, v, 1, j * qq, 0);
  }

  /*
   * Gradient of the profiled criterion, with E_ab = dLambda/dtheta_ab = e_a e_b':
   * - r2(theta) = min_{beta,v} |y - X beta - Z Lambda v|^2 + |v|^2, so by the envelope theorem
   *   d r2 = -2 sum_j (Z_j'r_j)_a (v_j)_b with Z_j'r_j = Z_j'y_j - Z_j'X_j beta - Z_j'Z_j Lambda v_j.
   * - ML: d log|M_j| = tr(M_j^-1 dM_j) = 2 (Z_j'Z_j Lambda M_j^-1)_ab.
   * - REML: log|M| + log|R_X'R_X| = log|Omega| with Omega = [M, Lambda'Z'X; X'Z Lambda, X'X]; tr(Omega^-1 dOmega)
   *   = 2 sum_j (Z_j'Z_j Lambda U_j - Z_j'X_j C^-1 Y_j')_ab with Y_j = M_j^-1 Lambda'Z_j'X_j, C = R_X'R_X,
   *   U_j = M_j^-1 + Y_j C^-1 Y_j' (the j-th diagonal block of Omega^-1). With Q_j = Y_j R_X^-1 and
   *   Bt_j = Z_j'X_j R_X^-1: Y_j C^-1 Y_j' = Q_j Q_j' and Z_j'X_j C^-1 Y_j' = Bt_j Q_j'.
   * Then d criterion = d(log dets) + dof * d r2 / r2.
   */
  function gradientInto(gradient: Float64Array): void {
    gLogDet.fill(0);
    gResid.fill(0);
    for (let j = 0; j < J; j++) addClusterGradient(j);
    const scale = (2 * dof) / r2;
    for (let t = 0; t < size; t++) gradient[t] = 2 * gLogDet[t]! - scale * gResid[t]!;
  }

  /** Cluster j's terms of the sums above, into gLogDet and gResid. */
  function addClusterGradient(j: number): void {
    const oq = j * qq;
    const op = j * qp;
    sphericalMode(j);
    for (let a = 0; a < q; a++) {
      let s = Zty[j * q + a]!;
      for (let i = 0; i < p; i++) s -= ZtX[op + a * p + i]! * beta[i]!;
      for (let k = 0; k < q; k++) s -= AL[oq + a * q + k]! * v[k]!;
      zr[a] = s;
    }
    inverseFromCholesky(L, q, U, oq, 0);
    if (reml) {
      for (let k = 0; k < qp; k++) {
        Q[k] = RZX[op + k]!;
        Bt[k] = ZtX[op + k]!;
      }
      solveLowerTransposed(L, q, Q, p, oq, 0);
      solveLowerTransposedRight(RX, p, Q, q);
      solveLowerTransposedRight(RX, p, Bt, q);
      addTcrossprod(Q, q, p, U);
    }
    for (let t = 0; t < size; t++) {
      const a = thetaRow[t]!;
      const b = thetaCol[t]!;
      // (Z_j'Z_j Lambda U_j)_ab with U_j symmetric, so its column b is its row b.
      let s = dot(AL, oq + a * q, U, b * q, q);
      if (reml) s -= dot(Bt, a * p, Q, b * p, p);
      gLogDet[t]! += s;
      gResid[t]! += zr[a]! * v[b]!;
    }
  }

  function evaluate(theta: ArrayLike<number>, gradient?: Float64Array): number {
    if (!factor(theta)) {
      gradient?.fill(NaN);
      return Infinity;
    }
    if (gradient) gradientInto(gradient);
    return criterion();
  }

  function profile(theta: ArrayLike<number>): ProfiledFit {
    if (!factor(theta)) throw new Error('the fixed-effect design is rank deficient at this theta');
    const sigma2 = r2 / dof;
    const vcov = new Float64Array(p * p);
    inverseFromCholesky(RX, p, vcov);
    for (let k = 0; k < p * p; k++) vcov[k]! *= sigma2;
    const reCov = new Float64Array(qq);
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        let s = 0;
        for (let k = 0; k < q; k++) s += lambda[a * q + k]! * lambda[b * q + k]!;
        reCov[a * q + b] = sigma2 * s;
      }
    }
    const ranef = new Float64Array(J * q);
    const ranefCondVarDiag = new Float64Array(J * q);
    const W = new Float64Array(qq);
    for (let j = 0; j < J; j++) {
      sphericalMode(j);
      // diag(Lambda M_j^-1 Lambda') = column norms of L_j^-1 Lambda'.
      for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) W[a * q + b] = lambda[b * q + a]!;
      solveLower(L, q, W, q, j * qq, 0);
      for (let a = 0; a < q; a++) {
        let u = 0;
        for (let k = 0; k < q; k++) u += lambda[a * q + k]! * v[k]!;
        ranef[j * q + a] = u;
        let c = 0;
        for (let k = 0; k < q; k++) c += W[k * q + a]! * W[k * q + a]!;
        ranefCondVarDiag[j * q + a] = sigma2 * c;
      }
    }
    return {
      criterion: criterion(),
      r2,
      sigma2,
      beta: Float64Array.from(beta),
      vcov,
      lambda: Float64Array.from(lambda),
      reCov,
      ranef,
      ranefCondVarDiag,
    };
  }

  return { reml, diagonal, size, thetaRow, thetaCol, lower, evaluate, profile };
}
