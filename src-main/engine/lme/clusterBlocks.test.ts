import { describe, expect, it } from 'vitest';
import type { MixedDesign } from '../design.ts';
import { makeClusterBlocks } from './clusterBlocks.ts';

/** Two clusters, rows out of cluster order, p = 2 (intercept, x), q = 2 (intercept, z). */
function smallDesign(): MixedDesign {
  const x = [1, 2, 3, 4, 5];
  const z = [0.5, -1, 2, 0, 1];
  const y = [3, 1, 4, 1, 5];
  const group = [0, 1, 0, 1, 1];
  return {
    n: 5,
    p: 2,
    q: 2,
    J: 2,
    X: Float64Array.from(x.flatMap((v) => [1, v])),
    Z: Float64Array.from(z.flatMap((v) => [1, v])),
    y: Float64Array.from(y),
    group: Int32Array.from(group),
    xNames: ['(Intercept)', 'x'],
    zNames: ['(Intercept)', 'z'],
    levels: ['a', 'b'],
    response: 'y',
    groupName: 'g',
    factorLevels: {},
    diagonal: false,
    droppedRows: 0,
    missingByColumn: {},
  };
}

describe('makeClusterBlocks', () => {
  it('accumulates the per-cluster and global cross products (hand-computed)', () => {
    const b = makeClusterBlocks(smallDesign());
    // Cluster 0: rows 0 and 2, z = (0.5, 2), x = (1, 3), y = (3, 4).
    expect(Array.from(b.ZtZ.subarray(0, 4))).toEqual([2, 2.5, 2.5, 4.25]);
    expect(Array.from(b.ZtX.subarray(0, 4))).toEqual([2, 4, 2.5, 6.5]);
    expect(Array.from(b.Zty.subarray(0, 2))).toEqual([7, 9.5]);
    // Cluster 1: rows 1, 3, 4, z = (-1, 0, 1), x = (2, 4, 5), y = (1, 1, 5).
    expect(Array.from(b.ZtZ.subarray(4, 8))).toEqual([3, 0, 0, 2]);
    expect(Array.from(b.ZtX.subarray(4, 8))).toEqual([3, 11, 0, 3]);
    expect(Array.from(b.Zty.subarray(2, 4))).toEqual([7, 4]);
    expect(Array.from(b.XtX)).toEqual([5, 15, 15, 55]);
    expect(Array.from(b.Xty)).toEqual([14, 46]);
    expect(b.yty).toBe(52);
    expect(Array.from(b.nj)).toEqual([2, 3]);
  });

  it('rejects a cluster index outside the levels', () => {
    const d = smallDesign();
    d.group[2] = 2;
    expect(() => makeClusterBlocks(d)).toThrow(/cluster index 2/);
  });
});
