import { describe, expect, it } from 'vitest';
import { learnerDefaults } from '../../src-shared/defaults.ts';
import { learnerOptionFields, optionText, parseOption, sameValue, type OptionField } from './learnerOptions.ts';

const field = (learner: keyof typeof learnerOptionFields, name: string): OptionField =>
  learnerOptionFields[learner].find((f) => f.name === name)!;

describe('learner options', () => {
  it('reads typed text as the value the backend takes', () => {
    expect(parseOption(field('mlp', 'hidden'), '10, 5,2')).toEqual([10, 5, 2]);
    expect(parseOption(field('mlp', 'hidden'), '10, -1')).toBeInstanceOf(Error);
    expect(parseOption(field('svr', 'gamma'), 'scale')).toBe('scale');
    expect(parseOption(field('svr', 'gamma'), '0.5')).toBe(0.5);
    expect(parseOption(field('svr', 'gamma'), 'wide')).toBeInstanceOf(Error);
    expect(parseOption(field('forest', 'maxDepth'), '')).toBeNull();
    expect(parseOption(field('forest', 'trees'), '2.5')).toBeInstanceOf(Error);
    expect(parseOption(field('svr', 'shrinking'), 'false')).toBe(false);
  });

  it('shows values as they are typed and compares them', () => {
    expect(optionText([5, 2])).toBe('5, 2');
    expect(optionText(null)).toBe('');
    expect(sameValue([5, 2], [5, 2])).toBe(true);
    expect(sameValue(null, 0)).toBe(false);
  });
});

describe('the option fields', () => {
  it("name options the backend has, with the backend's defaults", () => {
    for (const [learner, fields] of Object.entries(learnerOptionFields)) {
      const defaults = learner === 'lme' ? {} : learnerDefaults[learner as keyof typeof learnerDefaults];
      for (const f of fields)
        expect([learner, f.name, f.default]).toEqual([learner, f.name, defaults[f.name as never]]);
    }
  });
});
