// The one sort a forest needs: every feature's rows in ascending order, computed once per fit and shared by all trees,
// which then find their splits by linear scans (STACK.md: the npm forests re-sort at every node and are 100x slower).

export interface PresortedFeatures {
  n: number;
  p: number;
  /** Column-major copy of the features: feature f of row i is columns[f * n + i]. */
  columns: Float64Array;
  /** order[f * n + k] is the row with the k-th smallest value of feature f (ties in row order). */
  order: Int32Array;
  /** 1 for a feature with one value in all rows: it can never split and is skipped. */
  constant: Uint8Array;
}

/** Sorts the row-major n x p features; throws on a missing (NaN) or infinite value, which has no place in an order. */
export function presortFeatures(values: Float64Array, n: number, p: number): PresortedFeatures {
  const columns = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < p; f++) {
      const v = values[i * p + f]!;
      if (!Number.isFinite(v)) throw new Error(`forest learner: feature ${f + 1} of row ${i + 1} is ${v}`);
      columns[f * n + i] = v;
    }
  }
  const order = new Int32Array(n * p);
  const constant = new Uint8Array(p);
  for (let f = 0; f < p; f++) {
    const column = columns.subarray(f * n, (f + 1) * n);
    const rows = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => column[a]! - column[b]! || a - b);
    order.set(rows, f * n);
    constant[f] = column[rows[0]!] === column[rows[n - 1]!] ? 1 : 0;
  }
  return { n, p, columns, order, constant };
}
