// What the mixedML EM precomputes once from the design (MATH.md section 2): the per-cluster cross products, which do
// not change across iterations, and the learner's view of X.
import type { MixedDesign } from '../design.ts';
import type { Features } from '../learners/learner.ts';
import { makeClusterBlocks } from '../lme/clusterBlocks.ts';
import type { ClusterBlocks } from '../lme/clusterBlocks.ts';

export interface EmProblem {
  design: MixedDesign;
  /** Z_j'Z_j, Z_j'X_j and X'X (REML's X is the design's X, the learner's features with their intercept column). */
  blocks: ClusterBlocks;
  /** The design's X as is, '(Intercept)' column included (see learners/learner.ts). */
  features: Features;
  reml: boolean;
  diagonal: boolean;
  /** Clusters with at least one row: the J of the Sigma update (lme4 drops unused levels too). */
  activeClusters: number;
}

export function makeEmProblem(design: MixedDesign, reml: boolean, diagonal: boolean): EmProblem {
  if (design.q < 1) throw new Error('mixedML EM: the model has no random effects (q = 0)');
  if (design.n < 1) throw new Error('mixedML EM: no rows');
  // X'X and Z_j'X_j are only read by REML; the pass that makes them is O(N p^2) once, cheaper than a second code path.
  const blocks = makeClusterBlocks(design);
  const activeClusters = blocks.nj.reduce((a, nj) => a + (nj > 0 ? 1 : 0), 0);
  const features = { values: design.X, n: design.n, p: design.p, names: design.xNames };
  return { design, blocks, features, reml, diagonal, activeClusters };
}
