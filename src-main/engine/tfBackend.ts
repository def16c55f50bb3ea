// Picks the TensorFlow.js backend at run time: tfjs-node's native TensorFlow where the optional dependency installed,
// else wasm or cpu (pure JavaScript), whichever is faster for the net. The native addon needs a download that fails on
// offline machines, so it is an optionalDependency and its absence is reported, not fatal.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TfBackend } from '../../src-shared/api.ts';

type Tf = typeof import('@tensorflow/tfjs');

export interface LoadedTf {
  tf: Tf;
  backend: TfBackend;
}

/** The backend to use when tfjs-node is not installed, and why. */
export interface Fallback {
  name: 'wasm' | 'cpu';
  why: string;
}

const NO_NATIVE = 'tfjs-node is not installed on this machine';

/**
 * Dense nets up to this many multiply-adds per row (one forward pass) train at least as fast on the cpu backend as on
 * wasm; bigger ones train faster on wasm. Measured with the training step of denseStack.ts, batch 32, N 5703, both
 * backends alternating in one process on 2 busy cores, median ms per batch cpu / wasm: Dense(1) on 13 inputs (13
 * multiply-adds) 0.15 / 0.21; [5, 2] on 13 (77) 0.26 / 0.26; [8, 4] (140) 0.40 / 0.31; [16, 8] (344) 0.46 / 0.24;
 * [32, 32] (1472) 1.25 / 0.37; Dense(1) on 213 inputs (213) 0.52 / 0.29; [5, 2] on 213 (1077) 1.28 / 0.43. Small nets
 * are bound by the per-op overhead, where plain JavaScript is a little lighter; wasm's SIMD kernels win as soon as
 * the matrix products count.
 */
export const CPU_MAX_MULTIPLY_ADDS = 100;

/** The faster fallback for a dense net of the given size (CPU_MAX_MULTIPLY_ADDS). */
export function denseNetFallback(multiplyAddsPerRow: number): Fallback {
  return multiplyAddsPerRow <= CPU_MAX_MULTIPLY_ADDS
    ? { name: 'cpu', why: `cpu, faster than wasm for a net of ${multiplyAddsPerRow} multiply-adds per row` }
    : { name: 'wasm', why: `wasm, faster than cpu for a net of ${multiplyAddsPerRow} multiply-adds per row` };
}

let native: Promise<Tf | undefined> | undefined;
let wasmReady: Promise<void> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * TensorFlow.js with the best backend available: tfjs-node's native TensorFlow where it loads, else `fallback` (a
 * caller without one keeps the fallback already in use, or gets cpu). `prefer` forces wasm or cpu. TensorFlow.js has
 * one active backend per process: a call that needs another switches it, and tensors made on the previous backend move
 * over when next used. Calls are serialised so that concurrent callers never race on the switch.
 */
export function loadTf(prefer?: 'wasm' | 'cpu', fallback?: Fallback): Promise<LoadedTf> {
  const next = queue.then(() => selectBackend(prefer, fallback));
  queue = next.catch(() => undefined);
  return next;
}

async function selectBackend(prefer: 'wasm' | 'cpu' | undefined, fallback: Fallback | undefined): Promise<LoadedTf> {
  if (!prefer) {
    const tf = await (native ??= importNative());
    if (tf) {
      await activate(tf, 'tensorflow');
      return { tf, backend: { name: 'tensorflow', reason: 'native TensorFlow (tfjs-node) loaded' } };
    }
  }
  const tf = await import('@tensorflow/tfjs');
  // Without tfjs-node the cpu backend prints a banner asking to install it; the reason below says so instead.
  tf.enableProdMode();
  const active = tf.getBackend();
  const chosen: Fallback =
    fallback ??
    (active === 'cpu' || active === 'wasm'
      ? { name: active, why: `${active}, already in use in this process` }
      : { name: 'cpu', why: 'the pure-JavaScript cpu backend' });
  const name = prefer ?? chosen.name;
  if (name === 'wasm') {
    wasmReady ??= setWasmPaths();
    await wasmReady;
  }
  await activate(tf, name);
  const reason = prefer ? `${NO_NATIVE} or not wanted; ${name} requested` : `${NO_NATIVE}; using ${chosen.why}`;
  return { tf, backend: { name, reason } };
}

async function importNative(): Promise<Tf | undefined> {
  try {
    return (await import(/* @vite-ignore */ '@tensorflow/tfjs-node' as string)) as Tf;
  } catch {
    return undefined; // the optional native addon is not installed on this machine
  }
}

async function setWasmPaths(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
}

async function activate(tf: Tf, name: string): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`TensorFlow.js: the ${name} backend failed to initialise`);
}
