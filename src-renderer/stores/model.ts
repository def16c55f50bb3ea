// The model being built: the Formula the checkboxes edit, the formula text the user may type instead (each updates
// the other: printFormula one way, parseFormula the other), learner, estimator and CV options, and the ModelSpec they
// make when nothing is missing.
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { FormulaError, parseFormula, printFormula, type Formula } from '../../src-shared/formula.ts';
import type { CvOptions, ModelSpec } from '../../src-shared/spec.ts';
import { emptyFormula } from '../model/builder.ts';
import { checkModel } from '../model/checkModel.ts';
import { learnerInfo, type EstimatorName, type LearnerName } from '../model/learnerCatalog.ts';
import { emDefaults, type EmSettings, type OptionValue } from '../model/learnerOptions.ts';
import { useDatasetsStore } from './datasets.ts';

export interface TextError {
  message: string;
  /** 0-based character of the problem in the text. */
  position: number;
}

export const useModelStore = defineStore('model', () => {
  const datasets = useDatasetsStore();
  const formula = ref<Formula>(emptyFormula);
  const text = ref('');
  const textError = ref<TextError | null>(null);
  const learner = ref<LearnerName>('lme');
  const estimator = ref<EstimatorName>('reml');
  /** Options the user changed from the defaults, per learner (the others are the backend's defaults). */
  const learnerOptions = ref<Partial<Record<LearnerName, Record<string, OptionValue>>>>({});
  const em = ref<EmSettings>({ ...emDefaults });
  /** The GUI's CV defaults: the seed paper's 50 row-wise folds, against all three baselines. */
  const cv = ref<CvOptions>({ folds: 50, grouped: false, seed: 1, compare: ['lme', 'ml', 'hot'] });

  watch(learner, (name) => {
    if (!learnerInfo(name).estimators.includes(estimator.value)) estimator.value = 'reml';
  });

  /** A checkbox or select changed the model: the text follows. */
  function edit(change: (f: Formula) => Formula) {
    formula.value = change(formula.value);
    text.value = formula.value.response ? printFormula(formula.value) : '';
    textError.value = null;
  }

  /** The user typed: the checkboxes follow when the text reads, the error shows where it does not. */
  function setText(value: string) {
    text.value = value;
    if (!value.trim()) {
      textError.value = null;
      return;
    }
    try {
      formula.value = parseFormula(value);
      textError.value = null;
    } catch (error) {
      textError.value =
        error instanceof FormulaError
          ? { message: error.message, position: error.position }
          : { message: String(error), position: 0 };
    }
  }

  function setOption(name: string, value: OptionValue | undefined) {
    const current = { ...learnerOptions.value[learner.value] };
    if (value === undefined) delete current[name];
    else current[name] = value;
    learnerOptions.value = { ...learnerOptions.value, [learner.value]: current };
  }

  /** Load a model seen in the results back into the builder. */
  function load(spec: ModelSpec) {
    setText(spec.formula);
    if (spec.learner !== 'pretrained') {
      learner.value = spec.learner;
      learnerOptions.value = { ...learnerOptions.value, [spec.learner]: { ...spec.learnerOptions } };
    }
    estimator.value = spec.estimator;
    em.value = { tol: spec.tol, maxIter: spec.maxIter, seed: spec.seed };
  }

  const problems = computed(() => (textError.value ? [] : checkModel(formula.value, datasets.active?.variables)));
  const covariance = computed(() => (formula.value.random?.diagonal ? 'diagonal' : 'unstructured'));
  const spec = computed<ModelSpec | null>(() =>
    textError.value || problems.value.length
      ? null
      : {
          formula: printFormula(formula.value),
          learner: learner.value,
          estimator: estimator.value,
          covariance: covariance.value,
          learnerOptions: { ...learnerOptions.value[learner.value] },
          ...em.value,
        },
  );

  return {
    formula,
    text,
    textError,
    learner,
    estimator,
    learnerOptions,
    em,
    cv,
    covariance,
    problems,
    spec,
    edit,
    setText,
    setOption,
    load,
  };
});
