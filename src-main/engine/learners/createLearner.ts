// A new, untrained learner of a kind with the user's options, or a user's pre-trained model from its file artefacts.
// Options are checked against the kind's defaults (src-shared/defaults.ts) so that a misspelt option is an error that names the
// known ones, not silently ignored.
import type { LayersModelFiles } from '../../data/readLayersModel.ts';
import { learnerDefaults } from '../../../src-shared/defaults.ts';
import type { Learner } from './learner.ts';
import type { NetTrainingOptions } from './netTraining.ts';

export type LearnerKind = 'linear' | 'nn_linear' | 'mlp' | 'svr' | 'forest';
export type LearnerOptionValue = number | string | boolean | null | number[];

export async function createLearner(
  kind: LearnerKind,
  options: Record<string, LearnerOptionValue> = {},
): Promise<Learner> {
  checkOptions(kind, options);
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

/**
 * The user's TensorFlow.js Layers model (MATH.md section 7), to be fine-tuned by the EM. The engine does no I/O: the
 * caller reads model.json and its weights (data/readLayersModel.ts) and hands them in.
 */
export async function createPretrainedLearner(
  files: LayersModelFiles,
  options: Record<string, LearnerOptionValue> = {},
): Promise<Learner> {
  checkOptions('pretrained', options);
  const { PretrainedLearner } = await import('./pretrained.ts');
  return PretrainedLearner.fromFiles(files, options as Partial<NetTrainingOptions>);
}

function checkOptions(kind: keyof typeof learnerDefaults, options: Record<string, LearnerOptionValue>): void {
  const known = Object.keys(learnerDefaults[kind]);
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) {
      throw new Error(`the ${kind} learner has no option '${name}' (its options: ${known.join(', ')})`);
    }
  }
}
