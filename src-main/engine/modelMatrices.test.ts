// Tests of makeModelMatrices: hand-built tables against R's model.matrix, the four lme4 reference designs, errors, speed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column, Table } from '../data/table.ts';
import { FormulaError, parseFormula, printFormula } from '../../src-shared/formula.ts';
import { DesignError, makeModelMatrices, rNumberLabel } from './modelMatrices.ts';
import { loadReference, loadReferenceDesign, referenceNames, sharedDir } from './testing/referenceCases.ts';

function numeric(name: string, values: number[], valueLabels?: Record<string, number>): Column {
  return { name, label: '', type: 'numeric', values: Float64Array.from(values), ...(valueLabels && { valueLabels }) };
}

/** A string column with sorted levels (plain code-point sort: enough for the lowercase ASCII used here). */
function text(name: string, values: (string | null)[]): Column {
  const levels = [...new Set(values.filter((v): v is string => v !== null))].sort();
  return {
    name,
    label: '',
    type: 'string',
    levels,
    values: Float64Array.from(values, (v) => (v === null ? NaN : levels.indexOf(v))),
  };
}

const table = (columns: Column[]): Table => ({ source: 'test.csv', nrows: columns[0]!.values.length, columns });

/** Test-only CSV reader for ../shared/datasets: a column is text when any cell is quoted or not a number. */
function readCsv(file: string): Table {
  const lines = readFileSync(join(sharedDir, 'datasets', file), 'utf8')
    .trim()
    .split(/\r?\n/);
  const unquote = (cell: string) => cell.replace(/^"(.*)"$/, '$1');
  const header = lines[0]!.split(',').map(unquote);
  const cells = lines.slice(1).map((l) => l.split(','));
  return table(
    header.map((name, k) => {
      const raw = cells.map((row) => row[k]!);
      const isText = raw.some((c) => c.startsWith('"') || Number.isNaN(Number(c)));
      return isText ? text(name, raw.map(unquote)) : numeric(name, raw.map(Number));
    }),
  );
}

/**
 * The small table of the R golden values below, made with R 4.2.2 (lme4's model frame drops rows with a missing
 * value in any model variable and unused levels, then calls model.matrix):
 *   df <- data.frame(y = c(1.5, 2.0, NA, 3.1, 4.2, 2.2, 5.0, 3.3, 1.1, 2.8),
 *     x = c(0.5, 1.0, 1.5, NA, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0),
 *     sex = c("girl", "boy", "girl", "boy", NA, "girl", "boy", "girl", "boy", "girl"),
 *     edu = c("low", "mid", "none", "low", "mid", "high", "low", "mid", "high", "mid"),
 *     school = c(10, 2.5, 1, 10, 1, 2.5, 10, 1, 2.5, 10), stringsAsFactors = TRUE)
 *   d <- droplevels(na.omit(df[, vars])); model.matrix(fixed, d); model.matrix(random, d); levels(factor(d$school))
 */
const small = table([
  numeric('y', [1.5, 2.0, NaN, 3.1, 4.2, 2.2, 5.0, 3.3, 1.1, 2.8]),
  numeric('x', [0.5, 1.0, 1.5, NaN, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]),
  text('sex', ['girl', 'boy', 'girl', 'boy', null, 'girl', 'boy', 'girl', 'boy', 'girl']),
  text('edu', ['low', 'mid', 'none', 'low', 'mid', 'high', 'low', 'mid', 'high', 'mid']),
  numeric('school', [10, 2.5, 1, 10, 1, 2.5, 10, 1, 2.5, 10]),
  numeric('score', [1, 2, 1, 2, 1, 2, 2, 1, 1, 2], { low: 1, high: 2 }),
]);

describe('makeModelMatrices on a small table, against R', () => {
  it('y ~ x * sex + edu + (1 + x | school): treatment contrasts, dropped level, numeric clusters', () => {
    const d = makeModelMatrices(small, parseFormula('y ~ x * sex + edu + (1 + x | school)'));
    expect(d.xNames).toEqual(['(Intercept)', 'x', 'sexgirl', 'edulow', 'edumid', 'x:sexgirl']);
    expect([...d.X]).toEqual([
      1, 0.5, 1, 1, 0, 0.5, 1, 1, 0, 0, 1, 0, 1, 3, 1, 0, 0, 3, 1, 3.5, 0, 1, 0, 0, 1, 4, 1, 0, 1, 4, 1, 4.5, 0, 0, 0,
      0, 1, 5, 1, 0, 1, 5,
    ]);
    expect(d.zNames).toEqual(['(Intercept)', 'x']);
    expect([...d.Z]).toEqual([1, 0.5, 1, 1, 1, 3, 1, 3.5, 1, 4, 1, 4.5, 1, 5]);
    expect(d.levels).toEqual(['1', '2.5', '10']);
    expect([...d.group]).toEqual([2, 1, 1, 2, 0, 1, 2]);
    expect([...d.y]).toEqual([1.5, 2, 2.2, 5, 3.3, 1.1, 2.8]);
    expect({ n: d.n, p: d.p, q: d.q, J: d.J }).toEqual({ n: 7, p: 6, q: 2, J: 3 });
    expect({ dropped: d.droppedRows, missing: d.missingByColumn }).toEqual({
      dropped: 3,
      missing: { y: 1, x: 1, sex: 1 },
    });
    expect({ response: d.response, groupName: d.groupName, diagonal: d.diagonal }).toEqual({
      response: 'y',
      groupName: 'school',
      diagonal: false,
    });
  });

  it('y ~ 0 + sex + x:edu + (0 + sex | school): all levels without an intercept or a margin', () => {
    const d = makeModelMatrices(small, parseFormula('y ~ 0 + sex + x:edu + (0 + sex | school)'));
    expect(d.xNames).toEqual(['sexboy', 'sexgirl', 'x:eduhigh', 'x:edulow', 'x:edumid']);
    expect([...d.X]).toEqual([
      0, 1, 0, 0.5, 0, 1, 0, 0, 0, 1, 0, 1, 3, 0, 0, 1, 0, 0, 3.5, 0, 0, 1, 0, 0, 4, 1, 0, 4.5, 0, 0, 0, 1, 0, 0, 5,
    ]);
    expect(d.zNames).toEqual(['sexboy', 'sexgirl']);
    expect([...d.Z]).toEqual([0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1]);
  });

  it('y ~ 0 + edu:sex and y ~ sex*edu: two categorical columns, the first varying fastest', () => {
    const cells = makeModelMatrices(small, parseFormula('y ~ 0 + edu:sex + (1 | school)'));
    expect(cells.xNames).toEqual([
      'eduhigh:sexboy',
      'edulow:sexboy',
      'edumid:sexboy',
      'eduhigh:sexgirl',
      'edulow:sexgirl',
      'edumid:sexgirl',
    ]);
    expect([...cells.X]).toEqual([
      0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    ]);
    expect(cells.missingByColumn).toEqual({ y: 1, sex: 1 });
    expect(cells.droppedRows).toBe(2);
    expect([...cells.group]).toEqual([2, 1, 2, 1, 2, 0, 1, 2]);
    const crossed = makeModelMatrices(small, parseFormula('y ~ sex*edu + (1 | school)'));
    expect(crossed.xNames).toEqual(['(Intercept)', 'sexgirl', 'edulow', 'edumid', 'sexgirl:edulow', 'sexgirl:edumid']);
    expect([...crossed.X]).toEqual([
      1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0,
      0, 0, 0, 0, 1, 1, 0, 1, 0, 1,
    ]);
  });

  it('keeps a numeric column with value labels numeric, and names numeric interactions in formula order', () => {
    const d = makeModelMatrices(small, parseFormula('y ~ score + x + score:x + (1 | school)'));
    expect(d.xNames).toEqual(['(Intercept)', 'score', 'x', 'score:x']);
    expect([...d.X.subarray(0, 4)]).toEqual([1, 1, 0.5, 0.5]);
  });

  it('takes string cluster levels in the table order, dropping clusters without rows, and honours options.diagonal', () => {
    const d = makeModelMatrices(small, parseFormula('y ~ x + (x || edu)'));
    expect(d.levels).toEqual(['high', 'low', 'mid']);
    expect([...d.group]).toEqual([1, 2, 2, 0, 1, 2, 0, 2]);
    expect(d.diagonal).toBe(true);
    expect(makeModelMatrices(small, parseFormula('y ~ x + (x || edu)'), { diagonal: false }).diagonal).toBe(false);
    expect(makeModelMatrices(small, parseFormula('y ~ x + (x | edu)'), { diagonal: true }).diagonal).toBe(true);
  });

  it('quotes names R cannot read bare, as lme4 names the coefficients', () => {
    const t = table([
      numeric('y', [1, 2, 3, 4, 5, 7]),
      numeric('my var', [1, 3, 2, 5, 4, 4]),
      text('the group', ['a', 'a', 'b', 'b', 'c', 'c']),
      text('kind', ['p', 'q', 'p', 'q', 'q', 'p']),
    ]);
    const d = makeModelMatrices(t, parseFormula('y ~ `my var`*kind + (`my var` | `the group`)'));
    expect(d.xNames).toEqual(['(Intercept)', '`my var`', 'kindq', '`my var`:kindq']);
    expect(d.zNames).toEqual(['(Intercept)', '`my var`']);
  });
});

describe('makeModelMatrices on the lme4 reference models', () => {
  const tables = new Map<string, Table>();
  const tableOf = (file: string) => tables.get(file) ?? tables.set(file, readCsv(file)).get(file)!;

  it.each(referenceNames)('%s: the reference design, names and level orders included', (name) => {
    const ref = loadReference(name);
    const formula = parseFormula(ref.formula);
    expect(printFormula(formula)).toBe(ref.formula);
    const design = makeModelMatrices(tableOf(ref.dataset), formula);
    expect(design.n).toBe(ref.REML.nobs);
    expect(design.J).toBe(ref.REML.ngroups);
    expect(design.xNames).toEqual(Object.keys(ref.REML.fixef));
    expect(design.zNames).toEqual(ref.REML.re_names);
    expect(design.levels).toEqual(ref.REML.ranef_levels);
    expect(design).toEqual(loadReferenceDesign(name));
  });
});

describe('makeModelMatrices errors', () => {
  const designError = (t: Table, text: string): DesignError => {
    try {
      makeModelMatrices(t, parseFormula(text));
    } catch (e) {
      if (e instanceof DesignError) return e;
      throw e;
    }
    throw new Error(`no error for ${text}`);
  };

  it('names an unknown column and suggests the closest one', () => {
    const e = designError(small, 'y ~ X + (1 | school)');
    expect(e.message).toMatch(/predictor "X" is not a column of test.csv. Did you mean "x"\?/);
    expect(e.column).toBe('X');
    expect(designError(small, 'y ~ x + (1 | schol)').message).toMatch(/cluster variable "schol".*"school"/);
    expect(designError(small, 'y ~ x + (1 | qqqqq)').message).toMatch(/Check the spelling/);
  });

  it('names a random slope that is not a column', () => {
    expect(designError(small, 'y ~ x + (1 + age | school)').message).toMatch(/random slope "age" is not a column/);
  });

  it('refuses a text outcome', () => {
    const e = designError(small, 'sex ~ x + (1 | school)');
    expect(e.message).toMatch(/outcome "sex" holds text \(boy, girl…\)/);
    expect(e.column).toBe('sex');
  });

  it('needs two clusters and two levels of a categorical predictor in the rows used', () => {
    const t = table([
      numeric('y', [1, 2, 3, 4]),
      numeric('x', [1, 2, 4, 3]),
      numeric('g', [5, 5, 5, NaN]),
      text('c', ['a', 'a', 'a', 'b']),
    ]);
    expect(designError(t, 'y ~ x + (1 | g)').message).toMatch(/cluster variable "g" has only one value \(5\)/);
    expect(designError(t, 'y ~ c + (1 | g)').message).toMatch(/"c" has only one value \(a\) in the rows used/);
  });

  it('says when no rows are left', () => {
    const t = table([numeric('y', [1, NaN]), numeric('x', [NaN, 2]), numeric('g', [1, 2])]);
    expect(designError(t, 'y ~ x + (1 | g)').message).toMatch(/No rows are left.*"y" in 1, "x" in 1/);
  });

  it('names a constant predictor, a copy and a combination', () => {
    const t = table([
      numeric('y', [1, 2, 3, 4, 5, 6]),
      numeric('a', [1, 3, 2, 5, 4, 4]),
      numeric('b', [2, 1, 1, 0, 3, 5]),
      numeric('k', [7, 7, 7, 7, 7, 7]),
      numeric('twiceA', [2, 6, 4, 10, 8, 8]),
      numeric('sum', [3, 4, 3, 5, 7, 9]),
      numeric('g', [1, 1, 2, 2, 3, 3]),
    ]);
    expect(designError(t, 'y ~ a + k + (1 | g)').message).toMatch(/"k" has the same value in every row used/);
    const copy = designError(t, 'y ~ a + b + twiceA + (1 | g)');
    expect(copy.message).toMatch(/"twiceA" is a copy of "a"/);
    expect(copy.column).toBe('twiceA');
    expect(designError(t, 'y ~ a + b + sum + (1 | g)').message).toMatch(/"sum" is a combination of "a", "b"/);
    expect(designError(t, 'y ~ 0 + a + b + sum + (1 | g)').message).toMatch(/"sum" is a combination of "a", "b"/);
    expect(makeModelMatrices(t, parseFormula('y ~ 0 + k + a + (1 | g)')).p).toBe(2);
  });

  it('finds rank deficiency among indicator columns', () => {
    expect(designError(small, 'y ~ edu:sex + (1 | school)').message).toMatch(/"edumid:sexgirl" is a combination of/);
  });

  it('refuses infinite values, a formula without random part and || with a categorical slope', () => {
    const t = table([numeric('y', [1, 2, 3]), numeric('x', [1, Infinity, 2]), numeric('g', [1, 2, 2])]);
    expect(designError(t, 'y ~ x + (1 | g)').message).toMatch(/"x" has an infinite value in row 2/);
    expect(() => makeModelMatrices(small, parseFormula('y ~ x'))).toThrow(FormulaError);
    expect(designError(small, 'y ~ x + (sex || school)').message).toMatch(/write \| instead of \|\|/);
  });
});

describe('rNumberLabel', () => {
  it("prints numbers as R 4.2.2's as.character does", () => {
    // R: v <- c(1, 10, 2.5, 1e5, 123456, 0.0001, 0.001, 1e15, 0.1+0.2, 1/3, -2, -0.5, 1e-20, 100, 1234567890123456789,
    //   1e-300, 1.5e200, 123456.7, 1e5+0.1, -1e5, 1/7, 100000.5, 0.00012345); as.character(v)
    const v = [
      1,
      10,
      2.5,
      1e5,
      123456,
      0.0001,
      0.001,
      1e15,
      0.1 + 0.2,
      1 / 3,
      -2,
      -0.5,
      1e-20,
      100,
      1234567890123456768,
      1e-300,
      1.5e200,
      123456.7,
      1e5 + 0.1,
      -1e5,
      1 / 7,
      100000.5,
      0.00012345,
      0,
      -0,
    ];
    expect(v.map(rNumberLabel)).toEqual([
      '1',
      '10',
      '2.5',
      '1e+05',
      '123456',
      '1e-04',
      '0.001',
      '1e+15',
      '0.3',
      '0.333333333333333',
      '-2',
      '-0.5',
      '1e-20',
      '100',
      '1234567890123456768',
      '1e-300',
      '1.5e+200',
      '123456.7',
      '100000.1',
      '-1e+05',
      '0.142857142857143',
      '100000.5',
      '0.00012345',
      '0',
      '0',
    ]);
  });

  it('merges cluster values that R labels alike, as factor() does', () => {
    const t = table([numeric('y', [1, 2, 3, 4]), numeric('g', [0.1 + 0.2, 0.3, 1e5, 1e5])]);
    const d = makeModelMatrices(t, parseFormula('y ~ 1 + (1 | g)'));
    expect(d.levels).toEqual(['0.3', '1e+05']);
    expect([...d.group]).toEqual([0, 0, 1, 1]);
  });
});

describe('makeModelMatrices speed', () => {
  it('builds a design of 1,000,000 rows x 10 columns (its time is printed; npm run bench measures speed)', () => {
    const n = 1_000_000;
    const columns: Column[] = [];
    let seed = 1;
    const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let k = 0; k < 8; k++) columns.push(numeric(`x${k}`, []));
    for (const c of columns) c.values = Float64Array.from({ length: n }, uniform);
    columns.push({ ...numeric('y', []), values: Float64Array.from({ length: n }, uniform) });
    columns.push({ ...numeric('g', []), values: Float64Array.from({ length: n }, (_, i) => i % 1000) });
    const t = table(columns);
    const formula = parseFormula('y ~ x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + (1 + x0 + x1 | g)');
    makeModelMatrices(t, formula);
    const start = performance.now();
    const d = makeModelMatrices(t, formula);
    const seconds = (performance.now() - start) / 1000;
    console.log(`makeModelMatrices: ${n} rows x 10 columns in ${seconds.toFixed(3)} s`);
    expect(d.n).toBe(n);
    expect(d.J).toBe(1000);
  });
});

describe('makeModelMatrices on an outcome without variance', () => {
  it('names the outcome and what to do', () => {
    const table: Table = {
      source: 'flat.csv',
      nrows: 4,
      columns: [
        { name: 'y', label: '', type: 'numeric', values: Float64Array.from([2, 2, 2, 2]) },
        { name: 'x', label: '', type: 'numeric', values: Float64Array.from([1, 2, 3, 4]) },
        { name: 'g', label: '', type: 'numeric', values: Float64Array.from([1, 1, 2, 2]) },
      ],
    };
    expect(() => makeModelMatrices(table, parseFormula('y ~ x + (1 | g)'))).toThrow(
      /The outcome "y" has the same value \(2\) in every row used/,
    );
  });
});
