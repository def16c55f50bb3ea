import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareLevels, sortLevels } from './levelOrder.ts';
import { loadReference } from '../engine/testing/referenceCases.ts';

describe('sortLevels', () => {
  it("matches R's factor levels in the en_US.UTF-8 locale (fixtures/levelOrder.R)", () => {
    const fixture = JSON.parse(readFileSync(new URL('./fixtures/levelOrder.json', import.meta.url), 'utf8')) as {
      input: string[];
      levels: string[];
    };
    expect(sortLevels(fixture.input)).toEqual(fixture.levels);
  });

  it('sorts numbers written as text as lme4 orders the sleepstudy subjects', () => {
    const levels = loadReference('sleepstudy').REML.ranef_levels;
    expect(sortLevels([...levels].reverse())).toEqual(levels);
  });

  it('is a total order: different strings never compare equal', () => {
    expect(compareLevels('e\u0301', '\u00e9')).not.toBe(0);
    expect(compareLevels('a', 'a')).toBe(0);
  });
});
