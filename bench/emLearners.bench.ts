// Benchmark of issue 4: REML-EM with the mlp, svr and forest learners on sim_nonlinear.csv (the model of the sim_linear
// reference: 13 features, 11 correlated random effects), each at its default stopping rule and tolerance, beside the
// seed paper's seconds per fold (Table 4; the paper has no forest).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFormula } from '../src-shared/formula.ts';
import { readTableFile } from '../src-main/data/readTableFile.ts';
import { fitMixedEm } from '../src-main/engine/em/fitEm.ts';
import { createLearner } from '../src-main/engine/learners/createLearner.ts';
import { makeModelMatrices } from '../src-main/engine/modelMatrices.ts';
import { loadReference, sharedDir } from '../src-main/engine/testing/referenceCases.ts';

export type NonlinearLearner = 'mlp' | 'svr' | 'forest';

export interface EmLearnerRun {
  learner: NonlinearLearner;
  seconds: number;
  iterations: number;
  converged: boolean;
  rule: string;
  tol: number;
  mseWithin: number;
  mseOut: number;
  paper?: { model: string; seconds: number };
}

const paperModel: Partial<Record<NonlinearLearner, string>> = { mlp: 'NN_nlin_REML', svr: 'SVR_REML' };

/** `start`: sigma2's start (EmOptions.start), the default or MATH.md's sigma2 = 1. */
export async function benchEmLearner(
  learner: NonlinearLearner,
  start: 'auto' | 'math' = 'auto',
): Promise<EmLearnerRun> {
  const table = await readTableFile(join(sharedDir, 'datasets', 'sim_nonlinear.csv'));
  const design = makeModelMatrices(table, parseFormula(loadReference('sim_linear').formula));
  const fit = await fitMixedEm(design, await createLearner(learner), { estimator: 'reml', seed: 1, start });
  const paper = JSON.parse(readFileSync(join(sharedDir, 'reference', 'paper_tables.json'), 'utf8')) as {
    table4_nonlinear_sim: { time_s: Record<string, number> };
  };
  const model = paperModel[learner];
  return {
    learner,
    seconds: fit.seconds,
    iterations: fit.iterations,
    converged: fit.converged,
    rule: fit.stoppingRule,
    tol: fit.tol,
    mseWithin: fit.metrics.mseWithin,
    mseOut: fit.metrics.mseOut,
    paper: model ? { model, seconds: paper.table4_nonlinear_sim.time_s[model]! } : undefined,
  };
}
