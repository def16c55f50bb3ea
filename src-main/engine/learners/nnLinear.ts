// The paper's NN_lin (MATH.md section 7): one TensorFlow.js Dense(1) unit on the features, trained by Adam on the MSE
// with the paper's early stopping. Its fixed point in the EM is least squares reached by gradient descent.
import { learnerDefaults } from '../../../src-shared/defaults.ts';
import { DenseNetLearner } from './denseNet.ts';
import type { LearnerJSON } from './learner.ts';
import { checkNetOptions } from './netTraining.ts';
import type { NetTrainingOptions } from './netTraining.ts';

export class NnLinearLearner extends DenseNetLearner {
  readonly kind = 'nn_linear';
  readonly options: NetTrainingOptions;
  protected readonly hidden = [];
  protected readonly label = 'Linear neural net (TensorFlow.js Dense(1))';

  constructor(options: Partial<NetTrainingOptions> = {}) {
    super();
    this.options = { ...learnerDefaults.nn_linear, ...options };
    checkNetOptions(this.options, 'nn_linear learner');
  }

  static fromJSON(json: LearnerJSON): Promise<NnLinearLearner> {
    return new NnLinearLearner(json.options as Partial<NetTrainingOptions>).restore(json);
  }
}
