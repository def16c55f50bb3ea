// Test helper: compares an inspect report with a haven reference (../shared/reference/*.haven.json or
// fixtures/*.haven.json) field by field; means within a relative tolerance, everything else exactly.
import { readFileSync } from 'node:fs';
import type { InspectReport } from '../inspectTable.ts';

export interface HavenReference {
  file: string;
  nrows: number;
  variables: {
    name: string;
    /** jsonlite writes R's NULL (no label) as {}. */
    label: string | Record<string, never>;
    type: string;
    n_missing: number;
    value_labels: Record<string, number | string>;
    mean: number | null;
  }[];
  first_rows: Record<string, number | string | null>[];
}

export function loadHavenReference(path: string): HavenReference {
  return JSON.parse(readFileSync(path, 'utf8')) as HavenReference;
}

/** Every difference as "field: got X, expected Y (tolerance)"; empty when the report matches. */
export function havenDifferences(report: InspectReport, ref: HavenReference, meanRel = 1e-9): string[] {
  const out: string[] = [];
  const same = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      out.push(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
  };
  same('file', report.file, ref.file);
  same('nrows', report.nrows, ref.nrows);
  same(
    'names',
    report.variables.map((v) => v.name),
    ref.variables.map((v) => v.name),
  );
  ref.variables.forEach((want, k) => {
    const got = report.variables[k];
    if (!got) return;
    const at = `variables[${k}] ${want.name}`;
    same(`${at}.label`, got.label, typeof want.label === 'string' ? want.label : '');
    same(`${at}.type`, got.type, want.type);
    same(`${at}.n_missing`, got.n_missing, want.n_missing);
    if (
      JSON.stringify(Object.entries(got.value_labels).sort()) !==
      JSON.stringify(Object.entries(want.value_labels).sort())
    ) {
      same(`${at}.value_labels`, got.value_labels, want.value_labels);
    }
    if (want.mean === null || got.mean === null) same(`${at}.mean`, got.mean, want.mean);
    else if (Math.abs(got.mean - want.mean) > meanRel * Math.abs(want.mean)) {
      out.push(`${at}.mean: got ${got.mean}, expected ${want.mean} (relative tolerance ${meanRel})`);
    }
  });
  ref.first_rows.forEach((row, i) => same(`first_rows[${i}]`, report.first_rows[i], row));
  return out;
}
