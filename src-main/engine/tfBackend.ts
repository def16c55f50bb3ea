// Picks the TensorFlow.js backend at run time: tfjs-node's native TensorFlow where the optional dependency installed,
// else wasm or cpu (pure JavaScript). The native addon needs a download that fails on offline machines, so it is an
// optionalDependency and its absence is reported, not fatal.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TfBackend } from '../../src-shared/api.ts';

type Tf = typeof import('@tensorflow/tfjs');

export interface LoadedTf {
  tf: Tf;
  backend: TfBackend;
}

let loading: Promise<LoadedTf> | undefined;

/** Load TensorFlow.js once per process with the best backend available. `prefer` forces a fallback backend. */
export function loadTf(prefer?: 'wasm' | 'cpu'): Promise<LoadedTf> {
  loading ??= selectBackend(prefer);
  return loading;
}

async function selectBackend(prefer?: 'wasm' | 'cpu'): Promise<LoadedTf> {
  if (!prefer) {
    try {
      const tf = (await import(/* @vite-ignore */ '@tensorflow/tfjs-node' as string)) as Tf;
      return { tf, backend: { name: 'tensorflow', reason: 'native TensorFlow (tfjs-node) loaded' } };
    } catch {
      // fall through: the optional native addon is not installed on this machine
    }
  }
  const tf = await import('@tensorflow/tfjs');
  const why = 'tfjs-node is not installed on this machine';
  // The small dense nets of the paper train faster on the cpu backend than on wasm (measured in STACK.md), so cpu is
  // the default fallback; wasm is used when asked for.
  if (prefer === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
    if (await tf.setBackend('wasm')) return { tf, backend: { name: 'wasm', reason: `${why}; wasm requested` } };
  }
  await tf.setBackend('cpu');
  return { tf, backend: { name: 'cpu', reason: `${why}; using the pure-JavaScript cpu backend` } };
}
