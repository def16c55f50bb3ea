// The mixedML EM of MATH.md section 2 (estimators ML and REML) with any learner: setup, the iteration loop (plain, or
// for exact learners accelerated by SQUAREM and parameter expansion), and the fitted model with its convergence history
// and training metrics.
import type { MixedDesign } from '../design.ts';
import type { Learner, LearnerFitOptions } from '../learners/learner.ts';
import { throwIfCancelled } from '../learners/learner.ts';
import { makeEmProblem } from './emProblem.ts';
import type { EmProblem } from './emProblem.ts';
import { emStep } from './emStep.ts';
import type { EmState, EmStepResult } from './emStep.ts';
import { emDefaults } from './options.ts';
import type { EmOptions, Estimator } from './options.ts';
import { residualStats } from './residualStats.ts';
import { nextStepMax, squaremExtrapolate } from './squarem.ts';
import { meetsStoppingRule, stoppingRuleFor } from './stoppingRule.ts';
import type { StoppingRule, StoppingRuleName } from './stoppingRule.ts';
import { updateVariances } from './varianceUpdate.ts';
import { relativeFactor } from './woodbury.ts';

export interface EmIteration {
  gll: number;
  sigma2: number;
  Sigma: number[][];
}

export interface EmFit {
  estimator: Estimator;
  structure: 'unstructured' | 'diagonal';
  acceleration: 'squarem' | 'none';
  learner: Learner;
  /** Sigma, rows and columns named by zNames. */
  reCov: number[][];
  sigma2: number;
  sigma: number;
  /** u_j at the final (f, Sigma, sigma2), one row per level of `levels`. */
  ranef: number[][];
  levels: string[];
  zNames: string[];
  /** lme4's ML deviance or REML criterion at the final state (with the linear learner: comparable to lme4's). */
  criterion: number;
  /** lme4's isSingular: a diagonal entry of the relative factor Lambda (Sigma = sigma2 Lambda Lambda') below 1e-4. */
  singular: boolean;
  gll: number[];
  history: EmIteration[];
  /** Recorded iterations: EM steps, or SQUAREM cycles. */
  iterations: number;
  /** EM steps (learner refits): the cost, with or without acceleration. */
  emSteps: number;
  converged: boolean;
  /** The stopping rule the run used (stoppingRule.ts) and its tolerance: the caller's, or the learner's default. */
  stoppingRule: StoppingRuleName;
  tol: number;
  seconds: number;
  /** f(X) on the training rows. */
  fitted: Float64Array;
  /** MATH.md section 6 on the training rows: within = f(x) + z u_j, out = f(x). */
  metrics: { mseWithin: number; mseOut: number };
}

interface Run {
  problem: EmProblem;
  learner: Learner;
  options: EmOptions;
  stopping: StoppingRule;
  fitOptions: LearnerFitOptions;
  accelerate: boolean;
  expand: boolean;
  emSteps: number;
  /** The output of the step the learner was last fitted in. */
  lastStepOutput?: EmState;
  history: EmIteration[];
  converged: boolean;
}

export async function fitMixedEm(
  design: MixedDesign,
  learner: Learner,
  options: Partial<EmOptions> = {},
): Promise<EmFit> {
  const started = performance.now();
  const o: EmOptions = { ...emDefaults, ...options };
  const structure = o.structure ?? (design.diagonal ? 'diagonal' : 'unstructured');
  const problem = makeEmProblem(design, o.estimator === 'reml', structure === 'diagonal');
  const run: Run = {
    problem,
    learner,
    options: o,
    stopping: stoppingRuleFor(learner, o.tol),
    fitOptions: { signal: o.signal, seed: o.seed, onProgress: o.onLearnerProgress },
    accelerate: o.acceleration === 'squarem' || (o.acceleration === 'auto' && learner.exact),
    expand: o.expansion === 'on' || (o.expansion === 'auto' && learner.exact),
    emSteps: 0,
    history: [],
    converged: false,
  };
  // Start (MATH.md section 2): u = 0, Sigma = I, sigma2 = 1 (but see startingSigma2), the learner trained on y (or as
  // pre-trained).
  if (!o.pretrained) await learner.fit(problem.features, design.y, run.fitOptions);
  const fitted = learner.predict(problem.features);
  if (!o.pretrained) o.onInitialFit?.(learner, fitted);
  const Sigma = new Float64Array(design.q * design.q);
  for (let a = 0; a < design.q; a++) Sigma[a * design.q + a] = 1;
  const sigma2 = o.start === 'math' ? 1 : startingSigma2(learner, design.y, fitted);
  let final = await iterate(run, { fitted, Sigma, sigma2 });
  // After a rejected extrapolation the learner was last fitted at the rejected point: one more step makes the learner
  // and the returned state agree.
  if (run.lastStepOutput !== final) {
    const extra = await step(run, final);
    record(run, extra);
    final = extra.next;
  }
  return makeEmFit(run, final, structure, (performance.now() - started) / 1000);
}

/**
 * MATH.md's sigma2 = 1, except for learners that are not exact, which start at the initial fit's mean squared residual
 * (the ML sigma2 of the model without random effects), on the data's scale. Their EM stops by the no-decrease rule, so
 * iterations spent walking from sigma2 = 1 to the data's scale are paid in full refits. The exact learner keeps 1: its
 * EM reaches the same fixed point from either start, and faster from this one. em/README.md has the measurements.
 */
export function startingSigma2(learner: Learner, y: Float64Array, fitted: Float64Array): number {
  if (learner.exact) return 1;
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (y[i]! - fitted[i]!) ** 2;
  const mse = sum / y.length;
  return mse > 0 && Number.isFinite(mse) ? mse : 1;
}

async function step(run: Run, state: EmState): Promise<EmStepResult> {
  throwIfCancelled(run.options.signal);
  run.emSteps++;
  const seed = run.options.seed === undefined ? undefined : run.options.seed + run.emSteps;
  const result = await emStep(run.problem, run.learner, state, { ...run.fitOptions, seed }, run.expand);
  run.lastStepOutput = result.next;
  return result;
}

/** Records an iteration's output and reports whether the stopping rule (or maxIter) ends the loop. */
function record(run: Run, result: EmStepResult): boolean {
  const { gll, next } = result;
  const prev = run.history.at(-1)?.gll;
  run.history.push({ gll, sigma2: next.sigma2, Sigma: toRows(next.Sigma, run.problem.design.q) });
  const iteration = run.history.length;
  run.options.onProgress?.({ iteration, emSteps: run.emSteps, gll, sigma2: next.sigma2 });
  if (!Number.isFinite(gll)) throw new Error(`mixedML EM: the GLL is not finite at iteration ${iteration}`);
  run.converged = prev !== undefined && meetsStoppingRule(run.stopping, prev, gll);
  return run.converged || iteration >= run.options.maxIter;
}

async function iterate(run: Run, start: EmState): Promise<EmState> {
  let state = start;
  let stepMax = run.options.squarem.stepMax0;
  for (;;) {
    let result: EmStepResult;
    if (run.accelerate) {
      const cycle = await squaremCycle(run, state, stepMax);
      result = cycle.result;
      stepMax = cycle.stepMax;
    } else {
      result = await step(run, state);
    }
    state = result.next;
    if (record(run, result)) return state;
  }
}

/**
 * SQUAREM over the state vector (f(X), Sigma, sigma2): f(X) is extrapolated as a vector, which for the linear learner
 * is extrapolating its coefficients. The extrapolated point is accepted when the criterion (ML deviance or REML
 * criterion, which the EM decreases) there is no worse than at the cycle's start; a negative-definite Sigma is
 * evaluated through its PSD Cholesky factor, i.e. projected onto the PSD matrices.
 */
async function squaremCycle(
  run: Run,
  state: EmState,
  stepMax: number,
): Promise<{ result: EmStepResult; stepMax: number }> {
  const s1 = await step(run, state);
  const s2 = await step(run, s1.next);
  const { x, alpha } = squaremExtrapolate(pack(state), pack(s1.next), pack(s2.next), stepMax);
  let result = s2;
  let accepted = true;
  if (alpha > 1.01) {
    const candidate = unpack(x, run.problem.design.q);
    const s3 = candidate ? await step(run, candidate) : undefined;
    accepted = s3 !== undefined && s3.criterion <= s1.criterion + 1e-12 * Math.abs(s1.criterion);
    if (s3 && accepted) result = s3;
  }
  return { result, stepMax: nextStepMax(stepMax, alpha, accepted, run.options.squarem) };
}

function pack(s: EmState): Float64Array {
  const q = Math.round(Math.sqrt(s.Sigma.length));
  const n = s.fitted.length;
  const x = new Float64Array(n + (q * (q + 1)) / 2 + 1);
  x.set(s.fitted);
  let i = n;
  for (let a = 0; a < q; a++) for (let c = 0; c <= a; c++) x[i++] = s.Sigma[a * q + c]!;
  x[i] = s.sigma2;
  return x;
}

function unpack(x: Float64Array, q: number): EmState | undefined {
  const sigma2 = x[x.length - 1]!;
  if (!(sigma2 > 0) || !x.every(Number.isFinite)) return undefined;
  const n = x.length - (q * (q + 1)) / 2 - 1;
  const Sigma = new Float64Array(q * q);
  let i = n;
  for (let a = 0; a < q; a++) {
    for (let c = 0; c <= a; c++) {
      Sigma[a * q + c] = x[i]!;
      Sigma[c * q + a] = x[i++]!;
    }
  }
  return { fitted: x.slice(0, n), Sigma, sigma2 };
}

function makeEmFit(run: Run, state: EmState, structure: 'unstructured' | 'diagonal', seconds: number): EmFit {
  const { problem } = run;
  const { n, q, J, Z, y, group } = problem.design;
  const stats = state.stats ?? residualStats(problem, state.fitted);
  // The random effects and criterion at the final parameters (the last step's u came from the state before it).
  const { u, criterion } = updateVariances(problem, stats, state.Sigma, state.sigma2);
  let within = 0;
  for (let r = 0; r < n; r++) {
    let zu = 0;
    for (let a = 0; a < q; a++) zu += Z[r * q + a]! * u[group[r]! * q + a]!;
    within += (y[r]! - state.fitted[r]! - zu) ** 2;
  }
  return {
    estimator: run.options.estimator,
    structure,
    acceleration: run.accelerate ? 'squarem' : 'none',
    learner: run.learner,
    reCov: toRows(state.Sigma, q),
    sigma2: state.sigma2,
    sigma: Math.sqrt(state.sigma2),
    ranef: Array.from({ length: J }, (_, j) => Array.from(u.subarray(j * q, (j + 1) * q))),
    levels: [...problem.design.levels],
    zNames: [...problem.design.zNames],
    criterion,
    singular: isSingular(state, q),
    gll: run.history.map((h) => h.gll),
    history: run.history,
    iterations: run.history.length,
    emSteps: run.emSteps,
    converged: run.converged,
    stoppingRule: run.stopping.rule,
    tol: run.stopping.tol,
    seconds,
    fitted: state.fitted,
    metrics: { mseWithin: within / n, mseOut: stats.ete / n },
  };
}

function isSingular(state: EmState, q: number): boolean {
  const { T } = relativeFactor(state.Sigma, state.sigma2, q);
  for (let a = 0; a < q; a++) if (T[a * q + a]! < 1e-4) return true;
  return false;
}

function toRows(m: Float64Array, q: number): number[][] {
  return Array.from({ length: q }, (_, a) => Array.from(m.subarray(a * q, (a + 1) * q)));
}
