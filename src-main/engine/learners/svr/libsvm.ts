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

/**
 * The emscripten module of libsvm-js: its exported C functions (js-interfaces.c and libsvm) and its heap. A rebuild of
 * the package may change them, so package.json pins libsvm-js to 0.2.1 exactly.
 */
interface LibsvmModule {
  HEAP32: Int32Array;
  HEAPF64: Float64Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _create_svm_nodes(rows: number, columns: number): number;
  _free_problem(problem: number): void;
  _svm_free_model(model: number): void;
  _svm_get_nr_sv(model: number): number;
  _svm_get_sv_indices(model: number, out: number): void;
  _serialize_model(model: number): number;
  _libsvm_predict_one(model: number, values: number, size: number): number;
  cwrap(name: 'libsvm_train_problem', returns: 'number', args: ['number', 'string']): (p: number, c: string) => number;
  Pointer_stringify(pointer: number): string;
}

// libsvm's structs in wasm32: svm_problem { int l; double *y; svm_node **x } and svm_node { int index; double value }.
const PROBLEM_Y = 4;
const PROBLEM_X = 8;
const NODE_BYTES = 16;
const NODE_VALUE = 8;

let loading: Promise<{ module: LibsvmModule; train: (problem: number, command: string) => number }> | undefined;

/** Loads the wasm build once per process. Its loader prints a harmless "wasm streaming compile failed" to stderr. */
function loadLibsvm() {
  loading ??= (async () => {
    // The emscripten runtime installs a process-wide 'unhandledRejection' handler that exits the process silently
    // with code 1; it would turn any stray rejection anywhere in the app into a silent crash, so it is removed.
    const before = new Set(process.listeners('unhandledRejection'));
    const require = createRequire(import.meta.url);
    // The package's entry resolves once its module below has loaded.
    await (require('libsvm-js') as Promise<unknown>);
    const module = require('libsvm-js/out/wasm/libsvm') as LibsvmModule;
    for (const listener of process.listeners('unhandledRejection')) {
      if (!before.has(listener)) process.off('unhandledRejection', listener);
    }
    return { module, train: module.cwrap('libsvm_train_problem', 'number', ['number', 'string']) };
  })();
  return loading;
}

/**
 * Trains epsilon-SVR with the RBF kernel on row-major n x p features. Synchronous once libsvm is loaded.
 *
 * The rows are handed to libsvm in its sparse format, zeros left out (libsvm-js's own `train` writes every entry).
 * The kernel's sums are unchanged, since the left-out terms are exact zeros, but a row's cost is its non-zero count:
 * the hot baseline's one-hot cluster columns (200 on sim_nonlinear, one of them non-zero per row) made its fit 7 times
 * slower than the learner's with the 13 features alone.
 */
export async function trainEpsilonSvr(
  values: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  parameters: EpsilonSvrParameters,
): Promise<LibsvmSolution> {
  const { module, train } = await loadLibsvm();
  const problem = module._create_svm_nodes(n, p);
  let model = 0;
  try {
    writeProblem(module, problem, values, n, p, y);
    // Without -q libsvm prints its iteration log to stdout, which is the CLI's JSON channel. parse_command_line copies
    // the command into 256 bytes; this one is at most about 160.
    const command = [
      `-s 3 -t 2 -c ${parameters.C} -p ${parameters.epsilon} -g ${parameters.gamma}`,
      `-m ${parameters.cacheSize} -e ${parameters.tolerance} -h ${parameters.shrinking ? 1 : 0} -q 1`,
    ].join(' ');
    model = train(problem, command);
    const supportIndices = supportIndicesOf(module, model);
    const coef = parseCoefficients(readModelText(module, model), supportIndices.length);
    return { supportIndices, coef, rho: rhoOf(module, model, p) };
  } finally {
    if (model !== 0) module._svm_free_model(model);
    module._free_problem(problem);
  }
}

/** Fills the problem create_svm_nodes allocated (room for p + 1 nodes per row): non-zero entries, then index -1. */
function writeProblem(
  module: LibsvmModule,
  problem: number,
  values: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
) {
  // Read after the allocation: a growing wasm memory replaces the heap views.
  const heap32 = module.HEAP32;
  const heapF64 = module.HEAPF64;
  const yAt = heap32[(problem + PROBLEM_Y) >> 2]! >> 3;
  const rowsAt = heap32[(problem + PROBLEM_X) >> 2]! >> 2;
  for (let i = 0; i < n; i++) {
    let node = heap32[rowsAt + i]!;
    for (let j = 0; j < p; j++) {
      const v = values[i * p + j]!;
      if (v === 0) continue;
      heap32[node >> 2] = j + 1;
      heapF64[(node + NODE_VALUE) >> 3] = v;
      node += NODE_BYTES;
    }
    heap32[node >> 2] = -1;
    heapF64[yAt + i] = y[i]!;
  }
}

function supportIndicesOf(module: LibsvmModule, model: number): Int32Array {
  const count = module._svm_get_nr_sv(model);
  const out = module._malloc(Math.max(count, 1) * 4);
  try {
    module._svm_get_sv_indices(model, out);
    // libsvm numbers the rows from 1.
    return Int32Array.from(module.HEAP32.subarray(out >> 2, (out >> 2) + count), (i) => i - 1);
  } finally {
    module._free(out);
  }
}

function readModelText(module: LibsvmModule, model: number): string {
  const text = module._serialize_model(model);
  if (text === 0) throw new Error('libsvm: could not write the model text');
  try {
    return module.Pointer_stringify(text);
  } finally {
    module._free(text);
  }
}

/**
 * libsvm's model file prints rho with 6 digits only. At a point infinitely far from every support vector each kernel
 * value is exactly 0, so libsvm's own prediction there is exactly -rho.
 */
function rhoOf(module: LibsvmModule, model: number, p: number): number {
  const far = module._malloc(p * 8);
  try {
    module.HEAPF64.fill(1e200, far >> 3, (far >> 3) + p);
    return -module._libsvm_predict_one(model, far, p);
  } finally {
    module._free(far);
  }
}

/**
 * The dual coefficients from libsvm's model text, in the order of the support vectors (ascending training index, the
 * order of svm_get_sv_indices). svm_save_model writes them with 17 significant digits, so they parse back exactly.
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
