// The design of a subset of rows (a cross-validation fold's training rows), with clusters re-indexed over those
// present, so that a fit never sees a cluster without rows.
import type { MixedDesign } from './design.ts';

export function subsetDesign(design: MixedDesign, rows: ArrayLike<number>): MixedDesign {
  const { p, q } = design;
  const n = rows.length;
  const X = new Float64Array(n * p);
  const Z = new Float64Array(n * q);
  const y = new Float64Array(n);
  const group = new Int32Array(n);
  const code = new Map<number, number>();
  const present: number[] = [];
  for (let r = 0; r < n; r++) {
    const i = rows[r]!;
    X.set(design.X.subarray(i * p, (i + 1) * p), r * p);
    Z.set(design.Z.subarray(i * q, (i + 1) * q), r * q);
    y[r] = design.y[i]!;
    const old = design.group[i]!;
    if (!code.has(old)) code.set(old, -1);
  }
  // Keep the original level order (lme4's), whatever the order of the rows.
  for (const old of [...code.keys()].sort((a, b) => a - b)) code.set(old, present.push(old) - 1);
  for (let r = 0; r < n; r++) group[r] = code.get(design.group[rows[r]!]!)!;
  return {
    ...design,
    n,
    J: present.length,
    X,
    Z,
    y,
    group,
    levels: present.map((old) => design.levels[old]!),
    droppedRows: 0,
    missingByColumn: {},
  };
}
