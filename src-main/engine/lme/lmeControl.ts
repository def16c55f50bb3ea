// All options of an LME fit and their defaults, in one place (lme4's lmerControl): the one source of defaults.
import type { OptimizeProgress } from './optimize.ts';

export interface LmeControl {
  /** REML criterion (true) or ML deviance (false). */
  reml: boolean;
  /** Diagonal random-effects covariance (`(a || g)`); defaults to the design's own structure. */
  diagonal: boolean;
  maxIterations: number;
  /** Optimiser stop: largest projected-gradient entry. */
  gradientTolerance: number;
  /** Optimiser stop: relative change of the criterion (see OptimizeOptions). */
  relativeTolerance: number;
  /** A diagonal entry of Lambda below this makes the fit singular (lme4's isSingular tol). */
  singularTolerance: number;
  /** Largest rise of the criterion accepted when near-zero diagonal entries of Lambda are set to exactly 0. */
  boundaryTolerance: number;
  /** Largest quasi-Newton step (lme4's scaled gradient, check.conv.grad) before a convergence warning. */
  scaledGradientTolerance: number;
  onProgress?: (progress: OptimizeProgress) => void;
}

export type LmeOptions = Partial<LmeControl> & { reml: boolean };

export const defaultLmeControl: Omit<LmeControl, 'reml' | 'diagonal' | 'onProgress'> = {
  maxIterations: 1000,
  gradientTolerance: 1e-6,
  relativeTolerance: 1e-12,
  singularTolerance: 1e-4,
  boundaryTolerance: 1e-6,
  scaledGradientTolerance: 2e-3,
};

/** The defaults, overridden by every option that is given (an option set to undefined keeps its default). */
export function makeLmeControl(options: LmeOptions, designDiagonal: boolean): LmeControl {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...defaultLmeControl, diagonal: designDiagonal, ...given, reml: options.reml };
}
