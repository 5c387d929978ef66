import type { Rng } from '@losslens/core';

/**
 * A Gamma(shape, 1) draw (Marsaglia & Tsang 2000; for shape < 1 the boost
 * `Gamma(shape + 1) · U^(1/shape)`), from a seeded stream.
 * @example
 * sampleGamma(2, createRng(1)); // mean 2, variance 2 over many draws
 */
export function sampleGamma(shape: number, rng: Rng): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) {
    let u = rng.uniform();
    while (u === 0) u = rng.uniform();
    return sampleGamma(shape + 1, rng) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A Beta(a, b) draw as `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`.
 * @example
 * sampleBeta(0.4, 0.4, createRng(1)); // mixup's λ
 */
export function sampleBeta(a: number, b: number, rng: Rng): number {
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x + y === 0 ? 0.5 : x / (x + y);
}
