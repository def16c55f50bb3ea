// `npm run bench`: the speed targets of the issues, measured here, side by side with lme4 where Rscript and lme4
// are installed (run in the same session on the same data) and with the reference's recorded times otherwise.
// Prints a table and writes bench/results.json. A benchmark, not a test: nothing here fails on a slow machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitLme } from '../src-main/engine/lme/fitLme.ts';
import { fitMixedEm } from '../src-main/engine/em/fitEm.ts';
import { LinearLearner } from '../src-main/engine/learners/linear.ts';
import { benchCv } from './cv.bench.ts';
import { benchEmLearner } from './emLearners.bench.ts';
import { loadLmeCase } from './lmeCases.ts';
import { benchReadCsv } from './readCsv.bench.ts';

interface Row {
  bench: string;
  seconds: number;
  detail: string;
  reference?: { tool: string; seconds: number; detail: string };
}

const here = fileURLToPath(new URL('.', import.meta.url));
const rows: Row[] = [];
const hasLme4 = spawnSync('Rscript', ['-e', 'library(lme4)'], { stdio: 'ignore' }).status === 0;

interface Lme4Run {
  seconds: number;
  criterion: number;
  iterations: number;
  warnings: number;
}

function lme4(csv: string, formula: string): Lme4Run {
  const out = execFileSync('Rscript', [join(here, 'lme4.R'), csv, formula, 'REML'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function lme4Detail(run: Lme4Run, digits: number): string {
  const warned = run.warnings > 0 ? ', with convergence warnings' : '';
  return `criterion ${run.criterion.toFixed(digits)}, ${run.iterations} ev${warned}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function benchReferenceLme(name: 'sim_linear' | 'mlbook_table5' | 'sleepstudy') {
  const c = await loadLmeCase(name);
  const fits = Array.from({ length: 5 }, () => fitLme(c.design, { reml: true }));
  const fit = fits[0]!;
  const seconds = median(fits.map((f) => f.seconds));
  const live = hasLme4 ? lme4(c.csv, c.formula) : undefined;
  rows.push({
    bench: `LME REML ${name} (q=${c.design.q}, N=${c.design.n}, J=${c.design.J})`,
    seconds,
    detail: `criterion ${fit.criterion.toFixed(4)}, ${fit.iterations} it, ${fit.evaluations} ev`,
    reference: live
      ? { tool: 'lme4 (here)', seconds: live.seconds, detail: lme4Detail(live, 4) }
      : {
          tool: 'lme4 (recorded)',
          seconds: c.reference.seconds,
          detail: `criterion ${c.reference.criterion.toFixed(4)}`,
        },
  });
}

function benchBigLme() {
  const dir = mkdtempSync(join(tmpdir(), 'mixedml-bench-'));
  const csv = join(dir, 'big.csv');
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'bigLme.ts'), ...(hasLme4 ? [csv] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const ours = JSON.parse(out.trim().split('\n').pop()!);
  const live = hasLme4 ? lme4(csv, 'y ~ x1 + x2 + x3 + (1 + x1 + x2 | g)') : undefined;
  rows.push({
    bench: 'LME REML generated (q=3, N=1,000,000, J=10,000)',
    seconds: ours.seconds,
    detail: `criterion ${ours.criterion.toFixed(2)}, ${ours.iterations} it, peak RSS ${ours.peakMB.toFixed(0)} MB`,
    reference: live ? { tool: 'lme4 (here)', seconds: live.seconds, detail: lme4Detail(live, 2) } : undefined,
  });
}

// `npm run bench -- em,cv` runs the named sections only.
const only = process.argv[2]?.split(',');
const sections: Record<string, () => Promise<void> | void> = {
  lme: async () => {
    await benchReferenceLme('sim_linear');
    await benchReferenceLme('mlbook_table5');
    await benchReferenceLme('sleepstudy');
  },
  'lme-big': benchBigLme,
  em: async () => {
    const c = await loadLmeCase('sim_linear');
    for (const accelerated of [true, false]) {
      const options = accelerated ? {} : { acceleration: 'none' as const, expansion: 'off' as const };
      // The median of 5 fits, as for the LME rows; the first fit of a process also compiles the code (`mixedml fit`
      // pays that once, a worker of the app once per worker).
      const fits = [];
      for (let run = 0; run < 5; run++) {
        fits.push(await fitMixedEm(c.design, new LinearLearner(), { estimator: 'reml', tol: 1e-8, ...options }));
      }
      const fit = fits[0]!;
      rows.push({
        bench: `REML-EM linear learner sim_linear, tol 1e-8${accelerated ? ' (SQUAREM + PX-EM)' : ' (plain EM)'}`,
        seconds: median(fits.map((f) => f.seconds)),
        detail:
          `${fit.iterations} it, ${fit.emSteps} EM steps, criterion ${fit.criterion.toFixed(4)}` +
          (accelerated ? `; the process's first fit ${fit.seconds.toFixed(3)} s` : ''),
        reference: { tool: 'independent numpy EM (recorded)', seconds: 10, detail: '174 it' },
      });
    }
  },
  'em-learners': async () => {
    // SVR also from MATH.md's start sigma2 = 1, to show what the default start saves (em/README.md).
    const runs = [['mlp'], ['svr'], ['svr', 'math'], ['forest']] as const;
    for (const [learner, start] of runs) {
      const r = await benchEmLearner(learner, start);
      rows.push({
        bench: `REML-EM ${learner} learner sim_nonlinear, default stopping rule${start ? ', sigma2 starting at 1' : ''}`,
        seconds: r.seconds,
        detail:
          `${r.iterations} it (${r.converged ? 'converged' : 'not converged'}, ${r.rule} tol ${r.tol}), ` +
          `train MSE within ${r.mseWithin.toFixed(2)}, out ${r.mseOut.toFixed(2)}`,
        reference: r.paper && { tool: 'seed paper (per fold)', seconds: r.paper.seconds, detail: r.paper.model },
      });
    }
  },
  cv: async () => {
    // Table 3 and 4's per-fold times, times 50 folds: the paper's whole CV on its quad-core i7.
    const paper = { linear: { model: 'NN_lin_REML', seconds: 37.94 }, svr: { model: 'SVR_REML', seconds: 57.26 } };
    const cases = [
      ['sim_linear', 'linear'],
      ['sim_nonlinear', 'svr'],
    ] as const;
    for (const [dataset, learner] of cases) {
      const runs = [];
      for (const workers of [1, 2]) runs.push(await benchCv(dataset, learner, workers));
      for (const r of runs) {
        rows.push({
          bench: `50-fold CV REML-EM ${learner} ${dataset} (with lme, ml, hot), ${r.workers} worker${r.workers > 1 ? 's' : ''}`,
          seconds: r.seconds,
          detail:
            `speed-up ${(runs[0]!.seconds / r.seconds).toFixed(2)}x over 1 worker; mixedML fit ` +
            `${r.secondsPerFold.toFixed(2)} s/fold; test MSE within ${r.testMseWithin.toFixed(2)}, out ` +
            `${r.testMseOut.toFixed(2)}; main-thread event loop delay p99 ${r.loopDelayP99Ms.toFixed(0)} ms, max ` +
            `${r.loopDelayMaxMs.toFixed(0)} ms`,
          reference: {
            tool: 'seed paper (50 x per fold)',
            seconds: 50 * paper[learner].seconds,
            detail: `${paper[learner].model} ${paper[learner].seconds} s per fold`,
          },
        });
      }
    }
  },
  csv: async () => {
    const r = await benchReadCsv();
    rows.push({
      bench: `read CSV ${r.rows.toLocaleString('en')} rows x 20 numeric columns`,
      seconds: r.seconds,
      detail: `memory +${r.peakMB.toFixed(0)} MB (the numbers alone: 160 MB)`,
    });
  },
};
for (const [name, section] of Object.entries(sections)) {
  if (!only || only.includes(name)) await section();
}

const table = rows.map((r) => ({
  bench: r.bench,
  'ours (s)': r.seconds.toFixed(3),
  ours: r.detail,
  reference: r.reference ? `${r.reference.tool}: ${r.reference.seconds.toFixed(3)} s, ${r.reference.detail}` : '',
  speed: r.reference ? `${(r.reference.seconds / r.seconds).toFixed(1)}x` : '',
}));
console.table(table);
writeFileSync(
  join(here, 'results.json'),
  JSON.stringify({ date: new Date().toISOString(), node: process.versions.node, rows }, null, 2) + '\n',
);
