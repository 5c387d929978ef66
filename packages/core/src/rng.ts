/**
 * Seeded random numbers. One seed reproduces a whole run: every consumer derives its own
 * stream with {@link Rng.fork} so adding a consumer does not shift the others.
 */

/** A deterministic random stream (SplitMix32 mixing of a 32-bit counter). */
export interface Rng {
  /** The seed this stream started from. */
  readonly seed: number;
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A new array with the elements of `items` in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** A permutation of 0..n-1. */
  permutation(n: number): number[];
  /** An independent stream for a named consumer, e.g. `rng.fork('init')`. */
  fork(label: string | number): Rng;
}

/**
 * Creates a seeded random stream.
 * @example
 * const rng = createRng(42);
 * rng.uniform(); // same value on every machine for seed 42
 */
export function createRng(seed: number): Rng {
  let state = (seed32(seed) ^ 0x9e3779b9) >>> 0;
  let spare: number | undefined;
  const next32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const uniform = (): number => next32() / 4294967296;
  const rng: Rng = {
    seed,
    uniform,
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = uniform();
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(uniform() * n);
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
    permutation(n: number) {
      return rng.shuffle(Array.from({ length: n }, (_, i) => i));
    },
    fork(label: string | number) {
      return createRng(hashSeed(seed, label));
    },
  };
  return rng;
}

/** Mixes a seed with a label into a new 32-bit seed (FNV-1a over the label's characters). */
export function hashSeed(seed: number, label: string | number): number {
  let h = (0x811c9dc5 ^ seed32(seed)) >>> 0;
  for (const ch of String(label)) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A seed as the 32 bits the streams start from. Seeds in [0, 2³²) are themselves; any other
 * safe integer (negative, or 2³² and above) mixes its high part in, so 2³² + k or k − 2³² does
 * not silently repeat seed k's stream. A non-integer seed is an error, not silently floored.
 * @example
 * seed32(7); // 7
 * seed32(2 ** 32) === seed32(0); // false
 */
export function seed32(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer (a safe one, |seed| < 2^53), got ${seed}`);
  const high = Math.floor(seed / 4294967296);
  const low = seed - high * 4294967296;
  if (high === 0) return low;
  let h = Math.imul(high ^ (high >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (low ^ h ^ (h >>> 16) ^ 0x5bd1e995) >>> 0;
}
