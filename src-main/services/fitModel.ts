// One fit of a ModelSpec on a design: the classic LME (lme4's lmer), or a learner with random effects by the mixedML
// EM (ML, REML) or OOB; plus the ml and hot baselines of MATH.md section 5. Shared by `fit`, cross-validation folds
// and prediction, so that all of them fit the same way.
import type { JobProgress } from '../../src-shared/jobs.ts';
import type { FitResult, ModelSpec } from '../../src-shared/spec.ts';
import { readLayersModelFiles, type LayersModelFiles } from '../data/readLayersModel.ts';
import type { MixedDesign } from '../engine/design.ts';
import { conditionalVarianceDiag } from '../engine/em/conditionalVariance.ts';
import { fitMixedEm, type EmFit } from '../engine/em/fitEm.ts';
import type { EmOptions } from '../engine/em/options.ts';
import { fitOob } from '../engine/em/fitOob.ts';
import type { MixedModel } from '../engine/em/predict.ts';
import { independentColumns, restrictFeatures } from '../engine/learners/aliasedColumns.ts';
import { createLearner, createPretrainedLearner } from '../engine/learners/createLearner.ts';
import { learnerDefaults } from '../../src-shared/defaults.ts';
import { CancelledError, type CancelSignal, type Features } from '../engine/learners/learner.ts';
import { LinearLearner } from '../engine/learners/linear.ts';
import { fitLme } from '../engine/lme/fitLme.ts';
import type { LmeFit } from '../engine/lme/makeFitResult.ts';
import { hotFeatures } from '../engine/metrics.ts';

export interface FitContext {
  signal?: CancelSignal;
  onProgress?: (progress: JobProgress) => void;
}

/** A fitted model: what the result reports, and what prediction needs. */
export interface FittedModel {
  /** FitResult without the fields that describe the data (formula, dropped rows) and the training metrics. */
  result: Omit<FitResult, 'formula' | 'dropped' | 'metrics'>;
  model: MixedModel;
  /** f(X) on the rows of the design it was fitted on (the EM has them from its last step). */
  out: Float64Array;
}

export function featuresOf(design: MixedDesign): Features {
  return { values: design.X, n: design.n, p: design.p, names: design.xNames };
}

/** `onInitialFit`: given the learner once trained on y, before the EM refits it (EmOptions.onInitialFit). */
export async function fitMixed(
  design: MixedDesign,
  spec: ModelSpec,
  context: FitContext = {},
  onInitialFit?: EmOptions['onInitialFit'],
): Promise<FittedModel> {
  const diagonal = spec.covariance === 'diagonal' || design.diagonal;
  if (spec.learner === 'lme') {
    if (spec.estimator === 'oob') throw new Error('the OOB estimator needs a learner; the LME is fitted by REML or ML');
    const fit = fitLme(design, {
      reml: spec.estimator === 'reml',
      diagonal,
      onProgress: (p) => {
        if (context.signal?.aborted) throw new CancelledError();
        context.onProgress?.({ phase: 'LME', iteration: p.iteration });
      },
    });
    return lmeModel(fit, design, spec);
  }
  const learner =
    spec.learner === 'pretrained'
      ? await createPretrainedLearner(await pretrainedFiles(spec), spec.learnerOptions)
      : await createLearner(spec.learner, spec.learnerOptions);
  const options = {
    estimator: spec.estimator === 'ml' ? ('ml' as const) : ('reml' as const),
    structure: diagonal ? ('diagonal' as const) : ('unstructured' as const),
    tol: spec.tol,
    maxIter: spec.maxIter,
    seed: spec.seed,
    // The user's model arrives trained: the EM fine-tunes it instead of training it on y first (MATH.md section 2).
    pretrained: spec.learner === 'pretrained',
    signal: context.signal,
    onProgress: (p: { iteration: number; gll: number }) =>
      context.onProgress?.({ phase: spec.estimator === 'oob' ? 'OOB' : 'EM', iteration: p.iteration, gll: p.gll }),
    onLearnerProgress: (p: { step: number; loss?: number }) =>
      context.onProgress?.({ phase: 'training', epoch: p.step, loss: p.loss }),
    onInitialFit,
  };
  const fit =
    spec.estimator === 'oob' ? await fitOob(design, learner, options) : await fitMixedEm(design, learner, options);
  return emModel(fit, design, spec);
}

async function pretrainedFiles(spec: ModelSpec): Promise<LayersModelFiles> {
  if (!spec.pretrained) {
    throw new Error('the pretrained learner needs its TensorFlow.js model: give the path of model.json (--pretrained)');
  }
  return readLayersModelFiles(spec.pretrained);
}

/** The ml and hot baselines' predictions (MATH.md section 5) for the rows of a design. */
export interface BaselinePredictions {
  ml: Float64Array;
  hot: Float64Array;
}

/**
 * fitMixed on `train`, and the ml baseline (the learner on y alone) and the hot baseline (with one-hot cluster
 * membership) fitted on `train` and predicting the rows of `target` (`known`: the clusters `train` has). The ml
 * baseline is the EM's start when the EM has one (a learner that is not pretrained), so it is not trained twice.
 */
export async function fitWithBaselines(
  train: MixedDesign,
  spec: ModelSpec,
  context: FitContext,
  target: { design: MixedDesign; known: number[] },
): Promise<{ fitted: FittedModel; baselines: BaselinePredictions }> {
  const X = featuresOf(target.design);
  let ml: Float64Array | undefined;
  let mlSeconds = 0;
  // Predicting the training rows themselves (a fit's metrics) takes the EM's own predictions.
  const fitted = await fitMixed(train, spec, context, (learner, trainFitted) => {
    if (target.design === train) {
      ml = trainFitted;
      return;
    }
    const started = performance.now();
    ml = learner.predict(X);
    mlSeconds = (performance.now() - started) / 1000;
  });
  // The fit's time is the mixedML model's own, as the paper's tables report it.
  fitted.result.seconds -= mlSeconds;
  const kind = spec.learner === 'lme' || spec.learner === 'pretrained' ? 'linear' : spec.learner;
  const options = kind === spec.learner ? spec.learnerOptions : {};
  const fitOptions = { signal: context.signal, seed: spec.seed };
  if (!ml) {
    context.onProgress?.({ phase: 'baseline ml' });
    const learner = await createLearner(kind, options);
    await learner.fit(featuresOf(train), train.y, fitOptions);
    ml = learner.predict(X);
  }
  context.onProgress?.({ phase: 'baseline hot' });
  const hot = await createLearner(kind, options);
  const all = Array.from({ length: train.J }, (_, j) => j);
  const full = hotFeatures(featuresOf(train), train, all);
  const targetHot = target.design === train ? full : hotFeatures(X, target.design, target.known);
  // Least squares cannot separate cluster-level predictors from the cluster indicators: drop the aliased columns.
  const kept = kind === 'linear' ? independentColumns(full, learnerDefaults.linear.rankTolerance) : undefined;
  const select = (F: Features) => (kept ? restrictFeatures(F, kept) : F);
  await hot.fit(select(full), train.y, fitOptions);
  return { fitted, baselines: { ml, hot: hot.predict(select(targetHot)) } };
}

function lmeModel(fit: LmeFit, design: MixedDesign, spec: ModelSpec): FittedModel {
  const named = (values: number[]) => Object.fromEntries(design.xNames.map((name, i) => [name, values[i]!]));
  const learner = LinearLearner.fromJSON({
    kind: 'linear',
    version: 1,
    options: {},
    state: { names: design.xNames, coefficients: fit.fixef },
  });
  return {
    model: { learner, reCov: fit.reCov, sigma2: fit.sigma ** 2, ranef: fit.ranef, levels: fit.levels },
    out: learner.predict(featuresOf(design)),
    result: {
      ...common(design, spec),
      fixef: named(fit.fixef),
      fixef_se: named(fit.fixefSe),
      re_cov: fit.reCov,
      sigma: fit.sigma,
      icc: fit.icc ?? null,
      logLik: fit.logLik,
      criterion: fit.criterion,
      aic: fit.aic,
      bic: fit.bic,
      singular: fit.singular,
      converged: fit.converged,
      iterations: fit.iterations,
      evaluations: fit.evaluations,
      seconds: fit.seconds,
      warnings: fit.warnings,
      ranef: { levels: fit.levels, values: fit.ranef },
      ranef_condvar_diag: fit.ranefCondVarDiag,
      backend: null,
      learner_description: { kind: 'lme', label: 'linear mixed model (lme4)', options: {} },
    },
  };
}

function emModel(fit: EmFit, design: MixedDesign, spec: ModelSpec): FittedModel {
  const { learner } = fit;
  const description = learner.describe();
  // The criterion is lme4's at the EM's estimates; with a non-linear learner it is a working likelihood only.
  const parameters = design.p + (design.q * (design.q + 1)) / 2 + 1;
  const logLik = -fit.criterion / 2;
  const warnings = [
    ...(fit.converged
      ? []
      : [
          `The ${spec.estimator.toUpperCase()} iterations did not converge in ${fit.iterations} iterations: raise the maximum or loosen the tolerance.`,
        ]),
    ...(fit.singular
      ? [
          'Singular fit: a random-effect variance is (nearly) zero, or the effects are perfectly correlated. Consider dropping a random slope.',
        ]
      : []),
  ];
  return {
    model: fit,
    out: fit.fitted,
    result: {
      ...common(design, spec),
      fixef: learner instanceof LinearLearner ? learner.coefficients() : {},
      fixef_se: {},
      re_cov: fit.reCov,
      sigma: fit.sigma,
      icc:
        design.q === 1 && design.zNames[0] === '(Intercept)'
          ? fit.reCov[0]![0]! / (fit.reCov[0]![0]! + fit.sigma2)
          : null,
      logLik,
      criterion: fit.criterion,
      aic: -2 * logLik + 2 * parameters,
      bic: -2 * logLik + parameters * Math.log(design.n),
      singular: fit.singular,
      converged: fit.converged,
      iterations: fit.iterations,
      evaluations: fit.emSteps,
      seconds: fit.seconds,
      warnings,
      ranef: { levels: fit.levels, values: fit.ranef },
      // lme4's condVar at the EM's estimates, the learner taken as known (as lme4 takes beta).
      ranef_condvar_diag: conditionalVarianceDiag(design, fit.reCov, fit.sigma2),
      gll: fit.gll,
      stopping_rule: fit.stoppingRule,
      tol: fit.tol,
      backend: description.backend ?? null,
      learner_description: { kind: description.kind, label: description.label, options: description.options },
    },
  };
}

function common(design: MixedDesign, spec: ModelSpec) {
  return {
    learner: spec.learner,
    estimator: spec.estimator,
    response: design.response,
    group: design.groupName,
    nobs: design.n,
    ngroups: design.J,
    re_names: design.zNames,
    factor_levels: design.factorLevels,
  };
}
