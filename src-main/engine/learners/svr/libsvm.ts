// Epsilon-SVR training by libsvm (libsvm-js, libsvm 3.22 compiled to WebAssembly): the solver scikit-learn's SVR
// wraps, so the fitted dual coefficients are scikit-learn's. Only training runs in wasm; prediction is rbfExpansion.ts.
import { createRequire } from 'node:module';

/** The fitted decision function f(x) = sum_s coef_s exp(-gamma |x - x_s|^2) - rho over the support vectors. */
export interface LibsvmSolution {
  /** Row indices (0-based, ascending) of the support vectors in the training data. */
  supportIndices: Int32Array;
  coef: Float64Array;
  rho: number;
}

export interface EpsilonSvrParameters {
  C: number;
  epsilon: number;
  gamma: number;
  cacheSize: number;
  tolerance: number;
  shrinking: boolean;
}

interface LibsvmModel {
  train(samples: ArrayLike<number>[], labels: ArrayLike<number>): void;
  predictOne(sample: number[]): number;
  getSVIndices(): number[];
  serializeModel(): string;
  free(): void;
}

interface LibsvmConstructor {
  new (options: Record<string, unknown>): LibsvmModel;
  SVM_TYPES: { EPSILON_SVR: string };
  KERNEL_TYPES: { RBF: string };
}

let loading: Promise<LibsvmConstructor> | undefined;

/** Loads the wasm build once per process. Its loader prints a harmless "wasm streaming compile failed" to stderr. */
function loadLibsvm(): Promise<LibsvmConstructor> {
  loading ??= (async () => {
    // The emscripten runtime installs a process-wide 'unhandledRejection' handler that exits the process silently
    // with code 1; it would turn any stray rejection anywhere in the app into a silent crash, so it is removed.
    const before = new Set(process.listeners('unhandledRejection'));
    const require = createRequire(import.meta.url);
    const SVM = await (require('libsvm-js') as Promise<LibsvmConstructor>);
    for (const listener of process.listeners('unhandledRejection')) {
      if (!before.has(listener)) process.off('unhandledRejection', listener);
    }
    return SVM;
  })();
  return loading;
}

/** Trains epsilon-SVR with the RBF kernel on row-major n x p features. Synchronous once libsvm is loaded. */
export async function trainEpsilonSvr(
  values: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  parameters: EpsilonSvrParameters,
): Promise<LibsvmSolution> {
  const SVM = await loadLibsvm();
  const svm = new SVM({
    type: SVM.SVM_TYPES.EPSILON_SVR,
    kernel: SVM.KERNEL_TYPES.RBF,
    cost: parameters.C,
    epsilon: parameters.epsilon,
    gamma: parameters.gamma,
    cacheSize: parameters.cacheSize,
    tolerance: parameters.tolerance,
    shrinking: parameters.shrinking,
    // Without it libsvm prints its iteration log to stdout, which is the CLI's JSON channel.
    quiet: true,
  });
  try {
    const rows = Array.from({ length: n }, (_, i) => values.subarray(i * p, (i + 1) * p));
    svm.train(rows, y);
    const supportIndices = Int32Array.from(svm.getSVIndices());
    const coef = parseCoefficients(svm.serializeModel(), supportIndices.length);
    // libsvm's model file prints rho with 6 digits only. At a point infinitely far from every support vector each
    // kernel value is exactly 0, so libsvm's own prediction there is exactly -rho.
    const rho = -svm.predictOne(new Array<number>(p).fill(1e200));
    return { supportIndices, coef, rho };
  } finally {
    svm.free();
  }
}

/**
 * The dual coefficients from libsvm's model text, in the order of the support vectors (ascending training index, the
 * order of getSVIndices). svm_save_model writes them with 17 significant digits, so they parse back exactly.
 */
function parseCoefficients(model: string, count: number): Float64Array {
  const lines = model.split('\n');
  const start = lines.indexOf('SV') + 1;
  if (start === 0) throw new Error('libsvm: model text without an SV section');
  const coef = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    const value = Number(lines[start + s]?.split(' ', 1)[0]);
    if (!Number.isFinite(value)) throw new Error(`libsvm: unreadable coefficient of support vector ${s + 1}`);
    coef[s] = value;
  }
  return coef;
}
