// The folds of a cross-validation summed up as the seed paper's Tables 3 and 4: mean and SD over folds of every
// metric, estimate and fold time, for the mixedML model and for each compared model.
import type { CvOptions, CvResult, ModelSpec } from '../../src-shared/spec.ts';
import { summarizeFolds } from '../engine/cv.ts';
import type { FoldOutcome } from './crossValidate.ts';

export function summarizeCv(
  outcomes: readonly FoldOutcome[],
  spec: ModelSpec,
  options: CvOptions,
  reNames: string[],
): CvResult {
  const {
    folds: _folds,
    grouped: _grouped,
    ...mixed
  } = summarizeFolds(
    outcomes.map((o) => o.mixed),
    options.grouped,
  );
  const names = Object.keys(outcomes[0]?.models ?? {});
  const models = Object.fromEntries(
    names.map((name) => {
      const {
        folds: _f,
        grouped: _g,
        ...summary
      } = summarizeFolds(
        outcomes.map((o) => o.models[name]!),
        options.grouped,
      );
      return [name, summary];
    }),
  );
  return {
    folds: outcomes.length,
    grouped: options.grouped,
    seed: options.seed,
    spec,
    re_names: reNames,
    ...mixed,
    models,
  } as CvResult;
}
