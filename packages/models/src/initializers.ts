/**
 * Weight initializers over a seeded {@link Rng}: Glorot (Xavier) uniform for saturating
 * activations, He normal for the ReLU family, constants for biases and batch-norm scales.
 */
import type { Rng } from '@losslens/core';

/** How a parameter block starts. */
export type InitializerName = 'glorot-uniform' | 'he-normal' | 'zeros' | 'ones';

/** Fan-in and fan-out of a weight block (Keras convention: a conv kernel counts its receptive field). */
export interface Fans {
  fanIn: number;
  fanOut: number;
}

/**
 * Fills a new array of `size` values. Glorot uniform: U(±√(6/(fanIn+fanOut))); He normal:
 * N(0, 2/fanIn) (untruncated).
 * @example
 * const w = initialize('he-normal', 12, { fanIn: 4, fanOut: 3 }, createRng(0));
 */
export function initialize(name: InitializerName, size: number, fans: Fans, rng: Rng): Float32Array {
  const out = new Float32Array(size);
  switch (name) {
    case 'zeros':
      return out;
    case 'ones':
      return out.fill(1);
    case 'glorot-uniform': {
      const limit = Math.sqrt(6 / Math.max(1, fans.fanIn + fans.fanOut));
      for (let i = 0; i < size; i++) out[i] = (2 * rng.uniform() - 1) * limit;
      return out;
    }
    case 'he-normal': {
      const std = Math.sqrt(2 / Math.max(1, fans.fanIn));
      for (let i = 0; i < size; i++) out[i] = rng.normal() * std;
      return out;
    }
  }
}
