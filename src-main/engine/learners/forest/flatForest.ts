// A fitted forest as four flat typed arrays (all trees' nodes end to end), so that prediction walks plain arrays and
// the JSON is four base64 strings. Node layout as in growTree.ts: preorder, left child k + 1, right child stored.
import { float64FromBase64, float64ToBase64, int32FromBase64, int32ToBase64 } from '../typedArrayJson.ts';
import type { FlatTree } from './growTree.ts';

export interface FlatForest {
  /** Number of feature columns the trees split on. */
  p: number;
  /** Index of each tree's root node. */
  roots: Int32Array;
  feature: Int32Array;
  /** Right child, as a node index into these arrays (-1 for a leaf). */
  right: Int32Array;
  value: Float64Array;
}

export function assembleForest(trees: FlatTree[], p: number): FlatForest {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const forest: FlatForest = {
    p,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
  };
  let offset = 0;
  trees.forEach((tree, t) => {
    forest.roots[t] = offset;
    forest.feature.set(tree.feature, offset);
    forest.value.set(tree.value, offset);
    for (let k = 0; k < tree.right.length; k++)
      forest.right[offset + k] = tree.right[k]! < 0 ? -1 : offset + tree.right[k]!;
    offset += tree.feature.length;
  });
  return forest;
}

/** The mean of the trees' predictions for each row of the row-major n x p features. */
export function predictForest(forest: FlatForest, values: Float64Array, n: number): Float64Array {
  const { p, roots, feature, right, value } = forest;
  const sum = new Float64Array(n);
  for (const root of roots) {
    for (let i = 0; i < n; i++) {
      let node = root;
      let f = feature[node]!;
      while (f >= 0) {
        node = values[i * p + f]! <= value[node]! ? node + 1 : right[node]!;
        f = feature[node]!;
      }
      sum[i] = sum[i]! + value[node]!;
    }
  }
  return sum.map((s) => s / roots.length);
}

export function forestToJSON(forest: FlatForest): Record<string, unknown> {
  return {
    p: forest.p,
    roots: int32ToBase64(forest.roots),
    feature: int32ToBase64(forest.feature),
    right: int32ToBase64(forest.right),
    value: float64ToBase64(forest.value),
  };
}

/** Decodes and checks the structure, so that a damaged file fails here and not as an endless walk in predict. */
export function forestFromJSON(json: Record<string, unknown>): FlatForest {
  const what = 'forest learner JSON';
  const p = json.p;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1) throw new Error(`${what}: p must be a positive integer`);
  const forest: FlatForest = {
    p,
    roots: int32FromBase64(json.roots, `${what} roots`),
    feature: int32FromBase64(json.feature, `${what} feature`),
    right: int32FromBase64(json.right, `${what} right`),
    value: float64FromBase64(json.value, `${what} value`),
  };
  const total = forest.feature.length;
  if (forest.right.length !== total || forest.value.length !== total) {
    throw new Error(`${what}: node arrays differ in length`);
  }
  if (forest.roots.length === 0 || forest.roots.some((r) => !(r >= 0 && r < total))) {
    throw new Error(`${what}: bad roots`);
  }
  for (let k = 0; k < total; k++) {
    const f = forest.feature[k]!;
    const r = forest.right[k]!;
    // Children after their parent make every walk end.
    const ok = f === -1 ? r === -1 : f >= 0 && f < p && r > k + 1 && r < total;
    if (!ok) throw new Error(`${what}: node ${k} is malformed`);
  }
  return forest;
}
