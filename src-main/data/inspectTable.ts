// The `mixedml inspect` report of a Table: the shape of the haven references in ../shared/reference/*.haven.json
// (file, nrows, one entry per variable, the first rows), except that a variable without a label has "" where
// jsonlite wrote R's NULL as {}. The mean of a text or all-missing column is null.
import type { Column, Table } from './table.ts';

export interface InspectVariable {
  name: string;
  label: string;
  type: 'numeric' | 'string';
  n_missing: number;
  value_labels: Record<string, number>;
  mean: number | null;
}

export interface InspectReport {
  file: string;
  nrows: number;
  variables: InspectVariable[];
  /** The first three rows, missing cells as null. */
  first_rows: Record<string, number | string | null>[];
}

export function inspectTable(table: Table): InspectReport {
  return {
    file: table.source,
    nrows: table.nrows,
    variables: table.columns.map((c) => ({
      name: c.name,
      label: c.label,
      type: c.type,
      n_missing: c.values.reduce((n, v) => (Number.isNaN(v) ? n + 1 : n), 0),
      value_labels: c.valueLabels ?? {},
      mean: c.type === 'numeric' ? mean(c.values) : null,
    })),
    first_rows: Array.from({ length: Math.min(3, table.nrows) }, (_, i) =>
      Object.fromEntries(table.columns.map((c) => [c.name, cell(c, i)])),
    ),
  };
}

/** Mean of the non-missing values with R's second pass (mean.default adds the mean residual), or null. */
function mean(values: Float64Array): number | null {
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (v === v) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return null;
  const m = sum / n;
  let residual = 0;
  for (const v of values) if (v === v) residual += v - m;
  return m + residual / n;
}

function cell(column: Column, row: number): number | string | null {
  const v = column.values[row]!;
  if (Number.isNaN(v)) return null;
  return column.type === 'string' ? column.levels![v]! : v;
}
