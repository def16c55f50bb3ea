import { describe, expect, it } from 'vitest';
import { parseFormula, printFormula } from '../../src-shared/formula.ts';
import type { Variable } from '../../src-shared/api.ts';
import {
  emptyFormula,
  interactions,
  mainEffects,
  withCluster,
  withDiagonal,
  withOutcome,
  withPredictor,
  withRandomIntercept,
  withSlope,
  withTerm,
} from './builder.ts';
import { checkModel } from './checkModel.ts';

describe('the model builder', () => {
  it('builds the formula the user ticks, in lme4 order', () => {
    let f = withOutcome(emptyFormula, 'y');
    f = withPredictor(f, 'a', true);
    f = withTerm(f, ['a', 'b']);
    f = withPredictor(f, 'b', true);
    f = withCluster(f, 'g');
    f = withSlope(f, ['a'], true);
    expect(printFormula(f)).toBe('y ~ a + b + a:b + (a | g)');
    expect(mainEffects(f)).toEqual(['a', 'b']);
    expect(interactions(f)).toEqual([['a', 'b']]);
    expect(printFormula(withDiagonal(withRandomIntercept(f, false), true))).toBe('y ~ a + b + a:b + (0 + a || g)');
  });

  it('keeps one role per variable and removes what depended on a dropped predictor', () => {
    let f = parseFormula('y ~ a + b + a:b + (a | g)');
    expect(printFormula(withPredictor(f, 'a', false))).toBe('y ~ b + (1 | g)');
    expect(printFormula(withCluster(f, 'b'))).toBe('y ~ a + (a | b)');
    f = withOutcome(f, 'a');
    expect(printFormula(f)).toBe('a ~ b + (1 | g)');
    expect(withOutcome(f, 'g').random).toBeNull();
  });

  it('ticks the predictor of a new random slope and round-trips through the text', () => {
    const f = withSlope(withCluster(withOutcome(emptyFormula, 'y'), 'g'), ['x'], true);
    expect(printFormula(f)).toBe('y ~ x + (x | g)');
    expect(parseFormula(printFormula(f))).toEqual(f);
  });
});

describe('model checks', () => {
  const variable = (name: string, type: Variable['type'] = 'numeric'): Variable => ({
    name,
    label: '',
    type,
    n_missing: 0,
    value_labels: {},
    mean: null,
    derived: false,
  });

  it('says what is missing before a fit is sent', () => {
    expect(checkModel(emptyFormula, undefined)).toEqual([
      'Choose the outcome.',
      'Choose the cluster variable: mixedML models need clusters.',
      'Open a data set first.',
    ]);
    const f = parseFormula('y ~ x + (1 | g)');
    expect(checkModel(f, [variable('y'), variable('x'), variable('g', 'string')])).toEqual([]);
    expect(checkModel(f, [variable('y', 'string'), variable('g')])).toEqual([
      'There is no column x in the data set.',
      'The outcome y holds text: choose a numeric outcome.',
    ]);
  });
});
