import type { Rng } from '@losslens/core';

/**
 * Shuffles group labels in place (Fisher–Yates with the given stream): one draw of a
 * permutation test's null.
 * @example
 * shuffleLabels(labels, createRng(1));
 */
export function shuffleLabels(labels: Uint8Array, rng: Rng): void {
  for (let i = labels.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = labels[i] as number;
    labels[i] = labels[j] as number;
    labels[j] = t;
  }
}
