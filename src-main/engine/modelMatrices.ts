// makeModelMatrices: a Table and a formula -> the MixedDesign (X, Z, y, clusters) lme4's lFormula would build,
// with listwise deletion, treatment contrasts, lme4's column names and level orders, and errors a user can act on.
import type { Column, Table } from '../data/table.ts';
import { findColumn } from '../data/table.ts';
import type { Formula, Term } from '../../src-shared/formula.ts';
import { quoteName, requireRandomTerm } from '../../src-shared/formula.ts';
import type { MixedDesign } from './design.ts';

/** A design the data cannot support; `column` is the column to look at, when there is one. */
export class DesignError extends Error {
  constructor(
    message: string,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'DesignError';
  }
}

export interface ModelMatrixOptions {
  /** Overrides the formula's `|` / `||`. */
  diagonal?: boolean;
  /**
   * The design of new rows to predict (MATH.md section 4): the outcome column may be absent (y is then NaN) and a
   * missing outcome leaves its row in (y NaN there); the checks only estimation needs are skipped (outcome variance,
   * full rank, at least two clusters, two levels of a categorical predictor), so one new cluster can be predicted.
   */
  prediction?: boolean;
  /**
   * Prediction: codes each categorical predictor by the levels it had in training (the fit's MixedDesign.factorLevels)
   * rather than by the levels the new rows happen to hold, so that a file with some of them predicts.
   */
  factorLevels?: Record<string, string[]>;
}

/** A categorical variable over the rows used: codes 0..levels.length-1, unused levels dropped (lme4 drops them). */
interface Factor {
  codes: Int32Array;
  levels: string[];
}

/** One column of X or Z: its lme4 name and the product of numeric values and level indicators that fills it. */
interface DesignColumn {
  name: string;
  numeric: Float64Array[];
  indicators: { codes: Int32Array; level: number }[];
}

export function makeModelMatrices(table: Table, formula: Formula, options: ModelMatrixOptions = {}): MixedDesign {
  const random = requireRandomTerm(formula);
  const prediction = options.prediction === true;
  const columns = resolveColumns(table, formula, prediction);
  const response = columns.get(formula.response);
  if (response?.type === 'string') {
    throw new DesignError(
      `The outcome "${response.name}" holds text (${response.levels!.slice(0, 3).join(', ')}…), not numbers: choose a numeric outcome.`,
      response.name,
    );
  }

  const required = [...columns.values()].filter((c) => !prediction || c !== response);
  const { rows, droppedRows, missingByColumn } = completeRows(table, required);
  const n = rows.length;
  // Columns are read in place when no row was dropped: X and Z are built from them and only y is copied.
  const used = (name: string) => {
    const values = columns.get(name)!.values;
    return n === table.nrows ? values : gather(values, rows);
  };
  const factors = new Map<string, Factor>();
  for (const name of new Set([...formula.fixed.flat(), ...random.slopes.flat()])) {
    const column = columns.get(name)!;
    if (column.type !== 'string') continue;
    const trained =
      options.factorLevels && Object.hasOwn(options.factorLevels, name) ? options.factorLevels[name] : undefined;
    factors.set(
      name,
      trained ? trainedLevels(column, used(name), trained, table.source) : categorical(column, used(name), prediction),
    );
  }
  const diagonal = options.diagonal ?? random.diagonal;
  const categoricalSlope = random.slopes.flat().find((v) => factors.has(v));
  if (diagonal && categoricalSlope !== undefined) {
    throw new DesignError(
      `The random slope of the categorical column "${categoricalSlope}" needs a full covariance: write | instead of ||.`,
      categoricalSlope,
    );
  }

  const gathered = new Map<string, Float64Array>();
  const numeric = (name: string) => gathered.get(name) ?? gathered.set(name, used(name)).get(name)!;
  const xColumns = designColumns(formula.fixed, formula.fixedIntercept, factors, numeric);
  const zColumns = designColumns(random.slopes, random.intercept, factors, numeric);
  const xValues = xColumns.map((c) => columnValues(c, n));
  if (!prediction) {
    checkFullRank(
      xValues.filter((v) => v !== null),
      xColumns.filter((_, k) => xValues[k] !== null).map((c) => c.name),
      n,
      formula.fixedIntercept,
    );
  }
  const clusters = groupingFactor(random.group, used(random.group), columns.get(random.group)!, prediction);
  const y = !response
    ? new Float64Array(n).fill(NaN)
    : n === table.nrows
      ? response.values.slice()
      : gather(response.values, rows);
  if (!prediction && y.every((v) => v === y[0])) {
    throw new DesignError(
      `The outcome "${formula.response}" has the same value (${y[0]}) in every row used: there is nothing to model. ` +
        'Choose another outcome, or check the rows left out for missing values.',
      formula.response,
    );
  }

  return {
    n,
    p: xColumns.length,
    q: zColumns.length,
    J: clusters.levels.length,
    X: interleave(xValues, n),
    Z: interleave(
      zColumns.map((c) => columnValues(c, n)),
      n,
    ),
    y,
    group: clusters.codes,
    xNames: xColumns.map((c) => c.name),
    zNames: zColumns.map((c) => c.name),
    levels: clusters.levels,
    response: formula.response,
    groupName: random.group,
    factorLevels: Object.fromEntries([...factors].map(([name, factor]) => [name, factor.levels])),
    diagonal,
    droppedRows,
    missingByColumn,
  };
}

function resolveColumns(table: Table, formula: Formula, responseOptional: boolean): Map<string, Column> {
  const random = formula.random!;
  const roles: [string, string][] = [
    [formula.response, 'outcome'],
    ...formula.fixed.flat().map((v): [string, string] => [v, 'predictor']),
    ...random.slopes.flat().map((v): [string, string] => [v, 'random slope']),
    [random.group, 'cluster variable'],
  ];
  const columns = new Map<string, Column>();
  for (const [name, role] of roles) {
    const column = findColumn(table, name);
    if (!column && responseOptional && role === 'outcome') continue;
    if (!column) {
      const closest = closestName(
        name,
        table.columns.map((c) => c.name),
      );
      const hint = closest ? ` Did you mean "${closest}"?` : ' Check the spelling against the column names.';
      throw new DesignError(`The ${role} "${name}" is not a column of ${table.source}.${hint}`, name);
    }
    columns.set(name, column);
  }
  return columns;
}

/** The column name nearest to `name` by edit distance (ignoring case), if it is near enough to be a typo. */
function closestName(name: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of names) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Listwise deletion over the columns the formula uses, as lme4's model frame does with na.action = na.omit. */
function completeRows(table: Table, columns: Column[]) {
  const complete = new Uint8Array(table.nrows).fill(1);
  const missingByColumn: Record<string, number> = {};
  for (const column of columns) {
    const values = column.values;
    let missing = 0;
    for (let i = 0; i < table.nrows; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) {
        missing++;
        complete[i] = 0;
      } else if (v === Infinity || v === -Infinity) {
        throw new DesignError(
          `The column "${column.name}" has an infinite value in row ${i + 1}: recode it as missing or as a number.`,
          column.name,
        );
      }
    }
    if (missing > 0) missingByColumn[column.name] = missing;
  }
  let n = 0;
  for (let i = 0; i < table.nrows; i++) n += complete[i]!;
  if (n === 0) {
    const counts = Object.entries(missingByColumn).map(([name, k]) => `"${name}" in ${k}`);
    throw new DesignError(
      table.nrows === 0
        ? `${table.source} has no rows.`
        : `No rows are left: every row misses a value of a column in the model (missing: ${counts.join(', ')} rows). Remove the emptiest columns from the model.`,
    );
  }
  const rows = new Int32Array(n);
  for (let i = 0, k = 0; i < table.nrows; i++) if (complete[i]) rows[k++] = i;
  return { rows, droppedRows: table.nrows - n, missingByColumn };
}

function gather(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]!]!;
  return out;
}

/** Re-indexes a string column's codes (of the rows used) to the levels present, keeping the Table's (R's sorted) order. */
function presentLevels(codes: Float64Array, all: string[]): Factor {
  const present = new Int32Array(all.length).fill(-1);
  for (let i = 0; i < codes.length; i++) present[codes[i]!] = 0;
  const levels: string[] = [];
  for (let l = 0; l < all.length; l++) if (present[l] === 0) present[l] = levels.push(all[l]!) - 1;
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = present[codes[i]!]!;
  return { codes: out, levels };
}

function categorical(column: Column, codes: Float64Array, prediction: boolean): Factor {
  const factor = presentLevels(codes, column.levels!);
  if (!prediction && factor.levels.length < 2) {
    throw new DesignError(
      `The categorical predictor "${column.name}" has only one value (${factor.levels[0]}) in the rows used, so it has no effect to estimate: remove it from the model.`,
      column.name,
    );
  }
  return factor;
}

/** Codes a string column's values by the training levels; a value training did not have has no coefficient. */
function trainedLevels(column: Column, codes: Float64Array, levels: string[], source: string): Factor {
  const index = new Map(levels.map((level, l) => [level, l]));
  const byCode = column.levels!.map((level) => index.get(level) ?? -1);
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const l = byCode[codes[i]!]!;
    if (l < 0) {
      throw new DesignError(
        `The column "${column.name}" of ${source} has the value "${column.levels![codes[i]!]}", which the training ` +
          `data did not have (${levels.join(', ')}), so the model has no coefficient for it: ` +
          'leave those rows out, or recode the value to one of the trained ones.',
        column.name,
      );
    }
    out[i] = l;
  }
  return { codes: out, levels };
}

/**
 * Columns of a model matrix the way R's model.matrix builds them: per term, a factor is coded by treatment contrasts
 * (first level as reference) when the term without it is already in the model (R's TermCode: a preceding term
 * contains it, or it is empty), otherwise by one indicator per level; without an intercept the first factor of the
 * first term holding one gets all its levels. Within a term, the first variable varies fastest.
 */
function designColumns(
  terms: Term[],
  intercept: boolean,
  factors: Map<string, Factor>,
  numeric: (name: string) => Float64Array,
): DesignColumn[] {
  const out: DesignColumn[] = intercept ? [{ name: '(Intercept)', numeric: [], indicators: [] }] : [];
  let allLevelsForFirstFactor = !intercept;
  terms.forEach((term, t) => {
    let columns: DesignColumn[] = [{ name: '', numeric: [], indicators: [] }];
    for (const v of term) {
      const factor = factors.get(v);
      const label = quoteName(v);
      if (!factor) {
        const values = numeric(v);
        columns = columns.map((c) => ({ ...c, name: join(c.name, label), numeric: [...c.numeric, values] }));
        continue;
      }
      const margin = term.filter((w) => w !== v);
      let contrasts = margin.length === 0 || terms.slice(0, t).some((s) => margin.every((w) => s.includes(w)));
      if (allLevelsForFirstFactor) {
        contrasts = false;
        allLevelsForFirstFactor = false;
      }
      const levels = factor.levels.map((_, l) => l).slice(contrasts ? 1 : 0);
      columns = levels.flatMap((level) =>
        columns.map((c) => ({
          ...c,
          name: join(c.name, label + factor.levels[level]!),
          indicators: [...c.indicators, { codes: factor.codes, level }],
        })),
      );
    }
    out.push(...columns);
  });
  return out;
}

const join = (a: string, b: string) => (a ? `${a}:${b}` : b);

/** The values of one design column (null for the intercept): the product, in term order, as R computes it. */
function columnValues(column: DesignColumn, n: number): Float64Array | null {
  if (column.numeric.length + column.indicators.length === 0) return null;
  if (column.numeric.length === 1 && column.indicators.length === 0) return column.numeric[0]!;
  const out = new Float64Array(n).fill(1);
  for (const values of column.numeric) for (let i = 0; i < n; i++) out[i]! *= values[i]!;
  for (const { codes, level } of column.indicators) {
    for (let i = 0; i < n; i++) if (codes[i] !== level) out[i] = 0;
  }
  return out;
}

/** Rows per block of `interleave`: the block of X being written stays in cache while each column is copied in. */
const blockRows = 2048;

/** Row-major n x columns.length matrix from its columns (null: a column of ones). */
function interleave(columns: (Float64Array | null)[], n: number): Float64Array {
  const width = columns.length;
  const out = new Float64Array(n * width);
  for (let start = 0; start < n; start += blockRows) {
    const end = Math.min(n, start + blockRows);
    for (let k = 0; k < width; k++) {
      const values = columns[k];
      if (values === null) for (let i = start; i < end; i++) out[i * width + k] = 1;
      else if (values) for (let i = start; i < end; i++) out[i * width + k] = values[i]!;
    }
  }
  return out;
}

/**
 * lme4 drops columns of a rank-deficient X; we stop and name the first dependent column instead. With an intercept
 * the other columns are centred first, so "constant" is judged as R's QR does (|R_kk| < 1e-7 ||x_k||) and collinearity
 * on the centred Gram matrix; its Cholesky pivots carry rounding of order 1e-16 relative, hence the 1e-10 threshold.
 */
function checkFullRank(columns: Float64Array[], names: string[], n: number, intercept: boolean): void {
  const m = columns.length;
  const p = m + (intercept ? 1 : 0);
  if (n < p) {
    throw new DesignError(`Only ${n} rows are left for ${p} coefficients: use fewer predictors or more data.`);
  }
  const means: number[] = [];
  const squares: number[] = [];
  for (const values of columns) {
    let sum = 0;
    let square = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      sum += x;
      square += x * x;
    }
    means.push(intercept ? sum / n : 0);
    squares.push(square);
  }
  const gram = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const ca = columns[a]!;
    const ma = means[a]!;
    for (let b = 0; b <= a; b++) {
      const cb = columns[b]!;
      const mb = means[b]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += (ca[i]! - ma) * (cb[i]! - mb);
      gram[a * m + b] = s;
    }
  }
  for (let a = 0; a < m; a++) {
    const name = names[a]!;
    const spread = gram[a * m + a]!;
    if (spread === 0 || (intercept && spread <= 1e-14 * squares[a]!)) {
      const why = intercept ? 'has the same value in every row used' : 'is 0 in every row used';
      throw new DesignError(`The predictor "${name}" ${why}, so its effect cannot be estimated: remove it.`, name);
    }
  }
  choleskyNamingDependence(gram, m, (a, involved) => {
    const name = names[a]!;
    const others = involved.map((b) => `"${names[b]}"`);
    const what =
      others.length === 1
        ? `is a copy of ${others[0]} (or a multiple of it, up to a constant)`
        : `is a combination of ${others.join(', ')}`;
    throw new DesignError(
      `The predictor "${name}" ${what} in the rows used, so their effects cannot be told apart: remove one of them.`,
      name,
    );
  });
}

/** Cholesky of the m x m Gram matrix (lower triangle read) column by column; reports the first dependent column. */
function choleskyNamingDependence(g: Float64Array, m: number, dependent: (a: number, involved: number[]) => void) {
  const l = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < a; b++) {
      let s = g[a * m + b]!;
      for (let k = 0; k < b; k++) s -= l[a * m + k]! * l[b * m + k]!;
      l[a * m + b] = s / l[b * m + b]!;
    }
    let d = g[a * m + a]!;
    for (let k = 0; k < a; k++) d -= l[a * m + k]! ** 2;
    if (d <= 1e-10 * g[a * m + a]!) {
      // Column a = sum_b beta_b column b with L_prev' beta = l_a (back substitution); list the b that matter.
      const beta = new Float64Array(a);
      for (let b = a - 1; b >= 0; b--) {
        let s = l[a * m + b]!;
        for (let k = b + 1; k < a; k++) s -= l[k * m + b]! * beta[k]!;
        beta[b] = s / l[b * m + b]!;
      }
      const scale = Math.sqrt(g[a * m + a]!);
      const involved = [...beta.keys()].filter((b) => Math.abs(beta[b]!) * Math.sqrt(g[b * m + b]!) > 1e-6 * scale);
      dependent(a, involved);
      return;
    }
    l[a * m + a] = Math.sqrt(d);
  }
}

/**
 * lme4's grouping factor: a string column keeps its (R-sorted) level order, a numeric one is ordered by value and
 * labelled as R's as.character prints numbers; values with the same label are one level, as in factor().
 */
function groupingFactor(name: string, values: Float64Array, column: Column, prediction: boolean): Factor {
  let factor: Factor;
  if (column.type === 'string') {
    factor = presentLevels(values, column.levels!);
  } else {
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    const index = new Map<number, number>();
    const levels: string[] = [];
    for (const v of distinct) {
      const label = rNumberLabel(v);
      if (levels[levels.length - 1] !== label) levels.push(label);
      index.set(v, levels.length - 1);
    }
    const codes = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) codes[i] = index.get(values[i]!)!;
    factor = { codes, levels };
  }
  if (!prediction && factor.levels.length < 2) {
    throw new DesignError(
      `The cluster variable "${name}" has only one value (${factor.levels[0]}) in the rows used: a mixed model needs at least two clusters.`,
      name,
    );
  }
  return factor;
}

/**
 * R's as.character for a double (R 4.2, formatReal with 15 significant digits): the fewest digits that give the
 * value to 15 significant digits, fixed notation unless scientific is narrower (1e+05, 1e-04, 123456, 0.001).
 */
export function rNumberLabel(v: number): string {
  if (v === 0) return '0';
  const [mantissa, exponentText] = v.toExponential(14).split('e') as [string, string];
  const digits = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '');
  const exponent = Number(exponentText);
  const sign = v < 0 ? 1 : 0;
  const decimals = Math.max(0, digits.length - exponent - 1);
  const fixedWidth = sign + (exponent >= 0 ? exponent + 1 : 1) + (decimals > 0 ? decimals + 1 : 0);
  const sciWidth = sign + (digits.length > 1 ? digits.length + 1 : 1) + (Math.abs(exponent) >= 100 ? 5 : 4);
  if (fixedWidth <= sciWidth) return v.toFixed(decimals);
  const shortMantissa = (sign ? '-' : '') + digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '');
  const e = Math.abs(exponent);
  return `${shortMantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
}
