// The out-of-the-box estimator of MATH.md section 3 (the seed paper's Appendix A): each iteration fits the LME of
// section 1 to the residuals e = y - f(X) (fixed part X, random part Z), takes its u, Sigma and sigma2, retrains the
// learner on y - Z u, and stops by the EM's GLL rule. Its estimates are REML estimates.
import type { MixedDesign } from '../design.ts';
import type { Learner, LearnerFitOptions } from '../learners/learner.ts';
import { throwIfCancelled } from '../learners/learner.ts';
import { fitLme } from '../lme/fitLme.ts';
import { makeEmProblem } from './emProblem.ts';
import type { EmFit, EmIteration } from './fitEm.ts';
import { generalisedLogLik } from './gll.ts';
import { emDefaults, type EmOptions } from './options.ts';
import { residualStats } from './residualStats.ts';
import { meetsStoppingRule, stoppingRuleFor } from './stoppingRule.ts';

export async function fitOob(design: MixedDesign, learner: Learner, options: Partial<EmOptions> = {}): Promise<EmFit> {
  const started = performance.now();
  const o: EmOptions = { ...emDefaults, ...options };
  const diagonal = (o.structure ?? (design.diagonal ? 'diagonal' : 'unstructured')) === 'diagonal';
  const problem = makeEmProblem(design, true, diagonal);
  const stopping = stoppingRuleFor(learner, o.tol);
  const { n, q, J, Z, y, group } = design;
  const fitOptions = (step: number): LearnerFitOptions => ({
    signal: o.signal,
    seed: o.seed === undefined ? undefined : o.seed + step,
    onProgress: o.onLearnerProgress,
  });
  if (!o.pretrained) await learner.fit(problem.features, y, fitOptions(0));
  let fitted = learner.predict(problem.features);
  if (!o.pretrained) o.onInitialFit?.(learner, fitted);
  const history: EmIteration[] = [];
  let converged = false;
  let lme;
  let u = new Float64Array(J * q);
  for (let t = 1; ; t++) {
    throwIfCancelled(o.signal);
    const e = y.map((v, r) => v - fitted[r]!);
    lme = fitLme({ ...design, y: e }, { reml: true, diagonal });
    u = Float64Array.from(lme.ranef.flat());
    const Sigma = Float64Array.from(lme.reCov.flat());
    const sigma2 = lme.sigma ** 2;
    const yFixed = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let zu = 0;
      for (let a = 0; a < q; a++) zu += Z[r * q + a]! * u[group[r]! * q + a]!;
      yFixed[r] = y[r]! - zu;
    }
    await learner.fit(problem.features, yFixed, fitOptions(t));
    fitted = learner.predict(problem.features);
    const gll = generalisedLogLik(problem, residualStats(problem, fitted), u, Sigma, sigma2);
    if (!Number.isFinite(gll)) throw new Error(`OOB: the GLL is not finite at iteration ${t}`);
    const prev = history.at(-1)?.gll;
    history.push({ gll, sigma2, Sigma: lme.reCov });
    o.onProgress?.({ iteration: t, emSteps: t, gll, sigma2 });
    converged = prev !== undefined && meetsStoppingRule(stopping, prev, gll);
    if (converged || t >= o.maxIter) break;
  }
  let within = 0;
  let out = 0;
  for (let r = 0; r < n; r++) {
    let zu = 0;
    for (let a = 0; a < q; a++) zu += Z[r * q + a]! * u[group[r]! * q + a]!;
    within += (y[r]! - fitted[r]! - zu) ** 2;
    out += (y[r]! - fitted[r]!) ** 2;
  }
  return {
    estimator: 'reml',
    structure: diagonal ? 'diagonal' : 'unstructured',
    acceleration: 'none',
    learner,
    reCov: lme.reCov,
    sigma2: lme.sigma ** 2,
    sigma: lme.sigma,
    ranef: lme.ranef,
    levels: [...design.levels],
    zNames: [...design.zNames],
    criterion: lme.criterion,
    singular: lme.singular,
    gll: history.map((h) => h.gll),
    history,
    iterations: history.length,
    emSteps: history.length,
    converged,
    stoppingRule: stopping.rule,
    tol: stopping.tol,
    seconds: (performance.now() - started) / 1000,
    fitted,
    metrics: { mseWithin: within / n, mseOut: out / n },
  };
}
