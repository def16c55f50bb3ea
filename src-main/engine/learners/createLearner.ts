// A new, untrained learner of a kind with the user's options. Options are checked against the kind's defaults
// (defaults.ts) so that a misspelt option is an error that names the known ones, not silently ignored.
import { learnerDefaults } from './defaults.ts';
import type { Learner } from './learner.ts';

export type LearnerKind = 'linear' | 'nn_linear' | 'mlp' | 'svr' | 'forest';
export type LearnerOptionValue = number | string | boolean | null | number[];

export async function createLearner(
  kind: LearnerKind,
  options: Record<string, LearnerOptionValue> = {},
): Promise<Learner> {
  const known = Object.keys(learnerDefaults[kind]);
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) {
      throw new Error(`the ${kind} learner has no option '${name}' (its options: ${known.join(', ')})`);
    }
  }
  switch (kind) {
    case 'linear':
      return new (await import('./linear.ts')).LinearLearner(options);
    case 'nn_linear':
      return new (await import('./nnLinear.ts')).NnLinearLearner(options);
    case 'mlp':
      return new (await import('./mlp.ts')).MlpLearner(options);
    case 'svr':
      return new (await import('./svr.ts')).SvrLearner(options);
    case 'forest':
      return new (await import('./forest.ts')).ForestLearner(options);
  }
}
