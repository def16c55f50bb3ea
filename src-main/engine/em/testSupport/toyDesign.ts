// Test support: small seeded mixed-model designs (intercept + normal covariates, random intercept and slopes) for the
// EM's identity tests and edge cases.
import type { MixedDesign } from '../../design.ts';

/** A seeded standard-normal stream (LCG + Box-Muller): reproducible without a dependency. */
export function normalStream(seed: number): () => number {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * sizes[j] rows in cluster j; X = [1, x_1..x_{p-1}], Z = [1, x_1..x_{q-1}]; y = X beta + Z u_j + eps with beta = 1,
 * u_j ~ N(0, diag(sdU^2)), eps ~ N(0, 1). Rows are interleaved across clusters, as in a file that is not sorted.
 */
export function makeToyDesign(sizes: number[], p: number, q: number, seed: number, sdU = 1): MixedDesign {
  const rnd = normalStream(seed);
  const J = sizes.length;
  const u = sizes.map(() => Array.from({ length: q }, () => sdU * rnd()));
  const group: number[] = [];
  const left = [...sizes];
  while (left.some((k) => k > 0)) {
    for (let j = 0; j < J; j++) {
      if (left[j]! > 0) {
        group.push(j);
        left[j]! -= 1;
      }
    }
  }
  const n = group.length;
  const X = new Float64Array(n * p);
  const Z = new Float64Array(n * q);
  const y = new Float64Array(n);
  group.forEach((j, r) => {
    X[r * p] = 1;
    for (let k = 1; k < p; k++) X[r * p + k] = rnd();
    for (let a = 0; a < q; a++) Z[r * q + a] = X[r * p + a]!;
    let v = rnd();
    for (let k = 0; k < p; k++) v += X[r * p + k]!;
    for (let a = 0; a < q; a++) v += Z[r * q + a]! * u[j]![a]!;
    y[r] = v;
  });
  const xNames = ['(Intercept)', ...Array.from({ length: p - 1 }, (_, k) => `x${k + 1}`)];
  return {
    n,
    p,
    q,
    J,
    X,
    Z,
    y,
    group: Int32Array.from(group),
    xNames,
    zNames: xNames.slice(0, q),
    levels: sizes.map((_, j) => `g${j + 1}`),
    response: 'y',
    groupName: 'g',
    factorLevels: {},
    diagonal: false,
    droppedRows: 0,
    missingByColumn: {},
  };
}
