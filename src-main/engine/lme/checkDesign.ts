// Checks that an LME design can be fitted at all, with messages that name the offending column: X must have full
// column rank (R_X'R_X is then positive definite for every theta) and more rows than columns.
import { choleskyInPlace } from '../linalg/cholesky.ts';
import type { ClusterBlocks } from './clusterBlocks.ts';

/** Squared share of a column left after projecting out the columns before it, below which it counts as dependent. */
const collinearity = 1e-10;

export function checkDesign(blocks: ClusterBlocks, xNames: string[]): void {
  const { n, p, q, J, XtX } = blocks;
  if (q < 1) throw new Error('the model has no random effects: add a random intercept or slope');
  if (J < 1) throw new Error('the model has no clusters');
  if (n <= p) throw new Error(`${n} rows are not enough for ${p} fixed effects`);
  for (let k = 1; k <= p; k++) {
    // Leading k x k block of X'X: L_kk^2 / (X'X)_kk is the share of column k not explained by the columns before it.
    const lead = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let c = 0; c < k; c++) lead[i * k + c] = XtX[i * p + c]!;
    const diag = XtX[(k - 1) * p + k - 1]!;
    const ok = choleskyInPlace(lead, k) && lead[k * k - 1]! ** 2 > collinearity * diag;
    if (!ok) {
      const name = xNames[k - 1] ?? `column ${k}`;
      throw new Error(
        diag === 0
          ? `the fixed effect '${name}' is zero in every row`
          : `the fixed effect '${name}' is a linear combination of the fixed effects before it`,
      );
    }
  }
}
