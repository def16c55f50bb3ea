// Predictions of MATH.md section 4 from a fitted mixedML model: within (f(x) + z u_j for a known cluster), out (f(x)),
// and for a new cluster with labelled rows its random effects u_new = Sigma Z'V^-1 (y - f(X)) from those rows, used
// for all its rows, without refitting.
import type { Features, Learner } from '../learners/learner.ts';
import { makeWoodburyWork, relativeFactor, woodburyW } from './woodbury.ts';

/** What prediction needs of a fit (an EmFit is one). */
export interface MixedModel {
  learner: Learner;
  reCov: number[][];
  sigma2: number;
  /** One row per level of `levels`. */
  ranef: number[][];
  levels: readonly string[];
}

export interface PredictionRows {
  X: Features;
  /** n x q row-major, the model's random-effects columns in its order. */
  Z: Float64Array;
  /** Each row's cluster label. */
  clusters: readonly string[];
  /** Responses where known (NaN where not); only the labelled rows of new clusters are read. */
  y?: Float64Array;
}

export interface MixedPredictions {
  out: Float64Array;
  /** Equals `out` for rows of a new cluster without labelled rows (MATH.md section 6). */
  within: Float64Array;
  /** Per row: the cluster was in the training data, is new with labelled rows, or is new without any. */
  source: ('trained' | 'new' | 'unknown')[];
  /** u_new of each new cluster with labelled rows. */
  newClusters: Record<string, number[]>;
}

export function predictMixed(model: MixedModel, rows: PredictionRows): MixedPredictions {
  const { n } = rows.X;
  const q = model.reCov.length;
  if (rows.Z.length !== n * q) throw new Error(`predict: Z must be ${n} x ${q}`);
  if (rows.clusters.length !== n) throw new Error(`predict: ${rows.clusters.length} cluster labels for ${n} rows`);
  const out = model.learner.predict(rows.X);
  const known = new Map(model.levels.map((level, j) => [level, j]));
  // Z'Z and Z'(y - f(X)) of each new cluster over its labelled rows.
  const fresh = new Map<string, { ztz: Float64Array; zte: Float64Array }>();
  for (let r = 0; r < n; r++) {
    const label = rows.clusters[r]!;
    const yr = rows.y?.[r];
    if (known.has(label) || yr === undefined || !Number.isFinite(yr)) continue;
    let acc = fresh.get(label);
    if (!acc) fresh.set(label, (acc = { ztz: new Float64Array(q * q), zte: new Float64Array(q) }));
    const e = yr - out[r]!;
    for (let a = 0; a < q; a++) {
      const za = rows.Z[r * q + a]!;
      acc.zte[a]! += za * e;
      for (let c = 0; c < q; c++) acc.ztz[a * q + c]! += za * rows.Z[r * q + c]!;
    }
  }
  const newClusters: Record<string, number[]> = {};
  for (const [label, { ztz, zte }] of fresh) {
    newClusters[label] = Array.from(newClusterEffect(model.reCov, model.sigma2, ztz, zte));
  }
  const within = new Float64Array(n);
  const source: MixedPredictions['source'] = [];
  for (let r = 0; r < n; r++) {
    const label = rows.clusters[r]!;
    const j = known.get(label);
    const u = j !== undefined ? model.ranef[j] : newClusters[label];
    source.push(j !== undefined ? 'trained' : u ? 'new' : 'unknown');
    let zu = 0;
    if (u) for (let a = 0; a < q; a++) zu += rows.Z[r * q + a]! * u[a]!;
    within[r] = out[r]! + zu;
  }
  return { out, within, source, newClusters };
}

/**
 * u = Sigma Z'V^-1 e for one cluster from Z'Z and Z'e over its labelled rows (woodbury.ts: u = W Z'e), the random
 * effects a known cluster would have had with the same parameters.
 */
export function newClusterEffect(
  reCov: number[][],
  sigma2: number,
  ztz: Float64Array,
  zte: Float64Array,
): Float64Array {
  const q = reCov.length;
  const { T } = relativeFactor(Float64Array.from(reCov.flat()), sigma2, q);
  const w = new Float64Array(q * q);
  woodburyW(T, ztz, 0, makeWoodburyWork(q), w);
  const u = new Float64Array(q);
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) u[a]! += w[a * q + c]! * zte[c]!;
  return u;
}
