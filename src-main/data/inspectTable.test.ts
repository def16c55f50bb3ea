import { describe, expect, it } from 'vitest';
import { inspectTable } from './inspectTable.ts';
import type { Table } from './table.ts';

const table: Table = {
  source: 'small.csv',
  nrows: 2,
  columns: [
    { name: 'x', label: 'The x', type: 'numeric', values: Float64Array.from([1, NaN]), valueLabels: { one: 1 } },
    { name: 'empty', label: '', type: 'numeric', values: Float64Array.from([NaN, NaN]) },
    { name: 'g', label: '', type: 'string', values: Float64Array.from([1, 0]), levels: ['a', 'b'] },
  ],
};

describe('inspectTable', () => {
  it('writes the haven reference shape: mean null for text and for all-missing columns', () => {
    expect(inspectTable(table)).toEqual({
      file: 'small.csv',
      nrows: 2,
      variables: [
        { name: 'x', label: 'The x', type: 'numeric', n_missing: 1, value_labels: { one: 1 }, mean: 1 },
        { name: 'empty', label: '', type: 'numeric', n_missing: 2, value_labels: {}, mean: null },
        { name: 'g', label: '', type: 'string', n_missing: 0, value_labels: {}, mean: null },
      ],
      first_rows: [
        { x: 1, empty: null, g: 'b' },
        { x: null, empty: null, g: 'a' },
      ],
    });
  });

  it("computes the mean with R's correction pass, exact where a plain sum is not", () => {
    const values = Float64Array.from([1e16, 1, 1, 1]);
    const t: Table = { source: 's', nrows: 4, columns: [{ name: 'v', label: '', type: 'numeric', values }] };
    expect(inspectTable(t).variables[0]!.mean).toBe(2.5e15 + 0.75);
    expect(JSON.parse(JSON.stringify(inspectTable(t))).variables[0].mean).toBe(2.5e15 + 0.75);
  });
});
