import { describe, expect, it } from 'vitest';
import { makeRandom } from './random.ts';

describe('makeRandom', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = makeRandom(42);
    const b = makeRandom(42);
    const c = makeRandom(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
  });

  it('draws uniforms on [0, 1) and normals with mean 0 and variance 1', () => {
    const r = makeRandom(7);
    const n = 200_000;
    let su = 0;
    let sz = 0;
    let szz = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const z = r.normal();
      sz += z;
      szz += z * z;
    }
    // Sampling error of the mean is 1/sqrt(12 n) ~ 0.00065 for uniforms and 1/sqrt(n) ~ 0.0022 for normals: 5 SE.
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(sz / n)).toBeLessThan(0.011);
    expect(Math.abs(szz / n - 1)).toBeLessThan(0.016);
  });

  it('draws integers over the whole closed range', () => {
    const r = makeRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(r.integer(22, 35));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, k) => 22 + k));
  });
});
