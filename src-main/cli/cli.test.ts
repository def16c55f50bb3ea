// The CLI's JSON contracts, end to end: `mixedml fit --json` against lme4, `mixedml inspect --json` against haven.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FitResultSchema, type FitResult } from '../../src-shared/spec.ts';
import { loadReference, sharedDir, within, type ReferenceName } from '../engine/testing/referenceCases.ts';

const cli = fileURLToPath(new URL('../../bin/mixedml.mjs', import.meta.url));
const run = promisify(execFile);

async function fitJson(name: ReferenceName, estimator: 'reml' | 'ml'): Promise<FitResult> {
  const ref = loadReference(name);
  const data = join(sharedDir, 'datasets', ref.dataset);
  const args = [cli, 'fit', '--data', data, '--formula', ref.formula, '--learner', 'lme', '--estimator', estimator];
  const { stdout } = await run(process.execPath, [...args, '--json', '-']);
  return FitResultSchema.parse(JSON.parse(stdout));
}

const cases: [ReferenceName, 'reml' | 'ml'][] = [
  ['sleepstudy', 'reml'],
  ['sleepstudy', 'ml'],
  ['mlbook_table5', 'reml'],
];

describe.each(cases)('mixedml fit --json on %s (%s)', (name, estimator) => {
  it('writes the JSON contract with lme4 names and lme4 values', async () => {
    const fit = await fitJson(name, estimator);
    const ref = loadReference(name)[estimator === 'reml' ? 'REML' : 'ML'];
    expect(fit.nobs).toBe(ref.nobs);
    expect(fit.ngroups).toBe(ref.ngroups);
    expect(Object.keys(fit.fixef)).toEqual(Object.keys(ref.fixef));
    expect(fit.re_names).toEqual(ref.re_names);
    expect(fit.ranef.levels).toEqual(ref.ranef_levels);
    expect(fit.criterion).toBeLessThanOrEqual(ref.criterion + 1e-4);
    for (const [k, v] of Object.entries(ref.fixef)) expect(within(fit.fixef[k]!, v, 1e-3, 1), k).toBe(true);
    for (const [k, v] of Object.entries(ref.fixef_se)) expect(within(fit.fixef_se[k]!, v, 1e-2, 0), k).toBe(true);
    expect(fit.singular).toBe(ref.singular);
    expect(fit.converged).toBe(true);
    // The README holds a boundary (singular) fit to its criterion and fixed effects only: its variance components
    // sit on a flat ridge where lme4 itself stops early (our criterion is lower there).
    if (ref.singular) return;
    ref.re_cov.forEach((row, i) =>
      row.forEach((v, j) => expect(within(fit.re_cov[i]![j]!, v, 1e-2, 0.01), `re_cov[${i}][${j}]`).toBe(true)),
    );
    expect(within(fit.sigma, ref.sigma, 1e-2, 0.01)).toBe(true);
  });
});

describe('mixedml fit on bad input', () => {
  it('names an unknown column in one line and exits non-zero', async () => {
    const data = join(sharedDir, 'datasets', 'sleepstudy.csv');
    const failure = await run(process.execPath, [
      cli,
      'fit',
      '--data',
      data,
      '--formula',
      'Reaction ~ Dayz + (1|Subject)',
    ])
      .then(() => undefined)
      .catch((e: { code: number; stderr: string }) => e);
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failure?.stderr).toMatch(/Dayz/);
  });
});

describe('mixedml inspect --json', () => {
  it.each(['data_efc', 'mlbook_labelled'])('describes %s.sav as haven does', async (name) => {
    const { stdout } = await run(process.execPath, [
      cli,
      'inspect',
      '--data',
      join(sharedDir, 'datasets', 'spss', `${name}.sav`),
      '--json',
      '-',
    ]);
    const ours = JSON.parse(stdout);
    const haven = JSON.parse(readFileSync(join(sharedDir, 'reference', `${name}.haven.json`), 'utf8'));
    expect(ours.file).toBe(haven.file);
    expect(ours.nrows).toBe(haven.nrows);
    expect(ours.variables.map((v: { name: string }) => v.name)).toEqual(
      haven.variables.map((v: { name: string }) => v.name),
    );
    haven.variables.forEach((h: Record<string, unknown>, k: number) => {
      const v = ours.variables[k];
      // jsonlite writes R's NULL (no label) as {}; we write "".
      expect(v.label).toBe(typeof h.label === 'string' ? h.label : '');
      expect(v.type).toBe(h.type);
      expect(v.n_missing).toBe(h.n_missing);
      expect(v.value_labels).toEqual(h.value_labels);
      if (h.mean === null) expect(v.mean).toBeNull();
      else expect(within(v.mean, h.mean as number, 1e-9, 0)).toBe(true);
    });
  });
});
