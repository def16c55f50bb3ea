// Test fixtures: the lme4 reference fits of ../shared/reference and the designs of their models.
// Tests read these files from ../shared (CI has it beside the checkout); they are never copied into the repo.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { MixedDesign } from '../design.ts';

export const sharedDir = fileURLToPath(new URL('../../../../shared/', import.meta.url));

export interface ReferenceBlock {
  nobs: number;
  ngroups: number;
  fixef: Record<string, number>;
  fixef_se: Record<string, number>;
  re_names: string[];
  re_cov: number[][];
  sigma: number;
  logLik: number;
  criterion: number;
  singular: boolean;
  theta: number[];
  ranef_levels: string[];
  ranef: number[][];
  ranef_condvar_diag: number[][];
  seconds: number;
}

export interface ReferenceFit {
  dataset: string;
  formula: string;
  REML: ReferenceBlock;
  ML: ReferenceBlock;
}

export const referenceNames = ['sleepstudy', 'mlbook_main', 'mlbook_table5', 'sim_linear'] as const;
export type ReferenceName = (typeof referenceNames)[number];

export function loadReference(name: ReferenceName): ReferenceFit {
  return JSON.parse(readFileSync(join(sharedDir, 'reference', `${name}.lme4.json`), 'utf8')) as ReferenceFit;
}

/**
 * The design of a reference model built straight from its CSV and the reference's own names, independently of
 * the formula parser and the model-matrix builder (which have their own tests): interactions `a:b` are products
 * of numeric columns, the grouping factor's levels are taken from the reference in lme4's order.
 */
export function loadReferenceDesign(name: ReferenceName, estimator: 'REML' | 'ML' = 'REML'): MixedDesign {
  const ref = loadReference(name);
  const block = ref[estimator];
  const lines = readFileSync(join(sharedDir, 'datasets', ref.dataset), 'utf8')
    .trim()
    .split(/\r?\n/);
  const header = lines[0]!.split(',').map((h) => h.replace(/"/g, ''));
  const rows = lines.slice(1).map((l) => l.split(',').map((c) => c.replace(/"/g, '')));
  const col = (n: string) => {
    const k = header.indexOf(n);
    if (k < 0) throw new Error(`no column ${n}`);
    return k;
  };
  const [lhs, rhs] = ref.formula.split('~').map((s) => s.trim()) as [string, string];
  const bar = rhs.match(/\(([^|]+)\|\s*([^)]+)\)/)!;
  const groupName = bar[2]!.trim();
  const value = (row: string[], term: string) =>
    term === '(Intercept)' ? 1 : term.split(':').reduce((acc, f) => acc * Number(row[col(f)]), 1);
  const xNames = Object.keys(block.fixef);
  const zNames = block.re_names;
  const levels = block.ranef_levels;
  const levelIndex = new Map(levels.map((l, i) => [l, i]));
  const n = rows.length;
  const X = new Float64Array(n * xNames.length);
  const Z = new Float64Array(n * zNames.length);
  const y = new Float64Array(n);
  const group = new Int32Array(n);
  rows.forEach((row, i) => {
    xNames.forEach((t, k) => (X[i * xNames.length + k] = value(row, t)));
    zNames.forEach((t, k) => (Z[i * zNames.length + k] = value(row, t)));
    y[i] = Number(row[col(lhs)]);
    group[i] = levelIndex.get(row[col(groupName)]!)!;
  });
  return {
    n,
    p: xNames.length,
    q: zNames.length,
    J: levels.length,
    X,
    Z,
    y,
    group,
    xNames,
    zNames,
    levels,
    response: lhs,
    groupName,
    factorLevels: {},
    diagonal: false,
    droppedRows: 0,
    missingByColumn: {},
  };
}

/** lme4's tolerance rule of ../shared/reference/README.md: |a - b| <= rel * max(floor, |b|). */
export function within(actual: number, expected: number, rel: number, floor: number): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(floor, Math.abs(expected));
}
