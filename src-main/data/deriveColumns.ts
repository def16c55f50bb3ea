// Derived columns (cluster means, centring, standardising, products, logs, treatment dummies) computed on a Table.
// A derived column is a recipe stored in the project; applying the recipes again to the same file gives the same
// columns. Missing values propagate: a row missing in a source is missing in the result.
import type { DerivedColumn } from '../../src-shared/spec.ts';
import { DataError } from './dataError.ts';
import { findColumn, type Column, type Table } from './table.ts';

export function applyDerivedColumns(table: Table, recipes: readonly DerivedColumn[]): Table {
  return recipes.reduce(deriveColumn, table);
}

export function deriveColumn(table: Table, recipe: DerivedColumn): Table {
  const made = makeColumns(table, recipe);
  for (const column of made) {
    if (findColumn(table, column.name)) {
      throw new DataError(
        table.source,
        `a column named "${column.name}" exists already`,
        'Choose another name for the new column.',
        { column: column.name },
      );
    }
  }
  return { ...table, columns: [...table.columns, ...made] };
}

function makeColumns(table: Table, recipe: DerivedColumn): Column[] {
  const numeric = (name: string) => numericColumn(table, name, recipe);
  switch (recipe.kind) {
    case 'clusterMean':
      return [derived(recipe.name, `mean of ${recipe.source} within ${recipe.group}`, clusterMeans(table, recipe))];
    case 'centerGrand': {
      const x = numeric(recipe.source).values;
      const m = mean(x);
      return [
        derived(
          recipe.name,
          `${recipe.source} centred at its mean`,
          x.map((v) => v - m),
        ),
      ];
    }
    case 'centerGroup': {
      const x = numeric(recipe.source).values;
      const m = clusterMeans(table, recipe);
      return [
        derived(
          recipe.name,
          `${recipe.source} centred within ${recipe.group}`,
          x.map((v, i) => v - m[i]!),
        ),
      ];
    }
    case 'standardize': {
      const x = numeric(recipe.source).values;
      const m = mean(x);
      const sd = Math.sqrt(sumOfSquares(x, m) / (count(x) - 1));
      if (!(sd > 0)) throw noVariance(table, recipe.source);
      return [
        derived(
          recipe.name,
          `${recipe.source} standardised`,
          x.map((v) => (v - m) / sd),
        ),
      ];
    }
    case 'product': {
      const columns = recipe.sources.map(numeric);
      const values = new Float64Array(table.nrows).fill(1);
      for (const c of columns) for (let i = 0; i < table.nrows; i++) values[i]! *= c.values[i]!;
      return [derived(recipe.name, recipe.sources.join(' × '), values)];
    }
    case 'log': {
      const x = numeric(recipe.source).values;
      const bad = x.findIndex((v) => v <= 0);
      if (bad >= 0) {
        throw new DataError(
          table.source,
          `the logarithm needs positive values, but row ${bad + 1} has ${x[bad]}`,
          'Shift the column to positive values first, or choose another transformation.',
          { column: recipe.source },
        );
      }
      return [derived(recipe.name, `log of ${recipe.source}`, x.map(Math.log))];
    }
    case 'dummies':
      return dummies(table, recipe);
  }
}

function dummies(table: Table, recipe: Extract<DerivedColumn, { kind: 'dummies' }>): Column[] {
  const source = requireColumn(table, recipe.source);
  const labels = source.type === 'string' ? source.levels! : numericLevels(source.values);
  const codes = source.type === 'string' ? labels.map((_, k) => k) : labels.map(Number);
  const reference = labels.indexOf(recipe.reference);
  if (reference < 0) {
    throw new DataError(
      table.source,
      `"${recipe.reference}" is not a value of this column`,
      `Choose the reference among: ${labels.slice(0, 10).join(', ')}.`,
      { column: recipe.source },
    );
  }
  return labels.flatMap((label, k) => {
    if (k === reference) return [];
    const code = codes[k]!;
    const values = source.values.map((v) => (Number.isNaN(v) ? NaN : v === code ? 1 : 0));
    return [derived(`${recipe.source}${label}`, `${recipe.source} = ${label} (reference ${recipe.reference})`, values)];
  });
}

/** Mean of `source` within each level of `group`, over the rows where both are present (R's ave with na.rm). */
function clusterMeans(table: Table, recipe: { source: string; group: string } & DerivedColumn): Float64Array {
  const x = numericColumn(table, recipe.source, recipe).values;
  const g = requireColumn(table, recipe.group).values;
  const sums = new Map<number, [number, number]>();
  for (let i = 0; i < table.nrows; i++) {
    if (Number.isNaN(x[i]!) || Number.isNaN(g[i]!)) continue;
    const acc = sums.get(g[i]!) ?? [0, 0];
    acc[0] += x[i]!;
    acc[1] += 1;
    sums.set(g[i]!, acc);
  }
  return g.map((level) => {
    const acc = sums.get(level);
    return acc ? acc[0] / acc[1] : NaN;
  });
}

function derived(name: string, label: string, values: Float64Array): Column {
  return { name, label, type: 'numeric', values };
}

function requireColumn(table: Table, name: string): Column {
  const column = findColumn(table, name);
  if (!column) {
    throw new DataError(table.source, `there is no column "${name}"`, 'Check the spelling of the column name.', {
      column: name,
    });
  }
  return column;
}

function numericColumn(table: Table, name: string, recipe: DerivedColumn): Column {
  const column = requireColumn(table, name);
  if (column.type !== 'numeric') {
    throw new DataError(
      table.source,
      `"${recipe.kind}" needs numbers, but this column holds text`,
      'Use treatment dummies for a categorical column.',
      { column: name },
    );
  }
  return column;
}

function noVariance(table: Table, name: string): DataError {
  return new DataError(table.source, 'the column has no variance', 'A constant column cannot be standardised.', {
    column: name,
  });
}

function numericLevels(values: Float64Array): string[] {
  const distinct = [...new Set(Array.from(values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  return distinct.map(String);
}

function count(x: Float64Array): number {
  let n = 0;
  for (const v of x) if (!Number.isNaN(v)) n++;
  return n;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) if (!Number.isNaN(v)) s += v;
  return s / count(x);
}

function sumOfSquares(x: Float64Array, m: number): number {
  let s = 0;
  for (const v of x) if (!Number.isNaN(v)) s += (v - m) ** 2;
  return s;
}
