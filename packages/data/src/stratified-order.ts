import type { Rng } from '@losslens/core';

/**
 * A random order of rows in which every prefix is (nearly) stratified: each class's share of
 * the first `m` rows is within about one row of its share of all rows. Rows of a class are
 * shuffled, the class's `k`-th row gets the key `(k + o) / size` (with a random offset
 * `o ∈ [0, 1)` per class), and rows are sorted by key. Taking prefixes of this order gives
 * stratified holdout splits and stratified subsets.
 * @example
 * const order = stratifiedOrder([0, 0, 0, 1], createRng(1)); // the 1 lands in the first half
 */
export function stratifiedOrder(labels: ArrayLike<number>, rng: Rng): number[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    const members = byClass.get(label);
    if (members === undefined) byClass.set(label, [i]);
    else members.push(i);
  }
  const keyed: { index: number; key: number }[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = rng.shuffle(byClass.get(label) as number[]);
    const offset = rng.uniform();
    members.forEach((index, k) => keyed.push({ index, key: (k + offset) / members.length }));
  }
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  return keyed.map((entry) => entry.index);
}
