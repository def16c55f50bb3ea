// Test support: MATH.md section 2's EM update and the ML / REML criteria evaluated literally, with dense n_j x n_j
// matrices V_j and P_j (ml-matrix), as an independent check of the q x q algebra of woodbury.ts and varianceUpdate.ts.
// ml-matrix's add/sub/mul methods work in place: every operand that is used again is cloned first.
import { Matrix, determinant, inverse } from 'ml-matrix';
import type { MixedDesign } from '../../design.ts';

interface ClusterMatrices {
  rows: number[];
  X: Matrix;
  Z: Matrix;
  e: Matrix;
  Vinv: Matrix;
  logDetV: number;
}

function clusters(design: MixedDesign, e: ArrayLike<number>, Sigma: Matrix, sigma2: number): ClusterMatrices[] {
  const { n, p, q, J, X, Z, group } = design;
  const rowsOf: number[][] = Array.from({ length: J }, () => []);
  for (let r = 0; r < n; r++) rowsOf[group[r]!]!.push(r);
  return rowsOf
    .filter((rows) => rows.length > 0)
    .map((rows) => {
      const Xj = new Matrix(rows.map((r) => Array.from(X.subarray(r * p, (r + 1) * p))));
      const Zj = new Matrix(rows.map((r) => Array.from(Z.subarray(r * q, (r + 1) * q))));
      const V = Zj.mmul(Sigma).mmul(Zj.transpose()).add(Matrix.eye(rows.length).mul(sigma2));
      return {
        rows,
        X: Xj,
        Z: Zj,
        e: Matrix.columnVector(rows.map((r) => e[r]!)),
        Vinv: inverse(V),
        logDetV: Math.log(determinant(V)),
      };
    });
}

/** u_j, the updated Sigma and sigma2 (MATH.md section 2 steps 2 to 4) and the criterion, all at residuals e. */
export function denseEmUpdate(
  design: MixedDesign,
  e: ArrayLike<number>,
  sigmaRows: number[][],
  sigma2: number,
  reml: boolean,
): { u: number[][]; Sigma: number[][]; sigma2: number; criterion: number } {
  const Sigma = new Matrix(sigmaRows);
  const cs = clusters(design, e, Sigma, sigma2);
  const A = cs.reduce((acc, c) => acc.add(c.X.transpose().mmul(c.Vinv).mmul(c.X)), Matrix.zeros(design.p, design.p));
  const Ainv = inverse(A);
  let sigmaSum = Matrix.zeros(design.q, design.q);
  let sigma2Sum = 0;
  let quad = 0;
  let logDetV = 0;
  const Xve = Matrix.zeros(design.p, 1);
  const u: number[][] = Array.from({ length: design.J }, () => new Array<number>(design.q).fill(0));
  for (const c of cs) {
    const uj = Sigma.mmul(c.Z.transpose()).mmul(c.Vinv).mmul(c.e);
    const rj = c.e.clone().sub(c.Z.mmul(uj));
    const vx = c.Vinv.mmul(c.X);
    const P = reml ? c.Vinv.clone().sub(vx.mmul(Ainv).mmul(vx.transpose())) : c.Vinv;
    sigmaSum = sigmaSum
      .add(uj.mmul(uj.transpose()))
      .add(Sigma)
      .sub(Sigma.mmul(c.Z.transpose()).mmul(P).mmul(c.Z).mmul(Sigma));
    sigma2Sum += rj.transpose().mmul(rj).get(0, 0) + sigma2 * (c.rows.length - sigma2 * P.trace());
    quad += c.e.transpose().mmul(c.Vinv).mmul(c.e).get(0, 0);
    logDetV += c.logDetV;
    Xve.add(vx.transpose().mmul(c.e));
    u[design.group[c.rows[0]!]!] = uj.getColumn(0);
  }
  const { n, p } = design;
  const criterion = reml
    ? logDetV +
      Math.log(determinant(A)) +
      quad -
      Xve.transpose().mmul(Ainv).mmul(Xve).get(0, 0) +
      (n - p) * Math.log(2 * Math.PI)
    : logDetV + quad + n * Math.log(2 * Math.PI);
  return { u, Sigma: sigmaSum.div(cs.length).to2DArray(), sigma2: sigma2Sum / n, criterion };
}

/** The ML deviance or REML criterion at (Sigma, sigma2) with beta at its GLS estimate (lme4's objective, unprofiled). */
export function denseCriterion(design: MixedDesign, sigmaRows: number[][], sigma2: number, reml: boolean): number {
  const { n, p, y, X } = design;
  const cs = clusters(design, y, new Matrix(sigmaRows), sigma2);
  const A = cs.reduce((acc, c) => acc.add(c.X.transpose().mmul(c.Vinv).mmul(c.X)), Matrix.zeros(p, p));
  const b = cs.reduce((acc, c) => acc.add(c.X.transpose().mmul(c.Vinv).mmul(c.e)), Matrix.zeros(p, 1));
  const beta = inverse(A).mmul(b).getColumn(0);
  const fitted = Float64Array.from({ length: n }, (_, r) => beta.reduce((s, bk, k) => s + X[r * p + k]! * bk, 0));
  return denseEmUpdate(
    design,
    Float64Array.from(y, (v, r) => v - fitted[r]!),
    sigmaRows,
    sigma2,
    reml,
  ).criterion;
}
