// The one O(N) pass of the LME fitter (MATH.md section 1): per-cluster cross products Z_j'Z_j, Z_j'X_j, Z_j'y_j and
// the global X'X, X'y, y'y. Everything downstream (deviance, gradient, results) reads only these blocks.
import type { MixedDesign } from '../design.ts';
import { symmetrizeFromUpper } from '../linalg/products.ts';

export interface ClusterBlocks {
  n: number;
  p: number;
  q: number;
  J: number;
  /** J blocks of q x q (row-major, full): Z_j'Z_j at j * q * q. */
  ZtZ: Float64Array;
  /** J blocks of q x p: Z_j'X_j at j * q * p. */
  ZtX: Float64Array;
  /** J vectors of length q: Z_j'y_j at j * q. */
  Zty: Float64Array;
  /** p x p, full. */
  XtX: Float64Array;
  Xty: Float64Array;
  yty: number;
  /** Rows per cluster. */
  nj: Int32Array;
}

export function makeClusterBlocks(design: MixedDesign): ClusterBlocks {
  const { n, p, q, J, X, Z, y, group } = design;
  const ZtZ = new Float64Array(J * q * q);
  const ZtX = new Float64Array(J * q * p);
  const Zty = new Float64Array(J * q);
  const XtX = new Float64Array(p * p);
  const Xty = new Float64Array(p);
  const nj = new Int32Array(J);
  let yty = 0;
  for (let r = 0; r < n; r++) {
    const j = group[r]!;
    if (!(j >= 0 && j < J)) throw new Error(`row ${r} has cluster index ${j}, outside 0..${J - 1}`);
    nj[j]! += 1;
    const yr = y[r]!;
    const xr = r * p;
    const zr = r * q;
    yty += yr * yr;
    for (let i = 0; i < p; i++) {
      const xi = X[xr + i]!;
      Xty[i]! += xi * yr;
      for (let k = i; k < p; k++) XtX[i * p + k]! += xi * X[xr + k]!;
    }
    const zz = j * q * q;
    const zx = j * q * p;
    for (let a = 0; a < q; a++) {
      const za = Z[zr + a]!;
      if (za === 0) continue;
      Zty[j * q + a]! += za * yr;
      for (let b = a; b < q; b++) ZtZ[zz + a * q + b]! += za * Z[zr + b]!;
      for (let i = 0; i < p; i++) ZtX[zx + a * p + i]! += za * X[xr + i]!;
    }
  }
  symmetrizeFromUpper(XtX, p);
  for (let j = 0; j < J; j++) symmetrizeFromUpper(ZtZ, q, j * q * q);
  return { n, p, q, J, ZtZ, ZtX, Zty, XtX, Xty, yty, nj };
}
