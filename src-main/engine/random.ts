// Seeded pseudo-random numbers for everything the engine randomises (simulation, folds, learner initialisation),
// so that the same seed gives the same numbers on every machine. xoshiro128** (Blackman & Vigna) with splitmix32 seeding.

export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
  /** Integer uniform on [min, max]. */
  integer(min: number, max: number): number;
}

export function makeRandom(seed: number): Random {
  let x = seed >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = new Uint32Array([splitmix(), splitmix(), splitmix(), splitmix()]);
  const rotl = (v: number, k: number) => (v << k) | (v >>> (32 - k));
  let spare: number | undefined;

  const nextUint = () => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  // 53 random bits, so that every double in [0, 1) on the 2^-53 grid can occur.
  const next = () => ((nextUint() >>> 5) * 67108864 + (nextUint() >>> 6)) / 9007199254740992;

  return {
    next,
    normal() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      let u: number, v: number, r: number;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        r = u * u + v * v;
      } while (r >= 1 || r === 0);
      const f = Math.sqrt((-2 * Math.log(r)) / r);
      spare = v * f;
      return u * f;
    },
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
