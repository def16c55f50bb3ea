import { describe, expect, it } from 'vitest';
import { CPU_MAX_MULTIPLY_ADDS, denseNetFallback, loadTf } from './tfBackend.ts';

describe('TensorFlow.js backend choice', () => {
  it('takes cpu for small dense nets and wasm for bigger ones', () => {
    expect(denseNetFallback(77).name).toBe('cpu');
    expect(denseNetFallback(CPU_MAX_MULTIPLY_ADDS).name).toBe('cpu');
    expect(denseNetFallback(CPU_MAX_MULTIPLY_ADDS + 1).name).toBe('wasm');
  });

  it('switches the process backend on request, and a caller without a preference keeps the active one', async () => {
    const wasm = await loadTf('wasm');
    expect(wasm.backend.name).toBe('wasm');
    expect(wasm.tf.getBackend()).toBe('wasm');
    const forced = await loadTf('cpu');
    expect(forced.tf.getBackend()).toBe('cpu');
    const auto = await loadTf(undefined, denseNetFallback(5000));
    // Where tfjs-node is installed, the native backend wins over any fallback.
    if (auto.backend.name === 'tensorflow') return;
    expect(auto.backend).toEqual({
      name: 'wasm',
      reason:
        'tfjs-node is not installed on this machine; using wasm, faster than cpu for a net of 5000 multiply-adds per row',
    });
    expect((await loadTf()).backend.name).toBe('wasm');
    // A tensor made on one backend is usable after a switch.
    const t = auto.tf.tensor1d([1, 2, 3]);
    await loadTf(undefined, denseNetFallback(10));
    expect(auto.tf.getBackend()).toBe('cpu');
    const doubled = t.mul(2);
    expect(Array.from(doubled.dataSync())).toEqual([2, 4, 6]);
    auto.tf.dispose([t, doubled]);
  });
});
