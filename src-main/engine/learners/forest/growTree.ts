// One CART regression tree on a weighted (bootstrap) sample, grown depth-first as scikit-learn's DecisionTreeRegressor
// does: at each node the split of largest variance reduction over the candidate features, at midpoints between
// consecutive distinct values. Each node's rows are kept sorted by every feature, so that finding a split is a linear
// scan and splitting a node a stable partition, never a sort.
import type { Random } from '../../random.ts';
import type { PresortedFeatures } from './presort.ts';

export interface TreeSettings {
  /** Depth of the deepest split; Infinity for none. */
  maxDepth: number;
  /** A node with fewer distinct sample rows is a leaf (scikit-learn counts rows, not bootstrap weight). */
  minSamplesSplit: number;
  /** Each child keeps at least this many distinct sample rows. */
  minSamplesLeaf: number;
  /** Features drawn per node; with all of them the tree is random only through its sample. */
  mtry: number;
}

/**
 * A tree in preorder: the left child of node k is node k + 1, so only the right child is stored. For a split node,
 * value is the threshold (rows with x[feature] <= value go left); for a leaf (feature -1), value is its prediction.
 */
export interface FlatTree {
  feature: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

interface Split {
  candidate: number;
  leftCount: number;
  threshold: number;
}

/** Grows trees on one data set; holds the work arrays so that the trees of a forest reuse them. */
export class TreeGrower {
  private readonly n: number;
  private readonly p: number;
  /** The features that vary over the data, the only ones that can split; candidateOf[f] is f's index or -1. */
  private readonly candidates: Int32Array;
  private readonly candidateOf: Int32Array;
  /** Per candidate c, the sample rows in ascending order of its feature, node by node: lists[c * n + k]. */
  private readonly lists: Int32Array;
  private readonly spill: Int32Array;
  private readonly goesLeft: Uint8Array;
  /** A permutation of the features, drawn from by partial Fisher-Yates shuffles when mtry < p. */
  private readonly drawOrder: Int32Array;
  private readonly stack: Int32Array;
  private readonly feature: Int32Array;
  private readonly right: Int32Array;
  private readonly value: Float64Array;

  constructor(
    private readonly data: PresortedFeatures,
    private readonly y: Float64Array,
    private readonly settings: TreeSettings,
  ) {
    const { n, p } = data;
    this.n = n;
    this.p = p;
    this.candidates = Int32Array.from(data.constant.keys()).filter((f) => data.constant[f] === 0);
    this.candidateOf = new Int32Array(p).fill(-1);
    this.candidates.forEach((f, c) => (this.candidateOf[f] = c));
    this.lists = new Int32Array(this.candidates.length * n);
    this.spill = new Int32Array(n);
    this.goesLeft = new Uint8Array(n);
    this.drawOrder = Int32Array.from({ length: p }, (_, f) => f);
    this.stack = new Int32Array(4 * (n + 1));
    const capacity = Math.max(1, 2 * n - 1);
    this.feature = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
  }

  /** A tree on the rows with positive weight, each counted with its weight (a bootstrap multiplicity). */
  grow(weight: Float64Array, random: Random): FlatTree {
    const { n, lists, candidates, stack } = this;
    let m = 0;
    for (let c = 0; c < candidates.length; c++) {
      const f = candidates[c]!;
      m = 0;
      for (const row of this.data.order.subarray(f * n, (f + 1) * n)) if (weight[row]! > 0) lists[c * n + m++] = row;
    }
    if (candidates.length === 0) return this.singleLeaf(weight);

    let top = 0;
    const push = (start: number, end: number, depth: number, rightOf: number) => {
      stack[top++] = start;
      stack[top++] = end;
      stack[top++] = depth;
      stack[top++] = rightOf;
    };
    push(0, m, 0, -1);
    let count = 0;
    while (top > 0) {
      const rightOf = stack[--top]!;
      const depth = stack[--top]!;
      const end = stack[--top]!;
      const start = stack[--top]!;
      const node = count++;
      if (rightOf >= 0) this.right[rightOf] = node;
      const split = this.stopsHere(start, end, depth) ? undefined : this.bestSplit(start, end, weight, random);
      if (!split) {
        this.feature[node] = -1;
        this.right[node] = -1;
        this.value[node] = this.mean(start, end, weight);
        continue;
      }
      this.feature[node] = candidates[split.candidate]!;
      this.value[node] = split.threshold;
      this.partition(start, end, split);
      // Pushed right first so that the left child is popped next and numbered node + 1.
      push(start + split.leftCount, end, depth + 1, node);
      push(start, start + split.leftCount, depth + 1, -1);
    }
    return {
      feature: this.feature.slice(0, count),
      right: this.right.slice(0, count),
      value: this.value.slice(0, count),
    };
  }

  private singleLeaf(weight: Float64Array): FlatTree {
    let w = 0;
    let s = 0;
    for (let i = 0; i < this.n; i++) {
      w += weight[i]!;
      s += weight[i]! * this.y[i]!;
    }
    return { feature: Int32Array.of(-1), right: Int32Array.of(-1), value: Float64Array.of(s / w) };
  }

  /**
   * scikit-learn's stopping rules; "pure" is all responses equal, where scikit-learn tests a rounded variance against
   * machine epsilon. The node's rows are read from the first candidate's list (every list holds the same rows).
   */
  private stopsHere(start: number, end: number, depth: number): boolean {
    const size = end - start;
    const { maxDepth, minSamplesSplit, minSamplesLeaf } = this.settings;
    if (depth >= maxDepth || size < minSamplesSplit || size < 2 * minSamplesLeaf) return true;
    const first = this.y[this.lists[start]!];
    for (let k = start + 1; k < end; k++) if (this.y[this.lists[k]!] !== first) return false;
    return true;
  }

  private mean(start: number, end: number, weight: Float64Array): number {
    let w = 0;
    let s = 0;
    for (let k = start; k < end; k++) {
      const row = this.lists[k]!;
      w += weight[row]!;
      s += weight[row]! * this.y[row]!;
    }
    return s / w;
  }

  /**
   * The split maximising scikit-learn's proxy of the variance reduction, S_L^2 / W_L + S_R^2 / W_R (weighted sums of y
   * and weights of the two children). With mtry < p, features are drawn without replacement until mtry are drawn and
   * at least one of them varies in the node, as scikit-learn's BestSplitter does; with all features they are tried in
   * column order and a tie goes to the first.
   */
  private bestSplit(start: number, end: number, weight: Float64Array, random: Random): Split | undefined {
    const { n, p, lists, candidates, candidateOf, drawOrder, y } = this;
    const { mtry, minSamplesLeaf } = this.settings;
    const columns = this.data.columns;
    const size = end - start;
    let W = 0;
    let S = 0;
    for (let k = start; k < end; k++) {
      const row = lists[k]!;
      W += weight[row]!;
      S += weight[row]! * y[row]!;
    }
    let best: Split | undefined;
    let bestProxy = -Infinity;
    let varying = 0;
    for (let drawn = 0; drawn < p && (drawn < mtry || varying === 0); drawn++) {
      if (mtry < p) {
        const j = random.integer(drawn, p - 1);
        [drawOrder[drawn], drawOrder[j]] = [drawOrder[j]!, drawOrder[drawn]!];
      }
      const c = candidateOf[drawOrder[drawn]!]!;
      if (c < 0) continue;
      const base = c * n;
      const column = columns.subarray(candidates[c]! * n, (candidates[c]! + 1) * n);
      if (column[lists[base + start]!] === column[lists[base + end - 1]!]) continue;
      varying++;
      let wl = 0;
      let sl = 0;
      for (let k = start; k < end - 1; k++) {
        const row = lists[base + k]!;
        wl += weight[row]!;
        sl += weight[row]! * y[row]!;
        const x = column[row]!;
        const next = column[lists[base + k + 1]!]!;
        if (next === x) continue;
        const leftCount = k - start + 1;
        if (leftCount < minSamplesLeaf || size - leftCount < minSamplesLeaf) continue;
        const sr = S - sl;
        const proxy = (sl * sl) / wl + (sr * sr) / (W - wl);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          const mid = x / 2 + next / 2;
          best = { candidate: c, leftCount, threshold: mid === next ? x : mid };
        }
      }
    }
    return best;
  }

  /** Splits the node's rows in every candidate's list into left then right, each part keeping its order. */
  private partition(start: number, end: number, split: Split): void {
    const { n, lists, goesLeft, spill } = this;
    const splitBase = split.candidate * n;
    const middle = start + split.leftCount;
    for (let k = start; k < end; k++) goesLeft[lists[splitBase + k]!] = k < middle ? 1 : 0;
    for (let c = 0; c < this.candidates.length; c++) {
      if (c === split.candidate) continue;
      const base = c * n;
      let left = base + start;
      let spilled = 0;
      for (let k = base + start; k < base + end; k++) {
        const row = lists[k]!;
        if (goesLeft[row]) lists[left++] = row;
        else spill[spilled++] = row;
      }
      lists.set(spill.subarray(0, spilled), left);
    }
  }
}
