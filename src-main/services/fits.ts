// The fit service: data file + ModelSpec -> FitResult (and the fitted learner), for the CLI, the GUI and the worker
// jobs alike. The pipeline is lme4's: parse the formula, make the model matrices, fit, name the results.
import { parseFormula, printFormula } from '../../src-shared/formula.ts';
import type { FitResult, ModelSpec } from '../../src-shared/spec.ts';
import { readTableFile, type ReadTableOptions } from '../data/readTableFile.ts';
import type { Table } from '../data/table.ts';
import type { MixedDesign } from '../engine/design.ts';
import type { MixedModel } from '../engine/em/predict.ts';
import type { LearnerJSON } from '../engine/learners/learner.ts';
import { mixedMetrics, withinPredictions } from '../engine/metrics.ts';
import { makeModelMatrices } from '../engine/modelMatrices.ts';
import { fitWithBaselines, type FitContext } from './fitModel.ts';

export interface FitRequest {
  data: string;
  read?: ReadTableOptions;
  spec: ModelSpec;
}

export interface FitOutcome {
  result: FitResult;
  /** The fitted learner, saved in a project so that the model predicts after reopening. */
  learner: LearnerJSON;
  model: MixedModel;
  design: MixedDesign;
}

export async function fitFile(request: FitRequest, context: FitContext = {}): Promise<FitOutcome> {
  return fitTable(await readTableFile(request.data, request.read), request.spec, context);
}

export function designOf(table: Table, spec: ModelSpec): MixedDesign {
  return makeModelMatrices(table, parseFormula(spec.formula), {
    diagonal: spec.covariance === 'diagonal' || undefined,
  });
}

export async function fitTable(table: Table, spec: ModelSpec, context: FitContext = {}): Promise<FitOutcome> {
  const design = designOf(table, spec);
  const all = Array.from({ length: design.J }, (_, j) => j);
  const { fitted, baselines } = await fitWithBaselines(design, spec, context, { design, known: all });
  const { result, model, out } = fitted;
  const metrics = mixedMetrics(design.y, {
    within: withinPredictions(out, design.Z, design.q, design.group, model.ranef),
    out,
    ...baselines,
  });
  const dropped = { rows: design.droppedRows, by_column: design.missingByColumn };
  const warnings = [...result.warnings];
  if (design.droppedRows > 0) warnings.push(`${design.droppedRows} rows with missing values were left out.`);
  return {
    result: { ...result, warnings, formula: printFormula(parseFormula(spec.formula)), dropped, metrics },
    learner: model.learner.toJSON(),
    model,
    design,
  };
}
