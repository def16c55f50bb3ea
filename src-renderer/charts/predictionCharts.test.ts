import { describe, expect, it } from 'vitest';
import { axisRange, evenly, predictedObservedPoints } from './predictedObservedOption.ts';
import { clusterBox, quantile, residualBoxes, shownBoxes } from './residualsOption.ts';

describe('predicted versus observed', () => {
  const rows = [
    { within: 1, out: 2 },
    { within: 3, out: 2 },
    { within: 5, out: 4 },
  ];

  it('pairs each prediction with its observed outcome and leaves out rows without one', () => {
    const points = predictedObservedPoints(rows, [1.5, null, 6]);
    expect(points.within).toEqual([
      [1, 1.5],
      [5, 6],
    ]);
    expect(points.out).toEqual([
      [2, 1.5],
      [4, 6],
    ]);
    expect(points.total).toBe(2);
  });

  it('thins evenly, keeping the first and the last', () => {
    expect(evenly([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(evenly([1, 2], 5)).toEqual([1, 2]);
    const points = predictedObservedPoints(rows, [1, 2, 3], 2);
    expect(points.within).toEqual([
      [1, 1],
      [5, 3],
    ]);
    expect(points.total).toBe(3);
  });

  it('shares one range between the axes, widened to round numbers', () => {
    // Data from 0.9 to 10.2 (range 9.3, power of ten 1): multiples of 0.5.
    expect(axisRange(predictedObservedPoints(rows, [0.9, 2, 10.2]))).toEqual([0.5, 10.5]);
    // Data from -19.9 to 76 (range 95.9): multiples of 5.
    const wide = predictedObservedPoints([{ within: -19.9, out: 0 }], [76]);
    expect(axisRange(wide)).toEqual([-20, 80]);
  });
});

describe('residuals by cluster', () => {
  it('uses R’s default quantiles (type 7)', () => {
    // quantile(c(1, 2, 4, 8), c(.25, .5, .75)) in R: 1.75, 3, 5.
    expect(quantile([1, 2, 4, 8], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([1, 2, 4, 8], 0.5)).toBeCloseTo(3, 12);
    expect(quantile([1, 2, 4, 8], 0.75)).toBeCloseTo(5, 12);
    expect(quantile([7], 0.5)).toBe(7);
  });

  it('ends the whiskers at the last residual within 1.5 IQR and calls the rest outliers', () => {
    // Quartiles 1.5 and 4.5 (IQR 3): residuals beyond [-3, 9] are outliers.
    const box = clusterBox('c', [20, 1, 2, 3, 4, 5, -5]);
    expect(box.box).toEqual([1, 1.5, 3, 4.5, 5]);
    expect(box.outliers).toEqual([-5, 20]);
    expect(box.n).toBe(7);
  });

  it('takes observed minus within per cluster and sorts the clusters by median', () => {
    const rows = [
      { cluster: 'a', within: 1 },
      { cluster: 'b', within: 0 },
      { cluster: 'a', within: 1 },
      { cluster: 'b', within: 0 },
      { cluster: 'c', within: 0 },
    ];
    const boxes = residualBoxes(rows, [3, -1, 5, -3, null]);
    expect(boxes.map((b) => [b.cluster, b.box[2]])).toEqual([
      ['b', -2],
      ['a', 3],
    ]);
  });

  it('shows an even spread of at most the cap, the extremes included', () => {
    const boxes = Array.from({ length: 200 }, (_, i) => clusterBox(String(i), [i]));
    const shown = shownBoxes(boxes, 60);
    expect(shown).toHaveLength(60);
    expect(shown[0]!.cluster).toBe('0');
    expect(shown.at(-1)!.cluster).toBe('199');
  });
});
