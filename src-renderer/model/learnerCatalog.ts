// The learners and estimators the builder offers (MATH.md section 7), in the words of the learner select.
import type { ModelSpec } from '../../src-shared/spec.ts';

export type LearnerName = Exclude<ModelSpec['learner'], 'pretrained'>;
export type EstimatorName = ModelSpec['estimator'];

export interface LearnerInfo {
  name: LearnerName;
  label: string;
  estimators: EstimatorName[];
  description: string;
}

const em: EstimatorName[] = ['reml', 'ml', 'oob'];

export const learners: LearnerInfo[] = [
  {
    name: 'lme',
    label: 'Linear mixed model (lme4)',
    estimators: ['reml', 'ml'],
    description: 'The classic LME, fitted by profiled REML or ML deviance as lme4::lmer does.',
  },
  {
    name: 'linear',
    label: 'Linear regression (least squares)',
    estimators: em,
    description: 'Exact least squares; with the EM its fixed point is the LME fit.',
  },
  {
    name: 'nn_linear',
    label: 'Neural net, linear (Dense(1))',
    estimators: em,
    description: 'The paper’s NN_lin: one dense unit trained by Adam on the mean squared error.',
  },
  {
    name: 'mlp',
    label: 'Neural net (MLP)',
    estimators: em,
    description: 'Dense ReLU layers and a linear output, trained by Adam.',
  },
  {
    name: 'svr',
    label: 'Support vector regression (RBF)',
    estimators: em,
    description: 'epsilon-SVR with the RBF kernel and scikit-learn’s defaults.',
  },
  {
    name: 'forest',
    label: 'Random forest (MERF)',
    estimators: em,
    description: 'Random-forest regression; with the EM this is MERF.',
  },
];

export const estimatorLabels: Record<EstimatorName, string> = {
  reml: 'REML',
  ml: 'ML',
  oob: 'OOB (out of the box)',
};

export function learnerInfo(name: LearnerName): LearnerInfo {
  return learners.find((l) => l.name === name) ?? learners[0]!;
}
