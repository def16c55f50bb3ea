// The dense design of a mixed model with one grouping factor: what makeModelMatrices builds from a Table
// and a formula, and what the LME fitter and the mixedML EM consume. Row-major Float64Arrays; rows are in
// file order (after listwise deletion), not grouped: per-cluster cross products are accumulated by `group`.

export interface MixedDesign {
  /** Rows used (after listwise deletion). */
  n: number;
  /** Columns of X (fixed effects, including the intercept column when the formula has one). */
  p: number;
  /** Columns of Z (random effects). */
  q: number;
  /** Number of clusters. */
  J: number;
  /** n x p, row-major. */
  X: Float64Array;
  /** n x q, row-major. */
  Z: Float64Array;
  y: Float64Array;
  /** Cluster index 0..J-1 of each row. */
  group: Int32Array;
  /** lme4's coefficient names: '(Intercept)', 'IQ_verb:ses', 'sexgirl'. */
  xNames: string[];
  /** lme4's random-effect names: '(Intercept)', 'IQ_verb'. */
  zNames: string[];
  /** Cluster labels in lme4's level order; `group[i]` indexes it. */
  levels: string[];
  response: string;
  groupName: string;
  /** Each categorical predictor's levels in coding order (its first level is the reference); {} without any. */
  factorLevels: Record<string, string[]>;
  /** Covariance structure the formula asks for: `(a || g)` is diagonal. */
  diagonal: boolean;
  /** Rows dropped because a used column was missing there (listwise deletion). */
  droppedRows: number;
  /** Missing values per used column (a dropped row counts once for each column missing in it). */
  missingByColumn: Record<string, number>;
}
