import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DerivedColumn } from '../../src-shared/spec.ts';
import { applyDerivedColumns, deriveForPrediction } from './deriveColumns.ts';
import { readTableFile } from './readTableFile.ts';
import { findColumn, type Table } from './table.ts';
import { sharedDir } from '../engine/testing/referenceCases.ts';

const table: Table = {
  source: 'toy.csv',
  nrows: 5,
  columns: [
    { name: 'g', label: '', type: 'string', values: Float64Array.from([0, 0, 1, 1, 1]), levels: ['a', 'b'] },
    { name: 'x', label: '', type: 'numeric', values: Float64Array.from([1, 3, 2, NaN, 6]) },
    { name: 'z', label: '', type: 'numeric', values: Float64Array.from([2, 2, 1, 1, 0.5]) },
    { name: 'sex', label: '', type: 'string', values: Float64Array.from([0, 1, 1, NaN, 0]), levels: ['boy', 'girl'] },
  ],
};
const values = (t: Table, name: string) => Array.from(findColumn(t, name)!.values);

describe('applyDerivedColumns', () => {
  it('computes cluster means over the present values and leaves missing rows missing', () => {
    const t = applyDerivedColumns(table, [{ kind: 'clusterMean', name: 'mx', source: 'x', group: 'g' }]);
    expect(values(t, 'mx')).toEqual([2, 2, 4, 4, 4]);
  });

  it('centres at the grand mean and within clusters', () => {
    const t = applyDerivedColumns(table, [
      { kind: 'centerGrand', name: 'cx', source: 'x' },
      { kind: 'centerGroup', name: 'gx', source: 'x', group: 'g' },
    ]);
    expect(values(t, 'cx')).toEqual([-2, 0, -1, NaN, 3]);
    expect(values(t, 'gx')).toEqual([-1, 1, -2, NaN, 2]);
  });

  it('standardises with the n - 1 standard deviation, as R scale() does', () => {
    const t = applyDerivedColumns(table, [{ kind: 'standardize', name: 'sx', source: 'x' }]);
    // x = 1, 3, 2, 6: mean 3, sd sqrt(14 / 3).
    const sd = Math.sqrt(14 / 3);
    values(t, 'sx').forEach((v, i) => {
      const expected = [(1 - 3) / sd, 0, (2 - 3) / sd, NaN, (6 - 3) / sd][i]!;
      if (Number.isNaN(expected)) expect(v).toBeNaN();
      else expect(v).toBeCloseTo(expected, 14);
    });
  });

  it('multiplies, takes logs, and codes treatment dummies named as lme4 names them', () => {
    const t = applyDerivedColumns(table, [
      { kind: 'product', name: 'xz', sources: ['x', 'z'] },
      { kind: 'log', name: 'lz', source: 'z' },
      { kind: 'dummies', source: 'sex', reference: 'boy' },
    ]);
    expect(values(t, 'xz')).toEqual([2, 6, 2, NaN, 3]);
    expect(values(t, 'lz')[4]).toBeCloseTo(Math.log(0.5), 15);
    expect(values(t, 'sexgirl')).toEqual([0, 1, 1, NaN, 0]);
    expect(findColumn(t, 'sexboy')).toBeUndefined();
  });

  it('names the column and what to do when a recipe cannot apply', () => {
    expect(() => applyDerivedColumns(table, [{ kind: 'log', name: 'l', source: 'nope' }])).toThrow(
      /toy\.csv, column "nope": there is no column "nope"/,
    );
    expect(() => applyDerivedColumns(table, [{ kind: 'standardize', name: 's', source: 'sex' }])).toThrow(/holds text/);
    expect(() => applyDerivedColumns(table, [{ kind: 'centerGrand', name: 'x', source: 'x' }])).toThrow(
      /exists already/,
    );
    const negative = applyDerivedColumns(table, [{ kind: 'centerGrand', name: 'cx', source: 'x' }]);
    expect(() => applyDerivedColumns(negative, [{ kind: 'log', name: 'l', source: 'cx' }])).toThrow(/row 1 has -2/);
    expect(() => applyDerivedColumns(table, [{ kind: 'dummies', source: 'sex', reference: 'other' }])).toThrow(
      /Choose the reference among: boy, girl/,
    );
  });

  it("computes mlbook's school means as R does", async () => {
    const mlbook = await readTableFile(join(sharedDir, 'datasets', 'mlbook.csv'));
    const t = applyDerivedColumns(mlbook, [
      { kind: 'clusterMean', name: 'm_iq', source: 'IQ_verb', group: 'schoolnr' },
      { kind: 'clusterMean', name: 'm_ses', source: 'ses', group: 'schoolnr' },
    ]);
    // R 4.2.2: d <- read.csv("mlbook.csv"); tapply(d$IQ_verb, d$schoolnr, mean)[c("1", "2", "258")] and the same for ses.
    // (The file's own sch_iqv / sch_ses were computed on the full sample before cleaning and differ from these.)
    const expected: Record<number, [number, number]> = {
      1: [-1.55, -13.89],
      2: [-2.87, -12.3014285714286],
      258: [-1.22714285714286, -8.73],
    };
    const school = values(t, 'schoolnr');
    for (const [nr, [iq, ses]] of Object.entries(expected)) {
      const row = school.indexOf(Number(nr));
      expect(values(t, 'm_iq')[row]).toBeCloseTo(iq, 12);
      expect(values(t, 'm_ses')[row]).toBeCloseTo(ses, 12);
    }
  });
});

describe('deriveForPrediction', () => {
  // New rows: cluster a (known), cluster c (new), one with sex missing; x = 10, 20, 30 and z = 1, 1, 4.
  const fresh: Table = {
    source: 'new.csv',
    nrows: 3,
    columns: [
      { name: 'g', label: '', type: 'string', values: Float64Array.from([0, 1, 1]), levels: ['a', 'c'] },
      { name: 'x', label: '', type: 'numeric', values: Float64Array.from([10, 20, 30]) },
      { name: 'z', label: '', type: 'numeric', values: Float64Array.from([1, 1, 4]) },
      { name: 'sex', label: '', type: 'string', values: Float64Array.from([0, NaN, 0]), levels: ['girl'] },
    ],
  };
  const recipes = [
    { kind: 'clusterMean', name: 'mx', source: 'x', group: 'g' },
    { kind: 'centerGroup', name: 'gx', source: 'x', group: 'g' },
    { kind: 'standardize', name: 'sx', source: 'x' },
    { kind: 'product', name: 'sxz', sources: ['sx', 'z'] },
    { kind: 'dummies', source: 'sex', reference: 'boy' },
    { kind: 'log', name: 'lnope', source: 'nope' },
  ] as const satisfies DerivedColumn[];
  const training = applyDerivedColumns(table, recipes.slice(0, 5));

  it("uses training's statistics: a known cluster's training mean, training's mean and SD, training's levels", () => {
    const t = deriveForPrediction(fresh, recipes, training, ['y', 'mx', 'gx', 'sxz', 'sexgirl', 'g']);
    // Training: cluster a's mean of x is 2 (rows 1 and 2); cluster c is new, so its mean comes from its rows (25).
    expect(values(t, 'mx')).toEqual([2, 25, 25]);
    expect(values(t, 'gx')).toEqual([8, -5, 5]);
    // Training's x: mean 3, SD sqrt(14 / 3); sxz builds on sx, which the formula does not name.
    const sd = Math.sqrt(14 / 3);
    values(t, 'sxz').forEach((v, i) =>
      expect(v).toBeCloseTo([(10 - 3) / sd, (20 - 3) / sd, (4 * (30 - 3)) / sd][i]!, 13),
    );
    // The dummy of training's level girl, though the new rows have no boy at all.
    expect(values(t, 'sexgirl')).toEqual([1, NaN, 1]);
  });

  it('applies only the recipes the formula needs, and none whose column the new rows have', () => {
    const t = deriveForPrediction(fresh, recipes, training, ['mx', 'x']);
    expect(t.columns.map((c) => c.name)).toEqual(['g', 'x', 'z', 'sex', 'mx']);
    expect(deriveForPrediction(t, recipes, training, ['mx'])).toBe(t);
  });

  it('names the row and the value when new rows hold a level the dummies were not made for', () => {
    const other = {
      ...fresh,
      columns: fresh.columns.map((c) => (c.name === 'sex' ? { ...c, levels: ['other'] } : c)),
    };
    expect(() => deriveForPrediction(other, recipes, training, ['sexgirl'])).toThrow(
      /new\.csv, column "sex": row 1 has the value "other", which the training data did not have/,
    );
  });
});
