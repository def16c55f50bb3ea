// The fit service: data file + ModelSpec -> FitResult, for the CLI, the GUI and the worker jobs alike.
// The pipeline is lme4's: parse the formula, make the model matrices, fit, name the results.
import { parseFormula, printFormula } from '../../src-shared/formula.ts';
import type { FitResult, ModelSpec } from '../../src-shared/spec.ts';
import { readTableFile, type ReadTableOptions } from '../data/readTableFile.ts';
import type { Table } from '../data/table.ts';
import type { MixedDesign } from '../engine/design.ts';
import { fitLme } from '../engine/lme/fitLme.ts';
import type { LmeFit } from '../engine/lme/makeFitResult.ts';
import { makeModelMatrices } from '../engine/modelMatrices.ts';

export interface FitRequest {
  data: string;
  read?: ReadTableOptions;
  spec: ModelSpec;
}

export async function fitFile(request: FitRequest): Promise<FitResult> {
  return fitTable(await readTableFile(request.data, request.read), request.spec);
}

export function fitTable(table: Table, spec: ModelSpec): FitResult {
  const formula = parseFormula(spec.formula);
  const design = makeModelMatrices(table, formula, { diagonal: spec.covariance === 'diagonal' || undefined });
  if (spec.learner !== 'lme') throw new Error(`the ${spec.learner} learner is not available in this version yet`);
  const fit = fitLme(design, { reml: spec.estimator !== 'ml' });
  return lmeFitResult(fit, design, spec, printFormula(formula));
}

function lmeFitResult(fit: LmeFit, design: MixedDesign, spec: ModelSpec, formula: string): FitResult {
  const named = (values: number[]) => Object.fromEntries(design.xNames.map((name, i) => [name, values[i]!]));
  return {
    learner: spec.learner,
    estimator: spec.estimator,
    formula,
    response: design.response,
    group: design.groupName,
    nobs: fit.nobs,
    ngroups: fit.ngroups,
    dropped: { rows: design.droppedRows, by_column: design.missingByColumn },
    fixef: named(fit.fixef),
    fixef_se: named(fit.fixefSe),
    re_names: fit.zNames,
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
  };
}
