// `mixedml fit`: fit one model to a data file, print an lme4-style summary, optionally write the result as JSON.
import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { ModelSpecSchema, estimatorNames, learnerNames, type ModelSpec } from '../../src-shared/spec.ts';
import { DatasetStore } from '../services/datasets.ts';
import { fitFile, fitTable } from '../services/fits.ts';
import { makeProject, writeProjectFile } from '../services/projects.ts';
import { learnerOptionFlags } from '../../src-shared/code.ts';
import { withExtension } from '../services/writeAtomic.ts';
import { formatFit } from './printFit.ts';
import { CliError, type Command } from './commands.ts';

/** Command-line flags of learner options -> their names in src-shared/defaults.ts (src-shared/code.ts writes them). */
const learnerFlags = Object.fromEntries(Object.entries(learnerOptionFlags).map(([name, flag]) => [flag, name]));

/** The options `fit` and `cv` share: the model and the learner. */
export const modelFlags = {
  data: { type: 'string' },
  sheet: { type: 'string' },
  formula: { type: 'string' },
  /** Default 'lme', or 'pretrained' when --pretrained is given (specFromFlags). */
  learner: { type: 'string' },
  pretrained: { type: 'string' },
  estimator: { type: 'string', default: 'reml' },
  covariance: { type: 'string', default: 'unstructured' },
  json: { type: 'string' },
  tol: { type: 'string' },
  'max-iter': { type: 'string' },
  seed: { type: 'string' },
  ...Object.fromEntries(Object.keys(learnerFlags).map((flag) => [flag, { type: 'string' as const }])),
} as const;

export const fitCommand: Command = {
  summary: 'fit a model: the classic LME, or a learner with random effects by EM (ML, REML) or OOB',
  usage:
    'fit --data FILE --formula "y ~ x + (1 + x | g)" --learner lme --estimator reml|ml ' +
    '[--covariance unstructured|diagonal] [--tol T] [--max-iter 500] [--seed 1] [learner options] [--sheet S] ' +
    '[--json OUT|-] [--save P.mixedml]\n\nLearners: lme (classic LME), linear, nn_linear, mlp, svr, forest, pretrained ' +
    '(--pretrained model.json: a TensorFlow.js Layers model the EM fine-tunes); estimators reml, ml, oob.\n' +
    '--save writes a project (the data, the model and its fit) that `mixedml predict` and the app open.\n' +
    'Learner options: --hidden 5,2 --lr 0.01 --batch 32 --patience 8 --min-delta 0.1 --max-epochs N (nets); ' +
    '--C 1 --epsilon 0.1 --gamma scale|auto|X (svr); --trees 100 --max-depth N --max-features F (forest).',
  options: { ...modelFlags, save: { type: 'string' } },
  async run(values) {
    const data = requireString(values.data, '--data FILE');
    const spec = specFromFlags(values);
    const sheet = typeof values.sheet === 'string' ? sheetOption(values.sheet) : undefined;
    const save =
      typeof values.save === 'string'
        ? withExtension(requireString(values.save, '--save P.mixedml'), '.mixedml')
        : undefined;
    // A project embeds the data file's bytes, which the data-set store keeps beside the table it reads.
    const dataset = save ? await new DatasetStore().openPath(data, { sheet }) : undefined;
    const { result, learner } = dataset
      ? await fitTable(dataset.table, spec)
      : await fitFile({ data, read: { sheet }, spec });
    if (save && dataset) {
      const analysis = { id: randomUUID(), datasetId: dataset.id, spec, createdAt: Date.now(), fit: result, learner };
      await writeProjectFile(save, makeProject([dataset], [analysis]));
    }
    const json = typeof values.json === 'string' ? values.json : undefined;
    const text = JSON.stringify(result, null, 2);
    if (json === '-') process.stdout.write(`${text}\n`);
    else {
      process.stdout.write(`${formatFit(result, basename(data))}\n`);
      if (save) process.stdout.write(`Project saved: ${save}\n`);
      if (json) await writeFile(json, `${text}\n`);
    }
    return 0;
  },
};

export function specFromFlags(values: Record<string, unknown>): ModelSpec {
  const formula = requireString(values.formula, '--formula "y ~ x + (1 | g)"');
  const pretrained = typeof values.pretrained === 'string' ? values.pretrained : undefined;
  const learner = values.learner ?? (pretrained ? 'pretrained' : 'lme');
  if (pretrained !== undefined && learner !== 'pretrained') {
    throw new CliError(`--pretrained gives the model of --learner pretrained, not of --learner ${String(learner)}`);
  }
  if (learner === 'pretrained' && !pretrained) throw new CliError('missing --pretrained model.json');
  const spec = ModelSpecSchema.safeParse({
    formula,
    learner,
    pretrained: pretrained === undefined ? undefined : resolve(pretrained),
    estimator: values.estimator,
    covariance: values.covariance,
    tol: numberOption(values.tol, '--tol'),
    maxIter: numberOption(values['max-iter'], '--max-iter'),
    seed: numberOption(values.seed, '--seed'),
    learnerOptions: learnerOptions(values),
  });
  if (!spec.success) {
    const issue = spec.error.issues[0]!;
    if (!['learner', 'estimator', 'covariance'].includes(String(issue.path[0]))) {
      throw new CliError(`--${String(issue.path[0])}: ${issue.message}`);
    }
    throw new CliError(
      `--learner must be one of ${learnerNames.join(', ')}; --estimator one of ${estimatorNames.join(', ')}; ` +
        `--covariance unstructured or diagonal`,
    );
  }
  return spec.data;
}

export function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new CliError(`missing ${what}`);
  return value;
}

export function sheetOption(sheet: string): string | number {
  return /^\d+$/.test(sheet) ? Number(sheet) : sheet;
}

function learnerOptions(values: Record<string, unknown>): Record<string, number | string | number[]> {
  const options: Record<string, number | string | number[]> = {};
  for (const [flag, name] of Object.entries(learnerFlags)) {
    const value = values[flag];
    if (typeof value !== 'string') continue;
    if (flag === 'hidden') options[name] = value.split(',').map((h) => numberOption(h, '--hidden')!);
    else options[name] = /^-?[\d.]+(e-?\d+)?$/i.test(value) ? Number(value) : value;
  }
  return options;
}

function numberOption(value: unknown, flag: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new CliError(`${flag} must be a number, not '${value}'`);
  return number;
}
