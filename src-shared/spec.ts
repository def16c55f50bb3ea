// ModelSpec (what the user asked for) and FitResult (what a fit reports), with their runtime validation.
// FitResult's field names are the CLI's JSON contract (`mixedml fit --json`), which later tools and tests rely on.
import { z } from 'zod';
import { emMaxIter, emSeed } from './defaults.ts';

export const learnerNames = ['lme', 'linear', 'nn_linear', 'mlp', 'svr', 'forest', 'pretrained'] as const;
export const estimatorNames = ['reml', 'ml', 'oob'] as const;

/**
 * A column computed from others, recorded in the project so it is recomputed on reload. Names follow what users
 * write in formulas: the paper's school means are `sch_iqv`-style columns made by `clusterMean`.
 */
export const DerivedColumnSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clusterMean'), name: z.string(), source: z.string(), group: z.string() }),
  z.object({ kind: z.literal('centerGrand'), name: z.string(), source: z.string() }),
  z.object({ kind: z.literal('centerGroup'), name: z.string(), source: z.string(), group: z.string() }),
  z.object({ kind: z.literal('standardize'), name: z.string(), source: z.string() }),
  z.object({ kind: z.literal('product'), name: z.string(), sources: z.array(z.string()).min(2) }),
  z.object({ kind: z.literal('log'), name: z.string(), source: z.string() }),
  /** Treatment coding: one 0/1 column per level other than `reference`, named source + level as lme4 names them. */
  z.object({ kind: z.literal('dummies'), source: z.string(), reference: z.string() }),
]);
export type DerivedColumn = z.infer<typeof DerivedColumnSchema>;

export const ModelSpecSchema = z.object({
  formula: z.string().min(1),
  learner: z.enum(learnerNames),
  estimator: z.enum(estimatorNames),
  covariance: z.enum(['unstructured', 'diagonal']).default('unstructured'),
  /** The learner's own options (src-shared/defaults.ts lists them per learner); unknown names are refused. */
  learnerOptions: z
    .record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.number())]))
    .default({}),
  /**
   * EM / OOB stopping tolerance on the relative GLL change (MATH.md section 2), at most maxIter iterations. Unset: the
   * learner's default, 1e-6 for the exact linear learner and 1e-3 for the others (src-shared/defaults.ts says why).
   */
  tol: z.number().positive().optional(),
  maxIter: z.number().int().positive().default(emMaxIter),
  seed: z.number().int().min(0).default(emSeed),
  /**
   * The pretrained learner's model.json (a TensorFlow.js Layers model, weights beside it): read when the fit starts;
   * the fine-tuned weights are saved with the fitted learner, so predictions never read this file again.
   */
  pretrained: z.string().min(1).optional(),
});
export type ModelSpec = z.infer<typeof ModelSpecSchema>;

const NamedNumbers = z.record(z.string(), z.number());
const Matrix = z.array(z.array(z.number()));

export const FitResultSchema = z.object({
  learner: z.enum(learnerNames),
  estimator: z.enum(estimatorNames),
  formula: z.string(),
  response: z.string(),
  group: z.string(),
  nobs: z.number().int(),
  ngroups: z.number().int(),
  /** Rows dropped for missing values, and how many were missing in each used column. */
  dropped: z.object({ rows: z.number().int(), by_column: NamedNumbers }),
  fixef: NamedNumbers,
  fixef_se: NamedNumbers,
  re_names: z.array(z.string()),
  /**
   * Each categorical predictor's training levels in coding order (the first is the reference level): new rows are
   * coded by them. Absent in fits saved before it was recorded.
   */
  factor_levels: z.record(z.string(), z.array(z.string())).optional(),
  re_cov: Matrix,
  sigma: z.number(),
  /** Intra-class correlation of a random-intercept-only model; null otherwise. */
  icc: z.number().nullable(),
  logLik: z.number(),
  /** REML criterion (REML) or deviance (ML), as lme4 reports them. */
  criterion: z.number(),
  aic: z.number(),
  bic: z.number(),
  singular: z.boolean(),
  converged: z.boolean(),
  iterations: z.number().int(),
  evaluations: z.number().int(),
  seconds: z.number(),
  /** Plain-words warnings a user can act on (singular fit, no convergence, dropped rows). */
  warnings: z.array(z.string()),
  ranef: z.object({ levels: z.array(z.string()), values: Matrix }),
  ranef_condvar_diag: Matrix,
  /** EM and OOB: the GLL per iteration (MATH.md section 2), for the convergence chart. */
  gll: z.array(z.number()).optional(),
  /**
   * EM and OOB: the stopping rule used (engine/em/stoppingRule.ts): 'relative-change' |GLL_t - GLL_t-1| <= tol
   * |GLL_t-1|, or for learners that are not exact minimisers 'no-decrease' GLL_t > GLL_t-1 - tol |GLL_t-1|.
   */
  stopping_rule: z.enum(['relative-change', 'no-decrease']).optional(),
  /** EM and OOB: the tolerance used, the spec's or the learner's default. */
  tol: z.number().optional(),
  /** The TensorFlow.js backend a net trained on, null for learners without one. */
  backend: z.string().nullable().optional(),
  /** The learner as a report describes it: kind, label, options. */
  learner_description: z.object({ kind: z.string(), label: z.string(), options: z.record(z.string(), z.unknown()) }),
  /** MATH.md section 6 on the training rows: mixedML within and out, and the ml and hot baselines. */
  metrics: z.object({ mse_within: z.number(), mse_out: z.number(), mse_ml: z.number(), mse_hot: z.number() }),
});
export type FitResult = z.infer<typeof FitResultSchema>;

/** Mean and SD over folds; the SD of a single fold is undefined (NaN, null in JSON). */
export const MeanSdSchema = z.object({ mean: z.number(), sd: z.number().or(z.nan()).nullable() });
export type MeanSd = z.infer<typeof MeanSdSchema>;

type EstimateSummary = MeanSd | EstimateSummary[] | { [name: string]: EstimateSummary };
const EstimateSummarySchema: z.ZodType<EstimateSummary> = z.lazy(() =>
  z.union([MeanSdSchema, z.array(EstimateSummarySchema), z.record(z.string(), EstimateSummarySchema)]),
);

/** One model's cross-validated figures: the shape of the seed paper's Tables 3 and 4. */
export const CvModelSummarySchema = z.object({
  metrics: z.record(z.string(), z.object({ train: MeanSdSchema, test: MeanSdSchema })),
  estimates: z.record(z.string(), EstimateSummarySchema),
  seconds_per_fold: MeanSdSchema,
});

export const CvOptionsSchema = z.object({
  folds: z.number().int().min(2),
  grouped: z.boolean().default(false),
  seed: z.number().int().default(1),
  /** Baselines fitted on the same folds beside the mixedML model (MATH.md section 5). */
  compare: z.array(z.enum(['lme', 'ml', 'hot'])).default(['lme', 'ml', 'hot']),
});
export type CvOptions = z.infer<typeof CvOptionsSchema>;

/** `mixedml cv --json`: the mixedML model's summary at the top level, each compared model under `models`. */
export const CvResultSchema = CvModelSummarySchema.extend({
  folds: z.number().int(),
  grouped: z.boolean(),
  seed: z.number().int(),
  spec: ModelSpecSchema,
  /** Names of the rows and columns of the re_cov estimates (lme4's random-effect names). */
  re_names: z.array(z.string()),
  models: z.record(z.string(), CvModelSummarySchema),
});
export type CvResult = z.infer<typeof CvResultSchema>;
