// "Show as code" (src-shared/code.ts) run for real: the lme4 call in R against the lme4 references and against our
// derived columns, and the `mixedml` command through a POSIX shell against the fit it claims to reproduce.
import { describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { cliCommand, lme4Call } from '../../src-shared/code.ts';
import { FitResultSchema, ModelSpecSchema, type DerivedColumn, type ModelSpec } from '../../src-shared/spec.ts';
import { applyDerivedColumns } from '../data/deriveColumns.ts';
import { readTableFile } from '../data/readTableFile.ts';
import { findColumn } from '../data/table.ts';
import { loadReference, sharedDir, within, type ReferenceName } from '../engine/testing/referenceCases.ts';
import { fitFile, fitTable } from '../services/fits.ts';
import { cvCommand } from './cv.ts';
import { fitCommand, specFromFlags } from './fit.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/mixedml.mjs', import.meta.url));
const dataset = (name: string) => join(sharedDir, 'datasets', name);
const spec = (fields: Record<string, unknown>): ModelSpec =>
  ModelSpecSchema.parse({ learner: 'lme', estimator: 'reml', ...fields });

function hasRscript(): boolean {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const rscript = hasRscript();
if (!rscript) console.warn('Rscript is not installed: the lme4 calls of "Show as code" are not run.');

/** Runs R code with `extra` appended; returns stdout. */
async function runR(code: string, extra: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mixedml-r-'));
  try {
    const file = join(dir, 'fit.R');
    await writeFile(file, `${code}\n${extra}\n`);
    return (await run('Rscript', ['--vanilla', file], { cwd: dir })).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const printFixef =
  'for (k in names(fixef(fit))) writeLines(paste(c("fixef", k, sprintf("%.17g", fixef(fit)[[k]])), collapse = "\\t"))';

/** The lines `tag<TAB>name<TAB>value<TAB>...` of R's output (summary() prints around them), as name -> values. */
function tagged(stdout: string, tag: string): Map<string, number[]> {
  const lines = stdout.split('\n').filter((line) => line.startsWith(`${tag}\t`));
  return new Map(lines.map((line) => line.split('\t')).map(([, name, ...values]) => [name!, values.map(Number)]));
}

function parseFixef(stdout: string): Record<string, number> {
  return Object.fromEntries([...tagged(stdout, 'fixef')].map(([name, [value]]) => [name, value!]));
}

/** The words a POSIX shell makes of a command line (`mixedml` and # comments dropped). */
async function shellWords(command: string): Promise<string[]> {
  const line = command.replace(/^#.*\n/gm, '').replace(/^mixedml /, "printf '%s\\0' ");
  const { stdout } = await run('sh', ['-c', line]);
  return stdout.split('\0').slice(0, -1);
}

describe.skipIf(!rscript)('the lme4 call in R', () => {
  const cases: [ReferenceName, 'reml' | 'ml'][] = [
    ['sleepstudy', 'reml'],
    ['sleepstudy', 'ml'],
    ['mlbook_table5', 'reml'],
  ];
  it.each(cases)('gives the fixed effects of the %s reference (%s)', async (name, estimator) => {
    const ref = loadReference(name);
    const code = lme4Call(spec({ formula: ref.formula, estimator }), dataset(ref.dataset));
    const fixef = parseFixef(await runR(code, printFixef));
    const expected = ref[estimator === 'reml' ? 'REML' : 'ML'].fixef;
    expect(Object.keys(fixef)).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected)) expect(within(fixef[k]!, v, 1e-3, 1), k).toBe(true);
  });

  it('makes the derived columns as the app does, and the same fit', async () => {
    const derived: DerivedColumn[] = [
      { kind: 'clusterMean', name: 'm_iq', source: 'IQ_verb', group: 'schoolnr' },
      { kind: 'centerGroup', name: 'iq cwc', source: 'IQ_verb', group: 'schoolnr' },
      { kind: 'centerGrand', name: 'ses_c', source: 'ses' },
      { kind: 'standardize', name: 'iq_z', source: 'IQ_verb' },
      { kind: 'product', name: 'iq_ses', sources: ['IQ_verb', 'ses'] },
      { kind: 'log', name: 'log_lang', source: 'langPOST' },
      { kind: 'dummies', source: 'denomina', reference: '1' },
    ];
    const model = spec({
      formula:
        'langPOST ~ `iq cwc` + m_iq + ses_c + iq_ses + denomina2 + denomina3 + denomina4 + denomina5 + ' +
        '(1 + `iq cwc` | schoolnr)',
    });
    const names = ['m_iq', 'iq cwc', 'ses_c', 'iq_z', 'iq_ses', 'log_lang', 'denomina2', 'denomina5'];
    const code = lme4Call(model, dataset('mlbook.csv'), { derived });
    const stdout = await runR(
      code,
      `${printFixef}\nfor (k in c(${names.map((n) => JSON.stringify(n)).join(', ')})) ` +
        'writeLines(paste(c("column", k, sprintf("%.17g", dat[[k]][c(1, 100, 3758)])), collapse = "\\t"))',
    );
    const table = applyDerivedColumns(await readTableFile(dataset('mlbook.csv')), derived);
    const columns = tagged(stdout, 'column');
    expect([...columns.keys()]).toEqual(names);
    for (const [name, values] of columns) {
      const ours = findColumn(table, name)!.values;
      values.forEach((v, k) => expect(within(ours[[0, 99, 3757][k]!]!, v, 1e-12, 1), `${name} row ${k}`).toBe(true));
    }
    const { result } = await fitTable(table, model);
    const fixef = parseFixef(stdout);
    expect(Object.keys(result.fixef)).toEqual(Object.keys(fixef));
    for (const [k, v] of Object.entries(fixef)) expect(within(result.fixef[k]!, v, 1e-3, 1), k).toBe(true);
  });
});

describe('the mixedml command', () => {
  it('parses back to the same spec and cross-validation', async () => {
    const specs = [
      spec({
        formula: 'y ~ a*b + (a || g)',
        learner: 'mlp',
        estimator: 'ml',
        covariance: 'diagonal',
        learnerOptions: {
          hidden: [8, 4],
          learningRate: 0.003,
          batchSize: 64,
          patience: 4,
          minDelta: 0.01,
          maxEpochs: 50,
        },
        tol: 1e-8,
        maxIter: 40,
        seed: 9,
      }),
      spec({
        formula: 'y ~ x + (1 | g)',
        learner: 'svr',
        estimator: 'oob',
        learnerOptions: { C: 2, epsilon: 0.2, gamma: 'scale' },
      }),
      spec({
        formula: 'y ~ x + (1 | g)',
        learner: 'forest',
        learnerOptions: { trees: 5, maxDepth: 3, maxFeatures: 'sqrt' },
      }),
    ];
    for (const s of specs) {
      const words = await shellWords(cliCommand(s, "/tmp/it's data.csv"));
      expect(words[0]).toBe('fit');
      const { values } = parseArgs({ args: words.slice(1), options: fitCommand.options, strict: true });
      expect(values.data).toBe("/tmp/it's data.csv");
      expect(specFromFlags(values)).toEqual(s);
    }
    const cv = { folds: 5, grouped: true, seed: 3, compare: ['lme', 'hot'] as ('lme' | 'hot')[] };
    const words = await shellWords(cliCommand(spec({ formula: 'y ~ x + (1 | g)', seed: 3 }), 'a.csv', { cv }));
    expect(words[0]).toBe('cv');
    const { values } = parseArgs({ args: words.slice(1), options: cvCommand.options, strict: true });
    expect([values.folds, values.grouped, values.seed, values.compare]).toEqual(['5', true, '3', 'lme,hot']);
  });

  it('reproduces the fit it was made from, run through sh', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mixedml-cli-'));
    try {
      const bin = join(dir, 'bin');
      await mkdir(bin);
      await writeFile(join(bin, 'mixedml'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`, { mode: 0o755 });
      const data = join(dir, "it's data.csv");
      await copyFile(dataset('sleepstudy.csv'), data);
      const specs = [
        spec({ formula: 'Reaction ~ Days + (Days | Subject)', estimator: 'ml' }),
        spec({
          formula: 'Reaction ~ Days + (Days | Subject)',
          learner: 'forest',
          learnerOptions: { trees: 10, maxDepth: 3 },
          maxIter: 4,
          seed: 4,
        }),
      ];
      for (const s of specs) {
        const command = `${cliCommand(s, data)} --json -`;
        const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
        const { stdout } = await run('sh', ['-c', command], { env, cwd: dir });
        const fromCli = FitResultSchema.parse(JSON.parse(stdout));
        const { result } = await fitFile({ data, spec: s });
        const same = (f: typeof result) => [f.fixef, f.re_cov, f.sigma, f.logLik, f.ranef, f.iterations, f.gll];
        expect(same(fromCli)).toEqual(same(result));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
