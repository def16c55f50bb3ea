// The traditional LME of MATH.md section 1, as lme4's lmer: a thin orchestrator of makeClusterBlocks ->
// makeDeviance -> optimize -> settleBoundary -> normaliseSigns -> checkConvergence -> makeFitResult.
import type { MixedDesign } from '../design.ts';
import { settleBoundary } from './checkBoundary.ts';
import { checkConvergence } from './checkConvergence.ts';
import { checkDesign } from './checkDesign.ts';
import { makeClusterBlocks } from './clusterBlocks.ts';
import { makeDeviance } from './deviance.ts';
import { makeLmeControl, type LmeOptions } from './lmeControl.ts';
import { makeFitResult, type LmeFit } from './makeFitResult.ts';
import { normaliseSigns } from './normaliseSigns.ts';
import { optimize, type OptimizeProgress } from './optimize.ts';

export function fitLme(design: MixedDesign, options: LmeOptions): LmeFit {
  const started = performance.now();
  const control = makeLmeControl(options, design.diagonal);
  const blocks = makeClusterBlocks(design);
  checkDesign(blocks, design.xNames);
  const deviance = makeDeviance(blocks, control);
  // lme4's start: Lambda = I.
  const initialTheta = Float64Array.from(deviance.lower, (bound) => (bound === 0 ? 1 : 0));
  const criterionTrace: number[] = [];
  const tracked = {
    ...control,
    onProgress: (progress: OptimizeProgress) => {
      criterionTrace.push(progress.value);
      control.onProgress?.(progress);
    },
  };
  // No bounds on Lambda's diagonal: lme4's signs are restored afterwards (normaliseSigns.ts says why).
  const optimum = optimize((x, g) => deviance.evaluate(x, g), initialTheta, tracked);
  const settled = normaliseSigns(deviance, settleBoundary(deviance, optimum, tracked));
  const check = checkConvergence(deviance, settled, design, control);
  return makeFitResult(design, deviance, control, { initialTheta, optimum: settled, check, criterionTrace, started });
}
