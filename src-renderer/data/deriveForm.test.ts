import { describe, expect, it } from 'vitest';
import { makeRecipe, suggestName, type DeriveForm } from './deriveForm.ts';

const form = (patch: Partial<DeriveForm>): DeriveForm => ({
  kind: 'clusterMean',
  name: '',
  source: '',
  group: '',
  sources: [],
  reference: '',
  ...patch,
});

describe('the derived-column form', () => {
  it('suggests names and makes the recipe the backend takes', () => {
    const mean = form({ source: 'IQ_verb', group: 'schoolnr' });
    expect(suggestName(mean)).toBe('schoolnr_mean_IQ_verb');
    expect(makeRecipe({ ...mean, name: 'sch_iqv2' }, ['IQ_verb'])).toEqual({
      kind: 'clusterMean',
      name: 'sch_iqv2',
      source: 'IQ_verb',
      group: 'schoolnr',
    });
    const product = form({ kind: 'product', sources: ['a', 'b'] });
    expect(suggestName(product)).toBe('a_x_b');
    expect(makeRecipe({ ...product, name: 'ab' }, [])).toEqual({ kind: 'product', name: 'ab', sources: ['a', 'b'] });
    expect(makeRecipe(form({ kind: 'dummies', source: 'sex', reference: 'f' }), [])).toEqual({
      kind: 'dummies',
      source: 'sex',
      reference: 'f',
    });
  });

  it('says what is still missing', () => {
    expect(makeRecipe(form({}), [])).toBe('Give the new column a name.');
    expect(makeRecipe(form({ name: 'x' }), ['x'])).toBe('There is already a column x.');
    expect(makeRecipe(form({ name: 'm', source: 'a' }), [])).toBe('Choose the cluster variable.');
    expect(makeRecipe(form({ kind: 'product', name: 'p', sources: ['a'] }), [])).toBe('Tick at least two variables.');
  });
});
