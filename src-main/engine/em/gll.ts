// The generalised log-likelihood of MATH.md section 2 step 6 (the seed paper's eq. 7 with its typo fixed), the EM's
// stopping criterion: sum_j [r_j'r_j / sigma2 + u_j'Sigma^-1 u_j + log|Sigma| + n_j log sigma2].
import type { EmProblem } from './emProblem.ts';
import { logDetPsd, solveLowerPsd } from './psdCholesky.ts';
import type { ResidualStats } from './residualStats.ts';
import { relativeFactor } from './woodbury.ts';

/**
 * `stats` are those of e = y - f(X) for the learner as just retrained, u the step's random effects, (Sigma, sigma2) the
 * step's updates, so r_j = e_j - Z_j u_j. A singular Sigma uses the Lambda form: u'Sigma^-1 u = |v|^2 / sigma2 with
 * T v = u solved on Sigma's non-zero directions only, and log|Sigma| sums over those directions only.
 */
export function generalisedLogLik(
  problem: EmProblem,
  stats: ResidualStats,
  u: Float64Array,
  Sigma: Float64Array,
  sigma2: number,
): number {
  const { q, J, ZtZ, nj, n } = problem.blocks;
  const { T, rank } = relativeFactor(Sigma, sigma2, q);
  const logDetSigma = rank * Math.log(sigma2) + logDetPsd(T, q);
  const v = new Float64Array(q);
  let total = stats.ete;
  let perCluster = 0;
  for (let j = 0; j < J; j++) {
    if (nj[j] === 0) continue;
    const off = j * q;
    for (let a = 0; a < q; a++) {
      const ua = u[off + a]!;
      let cu = 0;
      for (let c = 0; c < q; c++) cu += ZtZ[j * q * q + a * q + c]! * u[off + c]!;
      total += ua * cu - 2 * ua * stats.Zte[off + a]!;
      v[a] = ua;
    }
    solveLowerPsd(T, q, v, 1);
    for (let a = 0; a < q; a++) total += v[a]! ** 2;
    perCluster += logDetSigma;
  }
  return total / sigma2 + perCluster + n * Math.log(sigma2);
}
