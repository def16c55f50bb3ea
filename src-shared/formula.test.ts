// Tests of the formula parser and printer. Term orders and labels are R 4.2.2's, made with:
//   f <- function(x) paste(attr(terms(x), "term.labels"), collapse = " ")
//   f(y ~ a*b*c); f(y ~ c + a*b); f(y ~ a*b - a); f(y ~ a + b:c + c:b + b); f(y ~ a:b:c + a); f(y ~ a*b + a:b*c)
//   f(y ~ a + b:a); f(y ~ b + a + a:b); attr(terms(y ~ -0 + a), "intercept"); attr(terms(y ~ 1 - 1 + a), "intercept")
import { describe, expect, it } from 'vitest';
import type { Formula } from './formula.ts';
import { FormulaError, formulaVariables, parseFormula, printFormula, quoteName, requireRandomTerm } from './formula.ts';

const labels = (text: string) => parseFormula(text).fixed.map((t) => t.join(':'));

function errorOf(text: string): FormulaError {
  try {
    parseFormula(text);
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

describe('parseFormula: fixed terms as R orders them', () => {
  it('expands * like R and orders terms by interaction order, then appearance', () => {
    expect(labels('y ~ a*b*c')).toEqual(['a', 'b', 'c', 'a:b', 'a:c', 'b:c', 'a:b:c']);
    expect(labels('y ~ c + a*b')).toEqual(['c', 'a', 'b', 'a:b']);
    expect(labels('y ~ a*b + a:b*c')).toEqual(['a', 'b', 'c', 'a:b', 'a:b:c']);
    expect(labels('y ~ a:b:c + a')).toEqual(['a', 'a:b:c']);
  });

  it('removes duplicates, including interactions written in another order', () => {
    expect(labels('y ~ a + b:c + c:b + b')).toEqual(['a', 'b', 'b:c']);
    expect(labels('y ~ a + b + a:b + a*b')).toEqual(['a', 'b', 'a:b']);
    expect(labels('y ~ a:a + a*a')).toEqual(['a']);
  });

  it('names interactions by the order of the variables in the formula, as R does', () => {
    expect(labels('y ~ a + b:a')).toEqual(['a', 'a:b']);
    expect(labels('y ~ b + a + a:b')).toEqual(['b', 'a', 'b:a']);
  });

  it('names an interaction written before its main effects as R names it in the printed formula', () => {
    // R names `y ~ b:a + a + b` "b:a" but its canonical print `y ~ a + b + a:b` "a:b": we keep the second, so that
    // parse(print(f)) equals f and the printed formula gives lme4's names.
    const f = parseFormula('y ~ b:a + a + b');
    expect(f.fixed).toEqual([['a'], ['b'], ['a', 'b']]);
    expect(printFormula(f)).toBe('y ~ a + b + a:b');
  });

  it('removes terms with -', () => {
    expect(labels('y ~ a*b - a')).toEqual(['b', 'b:a']);
    expect(labels('y ~ -a + b')).toEqual(['b']);
  });

  it('reads the intercept from 1, 0, -1 and -0 (the last one written wins)', () => {
    const intercept = (text: string) => parseFormula(text).fixedIntercept;
    expect(intercept('y ~ a')).toBe(true);
    expect(intercept('y ~ 0 + a')).toBe(false);
    expect(intercept('y ~ a - 1')).toBe(false);
    expect(intercept('y ~ -1 + a')).toBe(false);
    expect(intercept('y ~ a + 0')).toBe(false);
    expect(intercept('y ~ 0 + a + 1')).toBe(true);
    expect(intercept('y ~ -0 + a')).toBe(true);
    expect(intercept('y ~ 1 - 1 + a')).toBe(false);
    expect(parseFormula('y ~ 1 + (1 | g)')).toEqual({
      response: 'y',
      fixedIntercept: true,
      fixed: [],
      random: { intercept: true, slopes: [], group: 'g', diagonal: false },
    });
  });

  it('reads names with digits, dots, underscores and backquotes', () => {
    const f = parseFormula('`my y` ~ x1_1 + IQ_verb + sch.ses + `age (years)` + .x + `if` + (1 | `school id`)');
    expect(f.response).toBe('my y');
    expect(f.fixed).toEqual([['x1_1'], ['IQ_verb'], ['sch.ses'], ['age (years)'], ['.x'], ['if']]);
    expect(f.random?.group).toBe('school id');
    expect(printFormula(f)).toBe('`my y` ~ x1_1 + IQ_verb + sch.ses + `age (years)` + .x + `if` + (1 | `school id`)');
  });
});

describe('parseFormula: the random term', () => {
  it('reads intercepts, slopes and the diagonal ||', () => {
    expect(parseFormula('y ~ a + (1 + a + b | g)').random).toEqual({
      intercept: true,
      slopes: [['a'], ['b']],
      group: 'g',
      diagonal: false,
    });
    expect(parseFormula('y ~ a + (a || g)').random).toEqual({
      intercept: true,
      slopes: [['a']],
      group: 'g',
      diagonal: true,
    });
    for (const text of ['y ~ (0 + a | g)', 'y ~ (-1 + a | g)', 'y ~ (a - 1 | g)']) {
      expect(parseFormula(text).random).toEqual({ intercept: false, slopes: [['a']], group: 'g', diagonal: false });
    }
    expect(parseFormula('y ~ (a*b | g)').random?.slopes).toEqual([['a'], ['b'], ['a', 'b']]);
  });

  it('allows a formula without random part and says when one is needed', () => {
    const f = parseFormula('y ~ a + b');
    expect(f.random).toBeNull();
    expect(() => requireRandomTerm(f)).toThrow(/no random part.*\(1 \| cluster\)/);
    expect(requireRandomTerm(parseFormula('y ~ a + (1 | g)')).group).toBe('g');
  });
});

describe('printFormula', () => {
  it('prints lme4 text', () => {
    const print = (text: string) => printFormula(parseFormula(text));
    expect(print('Reaction~Days+(1+Days|Subject)')).toBe('Reaction ~ Days + (Days | Subject)');
    expect(print('y ~ a*b + (1|g)')).toBe('y ~ a + b + a:b + (1 | g)');
    expect(print('y ~ -1 + a + (-1 + a || g)')).toBe('y ~ 0 + a + (0 + a || g)');
    expect(print('y ~ (1 | g)')).toBe('y ~ 1 + (1 | g)');
    expect(print('y ~ 0 + (1 | g)')).toBe('y ~ 0 + (1 | g)');
    expect(print('y ~ 1')).toBe('y ~ 1');
    expect(print('y ~ a - 1')).toBe('y ~ 0 + a');
  });

  it('quotes names R cannot read bare', () => {
    expect(
      ['x', 'x1_1', 'sch.ses', '.x', 'élève', 'my var', '1x', '.1', '_x', 'a-b', 'TRUE', 'in'].map(quoteName),
    ).toEqual(['x', 'x1_1', 'sch.ses', '.x', 'élève', '`my var`', '`1x`', '`.1`', '`_x`', '`a-b`', '`TRUE`', '`in`']);
  });

  it('round-trips: parse(print(f)) equals f, also when interactions come before their main effects', () => {
    const texts = [
      'y ~ b:a + a + b + (1 | g)',
      'y ~ a*b - a + c',
      'y ~ a:b*c + (c:a + a || h)',
      'y ~ `a b`:c + c + (0 + `a b` | `the group`)',
    ];
    for (const text of texts) {
      const f = parseFormula(text);
      expect(parseFormula(printFormula(f))).toEqual(f);
    }
  });

  it('round-trips random formulas', () => {
    let seed = 12345;
    const random = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % k;
    };
    const names = ['a', 'b', 'c', 'd', '`e f`'];
    const product = () =>
      Array.from({ length: 1 + random(3) }, () => names[random(names.length)]!).join(random(2) ? '*' : ':');
    const sum = (allowMinus: boolean) =>
      Array.from(
        { length: 1 + random(4) },
        (_, i) => (i > 0 ? (allowMinus && random(4) === 0 ? ' - ' : ' + ') : '') + product(),
      ).join('');
    for (let trial = 0; trial < 500; trial++) {
      const intercept = ['', '0 + ', '1 + ', '-1 + '][random(4)]!;
      const bar = random(3) ? ` + (${['', '0 + '][random(2)]}${sum(false)} ${random(2) ? '||' : '|'} g)` : '';
      const text = `y ~ ${intercept}${sum(true)}${bar}`;
      const f = parseFormula(text);
      expect(parseFormula(printFormula(f)), text).toEqual(f);
    }
  });
});

describe('formulaVariables', () => {
  it('lists response, predictors, slopes and group once each', () => {
    const f: Formula = parseFormula('y ~ a*b + c + (1 + d + a | g)');
    expect(formulaVariables(f)).toEqual(['y', 'a', 'b', 'c', 'd', 'g']);
    expect(formulaVariables(parseFormula('y ~ 1'))).toEqual(['y']);
  });
});

describe('parseFormula: errors a user can act on', () => {
  const cases: [string, RegExp, number][] = [
    ['y x', /needs ~/, 3],
    ['~ x', /outcome .* is missing/, 0],
    ['y ~', /Nothing follows ~/, 3],
    ['y ~ a ~ b', /only one ~/, 6],
    ['y + z ~ x', /single column/, 2],
    ['y ~ (1 + a | g', /never closed/, 4],
    ['y ~ a) + (1 | g)', /\) without a matching \(/, 5],
    ['y ~ a + (1 + a)', /needs \| and a cluster column/, 8],
    ['y ~ (1 | g) + (1 | h)', /only one grouping factor is supported yet/, 14],
    ['y ~ (1 | g) + (0 + a | g)', /one random term for g/, 14],
    ['y ~ (1 | a/b)', /Nested .* not supported yet/, 10],
    ['y ~ (1 | a:b)', /Crossed or nested .* not supported yet/, 10],
    ['y ~ a^2', /\^ operator is not supported/, 5],
    ['y ~ a %in% b', /%in% operator is not supported/, 6],
    ['y ~ log(x) + (1 | g)', /log\(…\): functions .* derived column/, 4],
    ['log(y) ~ x', /functions .* derived column/, 0],
    ['y ~ (1 | factor(g))', /functions .* derived column/, 9],
    ['y ~ a b', /\+ .* is missing before "b"/, 6],
    ['y ~ 2 + a', /number 2/, 4],
    ['y ~ a + my var', /missing before "var"/, 11],
    ['y ~ a + _b', /backquotes/, 8],
    ['y ~ .', /dot/, 4],
    ['y ~ a + `b', /backquote/, 8],
    ['y ~ y + x', /outcome y cannot also be a predictor/, 2],
    ['y ~ a*(1 | g)', /must be added with \+/, 6],
    ['y ~ a - (1 | g)', /cannot be subtracted/, 8],
    ['y ~ (0 | g)', /neither an intercept nor a slope/, 4],
    ['y ~ (g | g)', /cannot also have a random slope/, 4],
    ['y ~ a + (1 |)', /name of the cluster column/, 12],
    ['y ~ ((1 | g))', /inside a random term/, 5],
    ['y ~ a | g', /inside a random term in parentheses/, 6],
    ['y ~ a:1', /cannot be part of an interaction/, 5],
    ['y ~ a +', /ends too early/, 7],
    ['y ~ TRUE', /reserved word/, 4],
  ];
  it.each(cases)('%s', (text, message, position) => {
    const e = errorOf(text);
    expect(e.message).toMatch(message);
    expect(e.position).toBe(position);
    expect(e.name).toBe('FormulaError');
  });
});
