// `mixedml fit`: fit one model to a data file, print an lme4-style summary, optionally write the result as JSON.
import { basename } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { ModelSpecSchema, estimatorNames, learnerNames } from '../../src-shared/spec.ts';
import { fitFile } from '../services/fits.ts';
import { formatFit } from './printFit.ts';
import { CliError, type Command } from './commands.ts';

export const fitCommand: Command = {
  summary: 'fit a model: the classic LME, or a learner with random effects by EM (ML, REML) or OOB',
  usage:
    'fit --data FILE --formula "y ~ x + (1 + x | g)" --learner lme --estimator reml|ml ' +
    '[--covariance unstructured|diagonal] [--sheet S] [--json OUT|-]',
  options: {
    data: { type: 'string' },
    sheet: { type: 'string' },
    formula: { type: 'string' },
    learner: { type: 'string', default: 'lme' },
    estimator: { type: 'string', default: 'reml' },
    covariance: { type: 'string', default: 'unstructured' },
    json: { type: 'string' },
  },
  async run(values) {
    const data = requireString(values.data, '--data FILE');
    const formula = requireString(values.formula, '--formula "y ~ x + (1 | g)"');
    const spec = ModelSpecSchema.safeParse({
      formula,
      learner: values.learner,
      estimator: values.estimator,
      covariance: values.covariance,
    });
    if (!spec.success) {
      throw new CliError(
        `--learner must be one of ${learnerNames.join(', ')}; --estimator one of ${estimatorNames.join(', ')}; ` +
          `--covariance unstructured or diagonal`,
      );
    }
    const sheet = typeof values.sheet === 'string' ? sheetOption(values.sheet) : undefined;
    const result = await fitFile({ data, read: { sheet }, spec: spec.data });
    const json = typeof values.json === 'string' ? values.json : undefined;
    const text = JSON.stringify(result, null, 2);
    if (json === '-') process.stdout.write(`${text}\n`);
    else {
      process.stdout.write(`${formatFit(result, basename(data))}\n`);
      if (json) await writeFile(json, `${text}\n`);
    }
    return 0;
  },
};

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new CliError(`missing ${what}`);
  return value;
}

function sheetOption(sheet: string): string | number {
  return /^\d+$/.test(sheet) ? Number(sheet) : sheet;
}
