// Predictions of a fitted analysis for new rows (MATH.md section 4), for `mixedml predict` and the GUI: the design of
// the new rows is built with the analysis' formula, the learner is rebuilt from its saved JSON, and each row gets its
// within and out prediction and the random effects used, a new cluster with labelled rows its u_new.
import { ApiError } from '../../src-shared/api.ts';
import { formulaVariables, parseFormula, quoteName, type Formula } from '../../src-shared/formula.ts';
import type { Analysis } from '../../src-shared/project.ts';
import type { DerivedColumn } from '../../src-shared/spec.ts';
import { deriveForPrediction } from '../data/deriveColumns.ts';
import type { Table } from '../data/table.ts';
import { findColumn } from '../data/table.ts';
import type { MixedDesign } from '../engine/design.ts';
import { predictMixed } from '../engine/em/predict.ts';
import type { LearnerJSON } from '../engine/learners/learner.ts';
import { learnerFromJSON } from '../engine/learners/registry.ts';
import { INTERCEPT_NAME } from '../engine/learners/withoutIntercept.ts';
import { DesignError, makeModelMatrices } from '../engine/modelMatrices.ts';
import { featuresOf } from './fitModel.ts';

export type ClusterStatus = 'trained' | 'new' | 'unknown';

export interface PredictionRow {
  /** The row of the new data, 1-based, the header not counted. */
  row: number;
  cluster: string;
  /** f(x) + z u: u of the trained cluster, or u_new of a new cluster with labelled rows; equals `out` otherwise. */
  within: number;
  /** f(x). */
  out: number;
  status: ClusterStatus;
  /** The random effects `within` used (named by reNames), null for a cluster without any. */
  ranef: number[] | null;
}

export interface Predictions {
  rows: PredictionRow[];
  /** The model's random-effect names (lme4's), the order of every `ranef`. */
  reNames: string[];
  /** u_new of each new cluster with labelled rows (MATH.md section 4). */
  newClusters: Record<string, number[]>;
  /** Rows of the new data left out because a predictor or the cluster is missing there. */
  dropped: number;
}

/** The analysis' training data (with its derived columns) and the project's recipes for them. */
export interface TrainingData {
  table: Table;
  derived: readonly DerivedColumn[];
}

/**
 * Predicts `table` with the analysis' fitted model. The outcome column may be absent; where it is present, its values
 * in a cluster the model was not trained on give that cluster's random effects, without refitting. Derived columns
 * the model uses and `table` lacks are made by the training data's recipes, as fitted there (deriveForPrediction).
 */
export async function predictAnalysis(analysis: Analysis, table: Table, training?: TrainingData): Promise<Predictions> {
  const { fit } = analysis;
  if (!fit || analysis.learner === undefined) {
    throw new ApiError('bad-request', `the analysis ${analysis.id} has no fitted model to predict with: fit it first`);
  }
  const formula = parseFormula(analysis.spec.formula);
  const prepared = training
    ? deriveForPrediction(table, training.derived, training.table, predictorsOf(formula))
    : table;
  const { table: complete, rows } = completeRows(prepared, formula);
  const design = makeModelMatrices(complete, formula, {
    diagonal: analysis.spec.covariance === 'diagonal' || undefined,
    prediction: true,
    factorLevels: fit.factor_levels,
  });
  const json = analysis.learner as LearnerJSON;
  checkCoding(trainedFeatures(json, design), design.zNames, fit.re_names, formula, table.source, !fit.factor_levels);
  const learner = await learnerFromJSON(json);
  try {
    const predicted = predictMixed(
      { learner, reCov: fit.re_cov, sigma2: fit.sigma ** 2, ranef: fit.ranef.values, levels: fit.ranef.levels },
      {
        X: featuresOf(design),
        Z: design.Z,
        clusters: Array.from(design.group, (g) => design.levels[g]!),
        y: design.y,
      },
    );
    const trained = new Map(fit.ranef.levels.map((level, j) => [level, fit.ranef.values[j]!]));
    return {
      rows: Array.from(rows, (row, i) => {
        const cluster = design.levels[design.group[i]!]!;
        return {
          row: row + 1,
          cluster,
          within: predicted.within[i]!,
          out: predicted.out[i]!,
          status: predicted.source[i]!,
          ranef: trained.get(cluster) ?? predicted.newClusters[cluster] ?? null,
        };
      }),
      reNames: design.zNames,
      newClusters: predicted.newClusters,
      dropped: table.nrows - rows.length,
    };
  } finally {
    // A pre-trained TensorFlow.js model holds tensors until disposed.
    if ('dispose' in learner && typeof learner.dispose === 'function') learner.dispose();
  }
}

/** The formula's variables but its outcome, which new rows need not have (nor the columns it is derived from). */
export function predictorsOf(formula: Formula): string[] {
  return formulaVariables(formula).filter((name) => name !== formula.response);
}

/**
 * The rows with every predictor and the cluster present (the outcome may be missing), as a table of just the
 * formula's columns, and their indices in `table`. Listwise deletion happens here rather than in makeModelMatrices
 * so that each prediction keeps its row number; a column the table lacks is left to makeModelMatrices to name.
 */
function completeRows(table: Table, formula: Formula): { table: Table; rows: Int32Array } {
  const columns = formulaVariables(formula)
    .map((name) => findColumn(table, name))
    .filter((c) => c !== undefined);
  const required = columns.filter((c) => c.name !== formula.response);
  const kept: number[] = [];
  for (let i = 0; i < table.nrows; i++) if (required.every((c) => !Number.isNaN(c.values[i]!))) kept.push(i);
  if (kept.length === 0) {
    throw new DesignError(
      `No row of ${table.source} has a value in every predictor and the cluster variable ` +
        `(${required.map((c) => `"${c.name}"`).join(', ')}): there is nothing to predict.`,
    );
  }
  const rows = Int32Array.from(kept);
  return {
    table: {
      source: table.source,
      nrows: rows.length,
      columns: columns.map((c) => ({ ...c, values: Float64Array.from(rows, (i) => c.values[i]!) })),
    },
    rows,
  };
}

/**
 * The feature names the saved learner was trained on and those of the new design, compared like with like: linear,
 * svr and forest keep the design's names ('(Intercept)' included), the nets name their inputs without it.
 */
function trainedFeatures(json: LearnerJSON, design: MixedDesign): { trained: string[]; given: string[] } | undefined {
  const state = json.state as { names?: unknown; inputs?: unknown } | null;
  if (Array.isArray(state?.names)) return { trained: state.names.map(String), given: design.xNames };
  if (Array.isArray(state?.inputs)) {
    return { trained: state.inputs.map(String), given: design.xNames.filter((n) => n !== INTERCEPT_NAME) };
  }
  return undefined;
}

/**
 * The new design must have the model's coefficients in the model's order. Fits that record their factor levels code
 * new rows by them and always pass; older fits code categorical columns by the levels the new data holds, which
 * agrees only when it holds every training level: a difference is an error naming the column, never a silent shift
 * of columns.
 */
function checkCoding(
  features: { trained: string[]; given: string[] } | undefined,
  zGiven: string[],
  zTrained: string[],
  formula: Formula,
  source: string,
  withoutLevels: boolean,
): void {
  const pairs = [...(features ? [features] : []), { trained: zTrained, given: zGiven }];
  for (const { trained, given } of pairs) {
    if (trained.join('\u0000') === given.join('\u0000')) continue;
    const missing = trained.find((name) => !given.includes(name));
    const extra = given.find((name) => !trained.includes(name));
    const coefficient = missing ?? extra;
    const column = coefficient === undefined ? undefined : columnOf(coefficient, formula);
    const what =
      missing !== undefined
        ? `the model's coefficient "${missing}" has no column there`
        : extra !== undefined
          ? `it gives a coefficient "${extra}" the model does not have`
          : `its coefficients come in another order (${given.join(', ')}; the model: ${trained.join(', ')})`;
    const advice = withoutLevels
      ? 'This model was saved without its factor levels, so a categorical predictor needs every level it had in ' +
        'training, each at least once, and no new ones; refitting the model lifts that.'
      : 'Check that the column holds the same kind of values as in training: text (categories) there and numbers ' +
        'here, or the other way round, code it differently.';
    throw new DesignError(
      `The column "${column ?? '?'}" of ${source} is coded differently from the training data: ${what}. ${advice}`,
      column,
    );
  }
}

/** The formula variable a coefficient comes from: a categorical one (name + level) before an exact numeric match. */
function columnOf(coefficient: string, formula: Formula): string | undefined {
  const variables = formulaVariables(formula).filter((v) => v !== formula.response);
  const parts = coefficient.split(':');
  let exact: string | undefined;
  for (const part of parts) {
    const prefixed = variables
      .filter((v) => part.startsWith(quoteName(v)) && part !== quoteName(v))
      .sort((a, b) => quoteName(b).length - quoteName(a).length)[0];
    if (prefixed !== undefined) return prefixed;
    exact ??= variables.find((v) => part === quoteName(v));
  }
  return exact;
}
