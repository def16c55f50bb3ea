// The guided tour of the main screens, on the built-in example: each step shows one screen and highlights the part
// marked with its `data-tour` attribute.
import type { Screen } from '../stores/navigation.ts';

export interface TourStep {
  screen: Screen;
  /** The `data-tour` value of the element to highlight; the screen itself when it is not there. */
  target: string;
  title: string;
  text: string;
}

export const tourSteps: readonly TourStep[] = [
  {
    screen: 'data',
    target: 'data-grid',
    title: 'Your data',
    text:
      'This is the example: the paper’s Appendix B data, simulated, with 200 clusters of 22 to 35 rows, ten row ' +
      'features, three cluster features and a nonlinear outcome y. The grid scrolls through every row; the list ' +
      'beside it shows each variable’s type, mean and missing values.',
  },
  {
    screen: 'data',
    target: 'derive',
    title: 'Derived columns',
    text:
      'Add column… makes cluster means, centred and standardised variables, products for interactions and dummy ' +
      'codes. A project keeps the recipe, so the columns are made again when it reopens.',
  },
  {
    screen: 'model',
    target: 'roles',
    title: 'Build the model',
    text:
      'Choose the outcome and the cluster variable, tick the predictors, and tick Random slope beside a predictor ' +
      'whose effect varies between clusters.',
  },
  {
    screen: 'model',
    target: 'formula',
    title: 'The live formula',
    text:
      'The lme4 formula follows your clicks, and typing in it moves the checkboxes. Choose the learner and the ' +
      'estimator above it, then press Fit or Cross-validate.',
  },
  {
    screen: 'runs',
    target: 'runs',
    title: 'Runs',
    text:
      'Every fit and cross-validation runs here as a job, with its progress, time, a Cancel button and a live ' +
      'convergence chart. You can keep working while it runs.',
  },
  {
    screen: 'results',
    target: 'results',
    title: 'Results',
    text:
      'Fixed effects, variance components and warnings in plain words, then the charts. Each table exports as CSV ' +
      'or APA HTML for Word, each chart as PNG or SVG.',
  },
  {
    screen: 'compare',
    target: 'compare',
    title: 'Compare',
    text:
      'A cross-validation puts the mixedML model beside the LME, the learner alone and the learner with one-hot ' +
      'clusters, in the layout of the paper’s Tables 3 and 4.',
  },
  {
    screen: 'predict',
    target: 'predict',
    title: 'Predict',
    text:
      'Apply a fitted model to a new file: predictions within and out of the clusters, random effects for new ' +
      'clusters with observed outcomes, exported as CSV. Press ? in the toolbar to see this tour again.',
  },
];
