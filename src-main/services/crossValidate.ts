// One cross-validation fold (MATH.md section 6): the mixedML model, the ml and hot baselines and (optionally) the
// classic LME fitted on the fold's training rows, every metric on its training and test rows, the estimates and the
// time. Test rows of clusters unseen in training get within = out.
import type { CvOptions, ModelSpec } from '../../src-shared/spec.ts';
import type { FoldResult } from '../engine/cv.ts';
import type { MixedDesign } from '../engine/design.ts';
import { predictMixed } from '../engine/em/predict.ts';
import { meanSquaredError, mixedMetrics } from '../engine/metrics.ts';
import { subsetDesign } from '../engine/subsetDesign.ts';
import { featuresOf, fitMixed, fitWithBaselines, type FitContext, type FittedModel } from './fitModel.ts';

export interface FoldOutcome {
  mixed: FoldResult;
  models: Record<string, FoldResult>;
}

export async function runFold(
  design: MixedDesign,
  spec: ModelSpec,
  fold: { train: ArrayLike<number>; test: ArrayLike<number> },
  compare: CvOptions['compare'],
  context: FitContext = {},
): Promise<FoldOutcome> {
  const train = subsetDesign(design, fold.train);
  const X = featuresOf(design);
  const clusters = Array.from(design.group, (g) => design.levels[g]!);
  const predict = (fitted: FittedModel) => predictMixed(fitted.model, { X, Z: design.Z, clusters });
  const known = [...new Set(Array.from(fold.train, (i) => design.group[i]!))].sort((a, b) => a - b);
  const { fitted: mixed, baselines } = await fitWithBaselines(train, spec, context, { design, known });
  // The paper's per-fold time: the mixedML fit's own clock (as for the LME below), without the baselines.
  const seconds = mixed.result.seconds;
  const mixedPredictions = predict(mixed);
  const { ml, hot } = baselines;
  const split = (f: (rows: ArrayLike<number>) => number) => ({ train: f(fold.train), test: f(fold.test) });
  const predictions = { within: mixedPredictions.within, out: mixedPredictions.out, ml, hot };
  const metrics = {
    train: mixedMetrics(design.y, predictions, fold.train),
    test: mixedMetrics(design.y, predictions, fold.test),
  };
  const models: Record<string, FoldResult> = {};
  const mse = (p: ArrayLike<number>) => split((rows) => meanSquaredError(design.y, p, rows));
  // The baselines' time is not measured apart: they report the mixedML model's.
  if (compare.includes('ml')) models.ml = { metrics: { mse: mse(ml) }, estimates: {}, seconds };
  if (compare.includes('hot')) models.hot = { metrics: { mse: mse(hot) }, estimates: {}, seconds };
  if (compare.includes('lme')) {
    const lmeSpec = {
      ...spec,
      learner: 'lme' as const,
      estimator: spec.estimator === 'ml' ? ('ml' as const) : ('reml' as const),
    };
    const lme = await fitMixed(train, lmeSpec, context);
    const p = predict(lme);
    models.lme = {
      metrics: { mse_within: mse(p.within), mse_out: mse(p.out) },
      estimates: estimatesOf(lme),
      seconds: lme.result.seconds,
    };
  }
  const names = Object.keys(metrics.train) as (keyof typeof metrics.train)[];
  return {
    mixed: {
      metrics: Object.fromEntries(
        names.map((name) => [name, { train: metrics.train[name], test: metrics.test[name] }]),
      ),
      estimates: estimatesOf(mixed),
      seconds,
    },
    models,
  };
}

function estimatesOf({ result }: FittedModel): FoldResult['estimates'] {
  return {
    ...(Object.keys(result.fixef).length > 0 ? { fixef: result.fixef } : {}),
    re_cov: result.re_cov,
    sigma: result.sigma,
  };
}
