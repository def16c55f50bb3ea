import { describe, expect, it } from 'vitest';
import { gridWindow } from './gridWindow.ts';

describe('the grid window', () => {
  const base = { viewportHeight: 240, rowHeight: 24, overscan: 2 };

  it('renders the visible rows and a few more, placed where they belong', () => {
    const w = gridWindow({ ...base, nrows: 1000, scrollTop: 2400 });
    expect(w.spacerHeight).toBe(24_000);
    expect(w.first).toBe(98);
    expect(w.top).toBe(98 * 24);
    expect(w.first + w.count).toBeGreaterThanOrEqual(100 + 10 + 1);
    expect(w.count).toBeLessThan(20);
  });

  it('handles tiny and empty tables', () => {
    expect(gridWindow({ ...base, nrows: 3, scrollTop: 0 })).toEqual({ spacerHeight: 72, first: 0, count: 3, top: 0 });
    expect(gridWindow({ ...base, nrows: 0, scrollTop: 50 }).count).toBe(0);
  });

  it('reaches the last of a million rows through a shortened spacer', () => {
    const nrows = 1_000_000;
    const top = gridWindow({ ...base, nrows, scrollTop: 0, maxHeight: 1_000_000 });
    expect(top.spacerHeight).toBe(1_000_000);
    expect(top.first).toBe(0);
    const end = gridWindow({ ...base, nrows, scrollTop: 1_000_000 - 240, maxHeight: 1_000_000 });
    expect(end.first + end.count).toBe(nrows);
    // The last row's bottom edge meets the viewport's bottom edge.
    const lastBottom = end.top + end.count * 24;
    expect(lastBottom).toBeCloseTo(1_000_000, 6);
    const middle = gridWindow({ ...base, nrows, scrollTop: (1_000_000 - 240) / 2, maxHeight: 1_000_000 });
    expect(Math.abs(middle.first + 2 - (nrows - 10) / 2)).toBeLessThan(2);
  });
});
