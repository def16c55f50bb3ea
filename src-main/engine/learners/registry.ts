// Rebuilds a saved learner from its JSON (the project file) by kind. Learners load lazily so that a project with a
// linear learner never loads TensorFlow.js.
import type { Learner, LearnerJSON } from './learner.ts';

const loaders: Record<string, (json: LearnerJSON) => Promise<Learner>> = {
  linear: async (json) => (await import('./linear.ts')).LinearLearner.fromJSON(json),
  nn_linear: async (json) => (await import('./nnLinear.ts')).NnLinearLearner.fromJSON(json),
  mlp: async (json) => (await import('./mlp.ts')).MlpLearner.fromJSON(json),
  pretrained: async (json) => (await import('./pretrained.ts')).PretrainedLearner.fromJSON(json),
  svr: async (json) => (await import('./svr.ts')).SvrLearner.fromJSON(json),
  forest: async (json) => (await import('./forest.ts')).ForestLearner.fromJSON(json),
};

export async function learnerFromJSON(json: LearnerJSON): Promise<Learner> {
  const load = loaders[json.kind];
  if (!load) throw new Error(`unknown learner kind '${json.kind}' (known: ${Object.keys(loaders).join(', ')})`);
  return load(json);
}
