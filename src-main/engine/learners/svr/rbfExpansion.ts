// Prediction of a fitted RBF support vector regression in plain JavaScript, the sum libsvm's svm_predict computes
// (same kernel formula, same order of terms), so a saved model predicts without loading wasm.

export interface RbfExpansion {
  gamma: number;
  /** Row-major nSupport x p. */
  supportVectors: Float64Array;
  coef: Float64Array;
  rho: number;
  p: number;
}

/** f(x) = sum_s coef_s exp(-gamma |x - x_s|^2) - rho for every row of the row-major n x p matrix. */
export function predictRbf(model: RbfExpansion, values: Float64Array, n: number): Float64Array {
  const { gamma, supportVectors, coef, rho, p } = model;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = i * p;
    let sum = 0;
    for (let s = 0; s < coef.length; s++) {
      const v = s * p;
      let d2 = 0;
      for (let k = 0; k < p; k++) {
        const d = values[x + k]! - supportVectors[v + k]!;
        d2 += d * d;
      }
      sum += coef[s]! * Math.exp(-gamma * d2);
    }
    out[i] = sum - rho;
  }
  return out;
}
