import { describe, expect, it } from 'vitest';
import { defaultLmeControl, makeLmeControl } from './lmeControl.ts';

describe('makeLmeControl', () => {
  it('fills in the defaults and takes the structure from the design unless asked', () => {
    const control = makeLmeControl({ reml: false }, true);
    expect(control).toEqual({ ...defaultLmeControl, reml: false, diagonal: true });
    expect(makeLmeControl({ reml: true, diagonal: false }, true).diagonal).toBe(false);
  });

  it('keeps a default when an option is given as undefined', () => {
    const control = makeLmeControl({ reml: true, diagonal: undefined, maxIterations: undefined }, true);
    expect(control.diagonal).toBe(true);
    expect(control.maxIterations).toBe(defaultLmeControl.maxIterations);
    expect(makeLmeControl({ reml: true, maxIterations: 5 }, false).maxIterations).toBe(5);
  });
});
