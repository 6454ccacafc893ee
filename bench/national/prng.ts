// A small seeded pseudo-random generator, so that the synthetic dataset is the same on every machine for
// the same seed. Math.random cannot be seeded; sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
// as used by PractRand) is fast, passes the usual statistical batteries and needs no dependency.
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Log-normal with the given median and σ of the underlying normal. */
  logNormal(median: number, sigma: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** A key of weights, drawn in proportion to its weight; keys are tried in their listed order. */
  pick<K extends string>(weights: readonly (readonly [K, number])[]): K;
}

/** sfc32 state from one 32-bit seed, warmed up so that close seeds give unrelated streams. */
export function seededRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) u32();
  const next = () => u32() / 4294967296;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal() {
      // 1 − u keeps the logarithm's argument in (0, 1].
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    chance: (p) => next() < p,
    pick(weights) {
      let total = 0;
      for (const [, w] of weights) total += w;
      let x = next() * total;
      for (const [k, w] of weights) {
        x -= w;
        if (x < 0) return k;
      }
      return weights[weights.length - 1]![0];
    },
  };
  return rng;
}

/** Index into a cumulative weight array (non-decreasing, last = total) for a uniform u in [0, 1). */
export function searchCumulative(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
