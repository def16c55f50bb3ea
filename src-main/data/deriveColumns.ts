// Derived columns (cluster means, centring, standardising, products, logs, treatment dummies) computed on a Table.
// A derived column is a recipe stored in the project; applying the recipes again to the same file gives the same
// columns. Missing values propagate: a row missing in a source is missing in the result. New rows to predict get the
// recipes as fitted on the training data (deriveForPrediction).
import type { DerivedColumn } from '../../src-shared/spec.ts';
import { DataError } from './dataError.ts';
import { findColumn, type Column, type Table } from './table.ts';

export function applyDerivedColumns(table: Table, recipes: readonly DerivedColumn[]): Table {
  return recipes.reduce((t, recipe) => deriveColumn(t, recipe), table);
}

/**
 * The columns a model needs (`needed`: its predictors and cluster) that `table`, new rows to predict, lacks, made by
 * the project's recipes as they were fitted on `training` (the training data with its derived columns): means and
 * standard deviations are training's, a cluster's mean is its training mean when training had the cluster (its mean in
 * `table` otherwise), and dummies have training's levels. So a row of a known cluster gets the values the model was
 * trained on. Only the recipes that make a needed column, and those they build on, are applied.
 */
export function deriveForPrediction(
  table: Table,
  recipes: readonly DerivedColumn[],
  training: Table,
  needed: readonly string[],
): Table {
  const missing = (name: string) => !findColumn(table, name);
  const wanted = new Set(needed.filter(missing));
  const chosen: DerivedColumn[] = [];
  for (const recipe of [...recipes].reverse()) {
    if (!outputNames(recipe, training).some((name) => wanted.has(name))) continue;
    chosen.unshift(recipe);
    for (const source of sourcesOf(recipe)) if (missing(source)) wanted.add(source);
  }
  return chosen.reduce((t, recipe) => {
    const absent = sourcesOf(recipe).find((source) => !findColumn(t, source));
    if (absent !== undefined) {
      const made = outputNames(recipe, training).join('", "');
      throw new DataError(
        table.source,
        `the model uses "${made}", which the project makes from "${absent}", and this file has no column "${absent}"`,
        `Add the column "${absent}" (or "${made}" itself) to the file.`,
        { column: absent },
      );
    }
    return deriveColumn(t, recipe, training);
  }, table);
}

/** `reference`: the table whose statistics (means, SDs, cluster means, levels) the recipe uses; `table` by default. */
export function deriveColumn(table: Table, recipe: DerivedColumn, reference: Table = table): Table {
  const made = makeColumns(table, recipe, reference);
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

function makeColumns(table: Table, recipe: DerivedColumn, reference: Table): Column[] {
  const numeric = (name: string) => numericColumn(table, name, recipe);
  const fitted = (name: string) => numericColumn(reference, name, recipe).values;
  switch (recipe.kind) {
    case 'clusterMean':
      return [
        derived(recipe.name, `mean of ${recipe.source} within ${recipe.group}`, clusterMeans(table, recipe, reference)),
      ];
    case 'centerGrand': {
      const x = numeric(recipe.source).values;
      const m = mean(fitted(recipe.source));
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
      const m = clusterMeans(table, recipe, reference);
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
      const trained = fitted(recipe.source);
      const m = mean(trained);
      const sd = Math.sqrt(sumOfSquares(trained, m) / (count(trained) - 1));
      if (!(sd > 0)) throw noVariance(reference, recipe.source);
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
      return dummies(table, recipe, reference);
  }
}

type DummiesRecipe = Extract<DerivedColumn, { kind: 'dummies' }>;

/** The levels of the dummies' source in `reference`, the reference level checked. */
function dummyLevels(reference: Table, recipe: DummiesRecipe): string[] {
  const source = requireColumn(reference, recipe.source);
  const labels = source.type === 'string' ? source.levels! : numericLevels(source.values);
  if (!labels.includes(recipe.reference)) {
    throw new DataError(
      reference.source,
      `"${recipe.reference}" is not a value of this column`,
      `Choose the reference among: ${labels.slice(0, 10).join(', ')}.`,
      { column: recipe.source },
    );
  }
  return labels;
}

function dummies(table: Table, recipe: DummiesRecipe, reference: Table): Column[] {
  const labels = dummyLevels(reference, recipe);
  const source = requireColumn(table, recipe.source);
  const label = levelLabels(source);
  const rowLabels = Array.from(source.values, (v) => (Number.isNaN(v) ? undefined : label(v)));
  const unknown = rowLabels.findIndex((label) => label !== undefined && !labels.includes(label));
  if (unknown >= 0) {
    throw new DataError(
      table.source,
      `row ${unknown + 1} has the value "${rowLabels[unknown]}", which the training data did not have`,
      `Recode it to one of: ${labels.slice(0, 10).join(', ')}.`,
      { column: recipe.source },
    );
  }
  return labels.flatMap((label) => {
    if (label === recipe.reference) return [];
    const values = Float64Array.from(rowLabels, (l) => (l === undefined ? NaN : l === label ? 1 : 0));
    return [derived(`${recipe.source}${label}`, `${recipe.source} = ${label} (reference ${recipe.reference})`, values)];
  });
}

/**
 * Mean of `source` within each level of `group` (R's ave with na.rm, over the rows where both are present): from
 * `reference`'s rows of the level when it has any, from `table`'s otherwise. Levels match by their label.
 */
function clusterMeans(table: Table, recipe: { source: string; group: string } & DerivedColumn, reference: Table) {
  const own = meansByLevel(table, recipe);
  const fitted = reference === table ? own : meansByLevel(reference, recipe);
  const g = requireColumn(table, recipe.group);
  const label = levelLabels(g);
  return g.values.map((v) => {
    if (Number.isNaN(v)) return NaN;
    return fitted.get(label(v)) ?? own.get(label(v)) ?? NaN;
  });
}

function meansByLevel(table: Table, recipe: { source: string; group: string } & DerivedColumn): Map<string, number> {
  const x = numericColumn(table, recipe.source, recipe).values;
  const g = requireColumn(table, recipe.group);
  const labelOf = levelLabels(g);
  const sums = new Map<string, [number, number]>();
  for (let i = 0; i < table.nrows; i++) {
    if (Number.isNaN(x[i]!) || Number.isNaN(g.values[i]!)) continue;
    const label = labelOf(g.values[i]!);
    const acc = sums.get(label) ?? [0, 0];
    acc[0] += x[i]!;
    acc[1] += 1;
    sums.set(label, acc);
  }
  return new Map([...sums].map(([label, [sum, n]]) => [label, sum / n]));
}

/** The columns a recipe makes: dummies one per level of `reference` but its reference level. */
function outputNames(recipe: DerivedColumn, reference: Table): string[] {
  if (recipe.kind !== 'dummies') return [recipe.name];
  return dummyLevels(reference, recipe)
    .filter((label) => label !== recipe.reference)
    .map((label) => `${recipe.source}${label}`);
}

function sourcesOf(recipe: DerivedColumn): string[] {
  switch (recipe.kind) {
    case 'product':
      return recipe.sources;
    case 'clusterMean':
    case 'centerGroup':
      return [recipe.source, recipe.group];
    default:
      return [recipe.source];
  }
}

/**
 * A value's label (table.ts cellText's text: the level of a string column, the number otherwise), which matches levels
 * across tables; each distinct value is turned into text once.
 */
function levelLabels(column: Column): (value: number) => string {
  const labels = new Map<number, string>();
  return (value) => {
    let label = labels.get(value);
    if (label === undefined)
      labels.set(value, (label = column.type === 'string' ? column.levels![value]! : String(value)));
    return label;
  };
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
