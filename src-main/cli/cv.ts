// `mixedml cv`: k-fold (or grouped k-fold) cross-validation of a model beside the ml, hot and LME baselines, folds in
// parallel across workers; prints the seed paper's Table 3/4 layout and writes it as JSON.
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { CvOptionsSchema, type CvResult } from '../../src-shared/spec.ts';
import { DatasetStore } from '../services/datasets.ts';
import { JobService } from '../services/jobs.ts';
import { CliError, type Command } from './commands.ts';
import { modelFlags, requireString, sheetOption, specFromFlags } from './fit.ts';

export const cvCommand: Command = {
  summary: 'cross-validate a model against the ml, hot and LME baselines (folds in parallel)',
  usage:
    'cv --data FILE --formula F --learner L --estimator E [--compare lme,ml,hot] --folds K [--grouped] [--seed S] ' +
    '[--workers N] [--json OUT|-] (and the model options of fit)',
  options: {
    ...modelFlags,
    folds: { type: 'string', default: '10' },
    grouped: { type: 'boolean', default: false },
    compare: { type: 'string', default: 'lme,ml,hot' },
    workers: { type: 'string' },
  },
  async run(values) {
    const data = requireString(values.data, '--data FILE');
    const spec = specFromFlags(values);
    const options = CvOptionsSchema.safeParse({
      folds: Number(values.folds),
      grouped: values.grouped,
      seed: spec.seed,
      compare: String(values.compare).split(',').filter(Boolean),
    });
    if (!options.success) throw new CliError('--folds must be a whole number >= 2; --compare a list of lme, ml, hot');
    // No window to keep responsive: every core runs folds unless --workers says otherwise.
    const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
    const sheet = typeof values.sheet === 'string' ? sheetOption(values.sheet) : undefined;
    const dataset = await new DatasetStore().openPath(data, { sheet });
    const jobs = new JobService(new URL('../jobs/fit.worker.ts', import.meta.url), workers);
    try {
      const bar = process.stderr.isTTY ? (text: string) => process.stderr.write(`\r${text}`) : undefined;
      const finished = new Promise<CvResult>((resolve, reject) => {
        jobs.on((job) => {
          if (job.progress?.folds) bar?.(`fold ${job.progress.fold} of ${job.progress.folds}`);
          if (job.status === 'finished') resolve(jobs.result(job.id).cv!);
          if (job.status === 'failed' || job.status === 'cancelled') reject(new Error(job.error ?? job.status));
        });
      });
      jobs.cv(dataset, spec, options.data);
      const result = await finished;
      bar?.('\n');
      const json = typeof values.json === 'string' ? values.json : undefined;
      const text = JSON.stringify(result, null, 2);
      if (json === '-') process.stdout.write(`${text}\n`);
      else {
        process.stdout.write(`${formatCv(result, basename(data))}\n`);
        if (json) await writeFile(json, `${text}\n`);
      }
      return 0;
    } finally {
      await jobs.close();
    }
  },
};

const cell = (m: { mean: number; sd: number | null } | undefined) =>
  m ? `${m.mean.toFixed(3)} (${m.sd === null || Number.isNaN(m.sd) ? 'NA' : m.sd.toFixed(3)})` : '';

export function formatCv(cv: CvResult, dataName: string): string {
  const kind = cv.grouped ? 'grouped (whole clusters held out)' : 'by rows';
  const rows: string[][] = [['metric', 'train mean (SD)', 'test mean (SD)']];
  const model = `${cv.spec.learner} ${cv.spec.estimator.toUpperCase()}`;
  for (const [name, m] of Object.entries(cv.metrics)) rows.push([`${name} (${model})`, cell(m.train), cell(m.test)]);
  for (const [modelName, summary] of Object.entries(cv.models)) {
    for (const [name, m] of Object.entries(summary.metrics))
      rows.push([`${name} (${modelName})`, cell(m.train), cell(m.test)]);
  }
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  const table = rows.map((r) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  '));
  return [
    `${cv.folds}-fold cross-validation ${kind}, seed ${cv.seed}: ${cv.spec.formula} (${dataName})`,
    '',
    ...table,
    '',
    `Seconds per fold (${model}): ${cell(cv.seconds_per_fold)}`,
  ].join('\n');
}
