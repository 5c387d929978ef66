/**
 * Float64 vector helpers for the iterative eigensolvers (the tensors stay float32; the
 * Krylov bases, dot products and orthogonalizations run in float64 in JavaScript).
 */
import type { Rng } from '@losslens/core';

/** Σ a_i b_i in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** The Euclidean norm ‖a‖₂. */
export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** y ← y + αx, in place; returns y. */
export function axpy(alpha: number, x: ArrayLike<number>, y: Float64Array): Float64Array {
  for (let i = 0; i < y.length; i++) y[i] = (y[i] as number) + alpha * (x[i] as number);
  return y;
}

/** x / ‖x‖ as a new array (zeros stay zeros). */
export function normalized(x: ArrayLike<number>): Float64Array {
  const n = norm(x);
  return Float64Array.from(x, (v) => (n > 0 ? v / n : 0));
}

/** A vector of independent ±1 entries (Rademacher). */
export function rademacher(length: number, rng: Rng): Float64Array {
  return Float64Array.from({ length }, () => (rng.uniform() < 0.5 ? -1 : 1));
}

/** A vector of independent standard normal entries. */
export function gaussian(length: number, rng: Rng): Float64Array {
  return Float64Array.from({ length }, () => rng.normal());
}

/**
 * Removes from `w` its components along the orthonormal `basis` vectors (classical
 * Gram–Schmidt, run twice: "twice is enough" for full reorthogonalization). In place.
 */
export function orthogonalize(w: Float64Array, basis: readonly Float64Array[]): Float64Array {
  for (let pass = 0; pass < 2; pass++) {
    const coefficients = basis.map((q) => dot(q, w));
    basis.forEach((q, k) => axpy(-(coefficients[k] as number), q, w));
  }
  return w;
}

/** The largest |x_i|. */
export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] as number));
  return m;
}
