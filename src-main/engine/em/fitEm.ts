// The mixedML EM of MATH.md section 2 (estimators ML and REML) with any learner: setup, the iteration loop (plain, or
// accelerated by SQUAREM for exact learners), the boundary check for singular fits, and the fitted model with its
// convergence history and training metrics.
import type { MixedDesign } from '../design.ts';
import type { Learner, LearnerFitOptions } from '../learners/learner.ts';
import { throwIfCancelled } from '../learners/learner.ts';
import { criterionSlope, weakestDirection } from './boundary.ts';
import type { WeakDirection } from './boundary.ts';
import { makeEmProblem } from './emProblem.ts';
import type { EmProblem } from './emProblem.ts';
import { emStep } from './emStep.ts';
import type { EmState, EmStepResult } from './emStep.ts';
import { emDefaults } from './options.ts';
import type { EmOptions, Estimator } from './options.ts';
import { residualStats } from './residualStats.ts';
import { nextStepMax, squaremExtrapolate } from './squarem.ts';
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
  /** Sigma has directions of exactly zero variance (kept by the boundary check). */
  singular: boolean;
  gll: number[];
  history: EmIteration[];
  /** Recorded iterations: EM steps, or SQUAREM cycles. */
  iterations: number;
  /** EM steps (learner refits), the cost with or without acceleration, boundary checks included. */
  emSteps: number;
  converged: boolean;
  seconds: number;
  /** f(X) on the training rows. */
  fitted: Float64Array;
  /** MATH.md section 6 on the training rows: within = f(x) + z u_j, out = f(x). */
  metrics: { mseWithin: number; mseOut: number };
}

/** One loop's bookkeeping; a boundary check runs a child loop that shares the learner and the step counter. */
interface Run {
  problem: EmProblem;
  learner: Learner;
  options: EmOptions;
  fitOptions: LearnerFitOptions;
  accelerate: boolean;
  boundary: boolean;
  expand: boolean;
  shared: { emSteps: number; lastStepOutput?: EmState };
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
    fitOptions: { signal: o.signal, seed: o.seed },
    accelerate: o.acceleration === 'squarem' || (o.acceleration === 'auto' && learner.exact),
    boundary: o.boundaryCheck === 'on' || (o.boundaryCheck === 'auto' && learner.exact),
    expand: o.expansion === 'on' || (o.expansion === 'auto' && learner.exact),
    shared: { emSteps: 0 },
    history: [],
    converged: false,
  };
  // Start (MATH.md section 2): u = 0, Sigma = I, sigma2 = 1, the learner trained on y (or as pre-trained).
  if (!o.pretrained) await learner.fit(problem.features, design.y, run.fitOptions);
  const q = design.q;
  const Sigma = o.start ? Float64Array.from(o.start.Sigma.flat()) : new Float64Array(q * q);
  if (Sigma.length !== q * q) throw new Error(`mixedML EM: the starting Sigma must be ${q} x ${q}`);
  if (!o.start) for (let a = 0; a < q; a++) Sigma[a * q + a] = 1;
  let final = await iterate(run, { fitted: learner.predict(problem.features), Sigma, sigma2: o.start?.sigma2 ?? 1 });
  // After a rejected extrapolation or boundary check the learner was last fitted elsewhere: one more step makes the
  // learner and the returned state agree.
  if (run.shared.lastStepOutput !== final) {
    const extra = await step(run, final);
    record(run, extra);
    final = extra.next;
  }
  return makeEmFit(run, final, structure, (performance.now() - started) / 1000);
}

async function step(run: Run, state: EmState): Promise<EmStepResult> {
  throwIfCancelled(run.options.signal);
  run.shared.emSteps++;
  const result = await emStep(run.problem, run.learner, state, run.fitOptions, run.expand);
  run.shared.lastStepOutput = result.next;
  return result;
}

/** Records an iteration's output and reports whether the stopping rule (or maxIter) ends the loop. */
function record(run: Run, result: EmStepResult): boolean {
  const { gll, next } = result;
  const prev = run.history.at(-1)?.gll;
  run.history.push({ gll, sigma2: next.sigma2, Sigma: toRows(next.Sigma, run.problem.design.q) });
  const iteration = run.history.length;
  run.options.onProgress?.({ iteration, emSteps: run.shared.emSteps, gll, sigma2: next.sigma2 });
  if (!Number.isFinite(gll)) throw new Error(`mixedML EM: the GLL is not finite at iteration ${iteration}`);
  run.converged = prev !== undefined && Math.abs(gll - prev) <= run.options.tol * Math.abs(prev);
  return run.converged || iteration >= run.options.maxIter;
}

async function iterate(run: Run, start: EmState): Promise<EmState> {
  let state = start;
  let stepMax = run.options.squarem.stepMax0;
  let probeBelow = run.options.boundaryThreshold;
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
    const weak = run.boundary ? weakestDirection(run.problem, state.Sigma, state.sigma2) : undefined;
    if (weak && weak.lambda < probeBelow) {
      const face = await tryBoundary(run, state, weak);
      if (face) state = face;
      // A failed check is retried only once the direction has shrunk 4-fold: O(log) checks on a slow approach.
      else probeBelow = weak.lambda / 4;
    }
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

/**
 * Runs the EM from `state` with the weak direction removed, to convergence on that face of the PSD cone, and returns
 * the face's fit when the boundary is optimal there (criterion slope into the interior >= 0 up to rounding) and no
 * worse than `state`; its iterations then join the history.
 */
async function tryBoundary(run: Run, state: EmState, weak: WeakDirection): Promise<EmState | undefined> {
  const child: Run = { ...run, history: [], converged: false };
  const face = await iterate(child, { fitted: state.fitted, Sigma: weak.faceSigma, sigma2: state.sigma2 });
  if (!child.converged) return undefined;
  const stats = face.stats ?? residualStats(run.problem, face.fitted);
  const { trace, quadratic } = criterionSlope(run.problem, stats, face.Sigma, face.sigma2, weak.normal);
  if (trace - quadratic < -run.options.boundarySlopeTol * trace) return undefined;
  if (criterionAt(run.problem, face) > criterionAt(run.problem, state)) return undefined;
  run.history.push(...child.history);
  return face;
}

function criterionAt(problem: EmProblem, s: EmState): number {
  return updateVariances(problem, s.stats ?? residualStats(problem, s.fitted), s.Sigma, s.sigma2).criterion;
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
    singular: relativeRank(state, q) < q,
    gll: run.history.map((h) => h.gll),
    history: run.history,
    iterations: run.history.length,
    emSteps: run.shared.emSteps,
    converged: run.converged,
    seconds,
    fitted: state.fitted,
    metrics: { mseWithin: within / n, mseOut: stats.ete / n },
  };
}

function relativeRank(state: EmState, q: number): number {
  return relativeFactor(state.Sigma, state.sigma2, q).rank;
}

function toRows(m: Float64Array, q: number): number[][] {
  return Array.from({ length: q }, (_, a) => Array.from(m.subarray(a * q, (a + 1) * q)));
}
