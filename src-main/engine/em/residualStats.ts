// The O(N) pass over the residuals e = y - f(X) that each EM step needs (MATH.md section 2, step 1): Z_j'e_j per
// cluster, e'e, and X'e for the REML criterion. Everything else in the step is per-cluster q x q / q x p algebra.
import type { EmProblem } from './emProblem.ts';

export interface ResidualStats {
  /** Z_j'e_j at j * q. */
  Zte: Float64Array;
  ete: number;
  /** X'e (REML only). */
  Xte: Float64Array | undefined;
}

/** Statistics of e = y - fitted. */
export function residualStats(problem: EmProblem, fitted: Float64Array): ResidualStats {
  const { n, p, q, J, X, Z, y, group } = problem.design;
  const Zte = new Float64Array(J * q);
  const Xte = problem.reml ? new Float64Array(p) : undefined;
  let ete = 0;
  for (let r = 0; r < n; r++) {
    const e = y[r]! - fitted[r]!;
    ete += e * e;
    const zr = r * q;
    const jq = group[r]! * q;
    for (let a = 0; a < q; a++) Zte[jq + a]! += Z[zr + a]! * e;
    if (Xte) for (let k = 0; k < p; k++) Xte[k]! += X[r * p + k]! * e;
  }
  return { Zte, ete, Xte };
}
