import { createRng } from '@losslens/core';
import { describe, expect, it } from 'vitest';
import { stratifiedOrder } from './stratified-order.js';

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('stratifiedOrder', () => {
  it('is a permutation whose every prefix keeps class shares within one row', () => {
    const labels = [...Array(60).fill(0), ...Array(30).fill(1), ...Array(10).fill(2)];
    const order = stratifiedOrder(labels, createRng(3));
    expect(sorted(order)).toEqual(range(100));
    for (let m = 1; m <= 100; m++) {
      const counts = [0, 0, 0];
      for (const i of order.slice(0, m)) counts[labels[i] as number]! += 1;
      [0.6, 0.3, 0.1].forEach((share, c) => expect(Math.abs((counts[c] as number) - share * m)).toBeLessThanOrEqual(1));
    }
  });
});
