// The paper's MLP (MATH.md section 7): TensorFlow.js Dense layers, ReLU hidden layers ([5, 2] by default) and a linear
// output, trained by Adam on the MSE with the paper's early stopping.
import { learnerDefaults } from '../../../src-shared/defaults.ts';
import { DenseNetLearner } from './denseNet.ts';
import type { LearnerJSON } from './learner.ts';
import { checkNetOptions } from './netTraining.ts';
import type { NetTrainingOptions } from './netTraining.ts';

export interface MlpOptions extends NetTrainingOptions {
  /** Units of the ReLU hidden layers, from the input side. */
  hidden: readonly number[];
}

export class MlpLearner extends DenseNetLearner {
  readonly kind = 'mlp';
  readonly options: MlpOptions;
  protected readonly hidden: readonly number[];
  protected readonly label: string;

  constructor(options: Partial<MlpOptions> = {}) {
    super();
    this.options = { ...learnerDefaults.mlp, ...options };
    checkNetOptions(this.options, 'mlp learner');
    const { hidden } = this.options;
    if (!Array.isArray(hidden) || !hidden.every((h) => Number.isInteger(h) && h >= 1)) {
      throw new Error(`mlp learner: hidden must list the units of each hidden layer (whole numbers >= 1)`);
    }
    this.hidden = [...hidden];
    this.label = `MLP ${[...hidden, 1].join('-')}, ReLU (TensorFlow.js)`;
  }

  static fromJSON(json: LearnerJSON): Promise<MlpLearner> {
    return new MlpLearner(json.options as Partial<MlpOptions>).restore(json);
  }
}
