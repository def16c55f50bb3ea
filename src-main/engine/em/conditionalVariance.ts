// The conditional variances of the random effects at the EM's estimates, lme4's condVar: for cluster j,
// Var(u_j | e_j) = Sigma - Sigma Z_j'V_j^-1 Z_j Sigma = sigma2 W_j (woodbury.ts), computed from Z_j'Z_j alone. Like lme4's
// they treat the fixed part (here the learner) as known. They give the caterpillar plot its intervals.
import type { MixedDesign } from '../design.ts';
import { makeClusterBlocks } from '../lme/clusterBlocks.ts';
import { makeWoodburyWork, relativeFactor, woodburyW } from './woodbury.ts';

/** J x q: the diagonal of Var(u_j | e_j) for every cluster. */
export function conditionalVarianceDiag(design: MixedDesign, reCov: number[][], sigma2: number): number[][] {
  const { q, J } = design;
  const { ZtZ } = makeClusterBlocks(design);
  const { T } = relativeFactor(Float64Array.from(reCov.flat()), sigma2, q);
  const work = makeWoodburyWork(q);
  const w = new Float64Array(q * q);
  return Array.from({ length: J }, (_, j) => {
    woodburyW(T, ZtZ, j * q * q, work, w);
    return Array.from({ length: q }, (_, a) => sigma2 * w[a * q + a]!);
  });
}
