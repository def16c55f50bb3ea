// The fitted LME as a plain object (lme4's mkMerMod + summary): estimates, standard errors, variance components,
// likelihood and information criteria, conditional modes with their variances, and the optimiser's summary.
import type { MixedDesign } from '../design.ts';
import type { ConvergenceCheck } from './checkConvergence.ts';
import type { Deviance } from './deviance.ts';
import type { LmeControl } from './lmeControl.ts';
import type { OptimizeResult } from './optimize.ts';

export interface LmeFit {
  estimator: 'REML' | 'ML';
  structure: 'unstructured' | 'diagonal';
  response: string;
  groupName: string;
  /** Aligned with fixef. */
  xNames: string[];
  /** Aligned with the rows and columns of reCov and the columns of ranef. */
  zNames: string[];
  /** Aligned with the rows of ranef. */
  levels: string[];
  nobs: number;
  ngroups: number;
  fixef: number[];
  fixefSe: number[];
  /** p x p, sigma2 (R_X'R_X)^-1. */
  vcov: number[][];
  /** lme4's theta: the lower triangle of Lambda, column-major (diagonal structure: its diagonal). */
  theta: number[];
  /** q x q covariance of the random effects, sigma2 Lambda Lambda'. */
  reCov: number[][];
  reSd: number[];
  /** Correlations of the random effects (NaN where a variance is zero). */
  reCor: number[][];
  /** Residual standard deviation. */
  sigma: number;
  /** REML criterion (REML) or deviance (ML), lme4's `deviance(fit, REML = isREML(fit))`. */
  criterion: number;
  /** -criterion / 2: the REML log-likelihood for REML fits, as lme4 reports it. */
  logLik: number;
  /** Parameters counted by AIC and BIC: p + length(theta) + 1. */
  df: number;
  aic: number;
  bic: number;
  /** Intraclass correlation, for a random-intercept-only model. */
  icc?: number;
  /** J x q conditional modes. */
  ranef: number[][];
  /** J x q conditional variances (diagonal of lme4's condVar). */
  ranefCondVarDiag: number[][];
  singular: boolean;
  converged: boolean;
  iterations: number;
  evaluations: number;
  seconds: number;
  warnings: string[];
  optimizer: {
    method: string;
    message: string;
    initialTheta: number[];
    projectedGradient: number;
    scaledGradient: number;
    /** Criterion after each iteration. */
    criterionTrace: number[];
    tolerances: { gradient: number; relative: number; singular: number };
  };
}

export interface FitRun {
  initialTheta: ArrayLike<number>;
  optimum: OptimizeResult;
  check: ConvergenceCheck;
  criterionTrace: number[];
  started: number;
}

function rows(a: Float64Array, nrow: number, ncol: number): number[][] {
  return Array.from({ length: nrow }, (_, i) => Array.from(a.subarray(i * ncol, (i + 1) * ncol)));
}

export function makeFitResult(design: MixedDesign, deviance: Deviance, control: LmeControl, run: FitRun): LmeFit {
  const { n, p, q, J } = design;
  const { optimum, check } = run;
  const fit = deviance.profile(optimum.x);
  const df = p + deviance.size + 1;
  const logLik = -fit.criterion / 2;
  const reSd = Array.from({ length: q }, (_, a) => Math.sqrt(fit.reCov[a * q + a]!));
  const reCor = Array.from({ length: q }, (_, a) =>
    Array.from({ length: q }, (_, b) => (a === b ? 1 : fit.reCov[a * q + b]! / (reSd[a]! * reSd[b]!))),
  );
  const result: LmeFit = {
    estimator: control.reml ? 'REML' : 'ML',
    structure: control.diagonal ? 'diagonal' : 'unstructured',
    response: design.response,
    groupName: design.groupName,
    xNames: design.xNames,
    zNames: design.zNames,
    levels: design.levels,
    nobs: n,
    ngroups: J,
    fixef: Array.from(fit.beta),
    fixefSe: Array.from({ length: p }, (_, i) => Math.sqrt(fit.vcov[i * p + i]!)),
    vcov: rows(fit.vcov, p, p),
    theta: Array.from(optimum.x),
    reCov: rows(fit.reCov, q, q),
    reSd,
    reCor,
    sigma: Math.sqrt(fit.sigma2),
    criterion: fit.criterion,
    logLik,
    df,
    aic: -2 * logLik + 2 * df,
    bic: -2 * logLik + df * Math.log(n),
    ranef: rows(fit.ranef, J, q),
    ranefCondVarDiag: rows(fit.ranefCondVarDiag, J, q),
    singular: check.singular,
    converged: check.converged,
    iterations: optimum.iterations,
    evaluations: optimum.evaluations,
    seconds: 0,
    warnings: check.warnings,
    optimizer: {
      method: 'BFGS with analytic gradient',
      message: optimum.message,
      initialTheta: Array.from(run.initialTheta),
      projectedGradient: optimum.projectedGradient,
      scaledGradient: optimum.scaledGradient,
      criterionTrace: run.criterionTrace,
      tolerances: {
        gradient: control.gradientTolerance,
        relative: control.relativeTolerance,
        singular: control.singularTolerance,
      },
    },
  };
  // MATH.md section 1: the ICC of a random-intercept model.
  if (q === 1 && design.zNames[0] === '(Intercept)') result.icc = fit.reCov[0]! / (fit.reCov[0]! + fit.sigma2);
  result.seconds = (performance.now() - run.started) / 1000;
  return result;
}
