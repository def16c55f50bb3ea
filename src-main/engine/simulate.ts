// The seed paper's Appendix B data generator (`mixedml simulate`), seeded with makeRandom: the same seed gives the
// same table on every machine. Columns `cluster, x1_1..x1_10, x2_1..x2_3, y` as ../shared/datasets/sim_*.csv.
//
// The paper's text is not at hand; the model below is inferred from sim_linear.csv and sim_nonlinear.csv with lme4
// (the evidence is in simulate.md):
//   clusters j = 1..J, n_j ~ uniform integer on 22..35 (issue 5; simulate.md)
//   x1_ij ~ N(0, C1) (10 row-level features), x2_j ~ N(0, C2) (3 cluster-level features, constant within a cluster),
//     C1 and C2 correlation matrices whose off-diagonal entries are drawn once per data set, each 0.1 or 0.3 with
//     probability 1/2 (C1 redrawn until positive definite, which no draw of 100 000 needed; a 3 x 3 one always is)
//   u_j ~ N(0, I_11): a random intercept and a random slope for each x1 (uncorrelated, variance 1)
//   y_ij = 5 + sum_k x1_ijk + sum_k x2_jk [+ sum_{k<=5} x1_ijk^2 when nonlinear] + u_j0 + sum_k u_jk x1_ijk + eps_ij,
//     eps_ij ~ N(0, 3.5^2)
// Draw order: C1's upper triangle row by row (again on a redraw), C2's, n_1..n_J, then per cluster x2_j and u_j,
// and per row x1_ij then eps_ij. Linear and nonlinear data of one seed share every draw and differ only in y.
import type { Column, Table } from '../data/table.ts';
import { choleskyInPlace } from './linalg/cholesky.ts';
import { makeRandom, type Random } from './random.ts';

export interface SimulationOptions {
  clusters: number;
  seed: number;
  /** Adds x1_1^2 + ... + x1_5^2 to f (the paper's nonlinear set, Table 4). */
  nonlinear?: boolean;
}

/** The generating model's constants; the correlations of C1 and C2 are drawn from `correlations`. */
export const simulationModel = {
  rowFeatures: 10,
  clusterFeatures: 3,
  squaredFeatures: 5,
  clusterSize: { min: 22, max: 35 },
  intercept: 5,
  slope: 1,
  squareCoefficient: 1,
  /** Variance of each random effect; they are uncorrelated. */
  randomEffectVariance: 1,
  sigma: 3.5,
  correlations: [0.1, 0.3],
} as const;

export function simulate(options: SimulationOptions): Table {
  const { clusters, seed, nonlinear = false } = options;
  if (!Number.isInteger(clusters) || clusters < 1) {
    throw new Error(`clusters must be a positive integer, not ${clusters}`);
  }
  // makeRandom keeps a seed's low 32 bits: any other seed would silently alias one of these.
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed must be an integer from 0 to 4294967295, not ${seed}`);
  }
  const m = simulationModel;
  const p1 = m.rowFeatures;
  const p2 = m.clusterFeatures;
  const random = makeRandom(seed);
  const l1 = drawCorrelationFactor(random, p1);
  const l2 = drawCorrelationFactor(random, p2);

  const sizes = Array.from({ length: clusters }, () => random.integer(m.clusterSize.min, m.clusterSize.max));
  const nrows = sizes.reduce((a, b) => a + b, 0);
  const names = [
    'cluster',
    ...Array.from({ length: p1 }, (_, k) => `x1_${k + 1}`),
    ...Array.from({ length: p2 }, (_, k) => `x2_${k + 1}`),
    'y',
  ];
  const columns: Column[] = names.map((name) => ({
    name,
    label: '',
    type: 'numeric',
    values: new Float64Array(nrows),
  }));
  const cluster = columns[0]!.values;
  const x1 = columns.slice(1, 1 + p1).map((c) => c.values);
  const x2 = columns.slice(1 + p1, 1 + p1 + p2).map((c) => c.values);
  const y = columns[1 + p1 + p2]!.values;

  const x1Row = new Float64Array(p1);
  const x2Row = new Float64Array(p2);
  const u = new Float64Array(p1 + 1);
  let row = 0;
  sizes.forEach((n, j) => {
    correlatedNormal(random, l2, x2Row);
    for (let k = 0; k <= p1; k++) u[k] = Math.sqrt(m.randomEffectVariance) * random.normal();
    let clusterPart = m.intercept + u[0]!;
    for (let k = 0; k < p2; k++) clusterPart += m.slope * x2Row[k]!;
    for (let i = 0; i < n; i++, row++) {
      correlatedNormal(random, l1, x1Row);
      let value = clusterPart + m.sigma * random.normal();
      for (let k = 0; k < p1; k++) {
        value += (m.slope + u[k + 1]!) * x1Row[k]!;
        x1[k]![row] = x1Row[k]!;
      }
      if (nonlinear) for (let k = 0; k < m.squaredFeatures; k++) value += m.squareCoefficient * x1Row[k]! ** 2;
      for (let k = 0; k < p2; k++) x2[k]![row] = x2Row[k]!;
      cluster[row] = j + 1;
      y[row] = value;
    }
  });
  return {
    source: `simulate(clusters ${clusters}, seed ${seed}, ${nonlinear ? 'nonlinear' : 'linear'})`,
    nrows,
    columns,
  };
}

/** Cholesky factor of a p x p correlation matrix with off-diagonals drawn from simulationModel.correlations. */
function drawCorrelationFactor(random: Random, p: number): Float64Array {
  const values = simulationModel.correlations;
  for (;;) {
    const c = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      c[i * p + i] = 1;
      for (let k = i + 1; k < p; k++) {
        const r = random.next() < 0.5 ? values[0] : values[1];
        c[i * p + k] = r;
        c[k * p + i] = r;
      }
    }
    if (choleskyInPlace(c, p)) return c;
  }
}

/** out = L z with z standard normal: a draw from N(0, L L'). Draws z_1..z_p first, then forms L z in place. */
function correlatedNormal(random: Random, l: Float64Array, out: Float64Array): void {
  const p = out.length;
  for (let i = 0; i < p; i++) out[i] = random.normal();
  // Row i of L z needs z_1..z_i only, so going from the last row up never reads an overwritten z.
  for (let i = p - 1; i >= 0; i--) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[i * p + k]! * out[k]!;
    out[i] = s;
  }
}
