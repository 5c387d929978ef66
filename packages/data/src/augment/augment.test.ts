import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Batch } from '@losslens/core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { describe, expect, it } from 'vitest';
import { gaussianNoise } from './gaussian-noise.js';
import { horizontalFlip } from './horizontal-flip.js';
import { mixup } from './mixup.js';
import { randomTranslate } from './random-translate.js';
import { tabularNoise } from './tabular-noise.js';

/** Values of image i at (r, s, c) in a [b, h, w, c] row-major array. */
const at = (values: ArrayLike<number>, [, h, w, c]: number[], i: number, r: number, s: number, ch: number) =>
  values[((i * (h as number) + r) * (w as number) + s) * (c as number) + ch] as number;

function imageBatch(b: number, h: number, w: number, c: number, seed: number): Batch {
  const rng = createRng(seed);
  return {
    x: tf.tensor4d(Float32Array.from({ length: b * h * w * c }, () => rng.uniform()), [b, h, w, c]),
    y: tf.tensor2d(Float32Array.from({ length: b * 3 }, (_, k) => (k % 3 === 0 ? 1 : 0)), [b, 3]),
  };
}

describeBackends('augmentations', () => {
  describe('horizontalFlip', () => {
    it('probability 1 mirrors every image along its width (reference: index arithmetic), labels kept', async () => {
      const batch = imageBatch(3, 2, 3, 2, 1);
      const out = horizontalFlip({ probability: 1 })(batch, createRng(1));
      const x = await batch.x.data();
      const flipped = await out.x.data();
      const shape = [3, 2, 3, 2];
      for (let i = 0; i < 3; i++)
        for (let r = 0; r < 2; r++)
          for (let s = 0; s < 3; s++)
            for (let c = 0; c < 2; c++) expect(at(flipped, shape, i, r, s, c)).toBe(at(x, shape, i, r, 2 - s, c));
      expect(Array.from(await out.y.data())).toEqual(Array.from(await batch.y.data()));
      expect(out.y).not.toBe(batch.y);
      tf.dispose([batch.x, batch.y, out.x, out.y]);
    });

    it('probability 0.5 flips about half the images, the same ones for the same seed', async () => {
      await expectNoLeaks(async () => {
        const batch = imageBatch(200, 1, 2, 1, 2);
        const a = horizontalFlip()(batch, createRng(4));
        const b = horizontalFlip()(batch, createRng(4));
        const x = await batch.x.data();
        const ax = await a.x.data();
        expect(Array.from(await b.x.data())).toEqual(Array.from(ax));
        let flips = 0;
        for (let i = 0; i < 200; i++) if (ax[2 * i] === x[2 * i + 1] && ax[2 * i] !== x[2 * i]) flips++;
        expect(flips).toBeGreaterThan(70);
        expect(flips).toBeLessThan(130);
        tf.dispose([batch.x, batch.y, a.x, a.y, b.x, b.y]);
      });
    });

    it('table batches and bad probabilities are input errors', () => {
      const batch = { x: tf.zeros([2, 3]), y: tf.zeros([2, 1]) };
      expect(() => horizontalFlip()(batch, createRng(1))).toThrow(
        'horizontal flip needs image batches [batch, height, width, channels]; got shape [2, 3] (for tables use tabular noise)',
      );
      expect(() => horizontalFlip({ probability: 2 })).toThrow('horizontal flip: probability must be a number in [0, 1], got 2');
      tf.dispose([batch.x, batch.y]);
    });
  });

  describe('randomTranslate', () => {
    it('moves each image by a seeded (dy, dx) within ±maxShift, filling with `fill` (reference: JS shift)', async () => {
      const b = 40;
      const [h, w] = [7, 7];
      const rng = createRng(3);
      // channel 0: random picture; channel 1: a single 1 at the centre, which reveals each shift
      const values = new Float32Array(b * h * w * 2);
      for (let i = 0; i < b; i++)
        for (let r = 0; r < h; r++)
          for (let s = 0; s < w; s++) {
            values[((i * h + r) * w + s) * 2] = rng.uniform();
            values[((i * h + r) * w + s) * 2 + 1] = r === 3 && s === 3 ? 1 : 0;
          }
      const batch = { x: tf.tensor4d(values, [b, h, w, 2]), y: tf.zeros([b, 1]) };
      const out = randomTranslate({ maxShift: 2, fill: 0.25 })(batch, createRng(9));
      expect(out.x.shape).toEqual([b, h, w, 2]);
      const moved = await out.x.data();
      const shape = [b, h, w, 2];
      const offsets = new Set<string>();
      for (let i = 0; i < b; i++) {
        let dy = NaN;
        let dx = NaN;
        for (let r = 0; r < h; r++) for (let s = 0; s < w; s++) if (at(moved, shape, i, r, s, 1) === 1) [dy, dx] = [r - 3, s - 3];
        expect(Math.abs(dy)).toBeLessThanOrEqual(2);
        expect(Math.abs(dx)).toBeLessThanOrEqual(2);
        offsets.add(`${dy},${dx}`);
        for (let r = 0; r < h; r++)
          for (let s = 0; s < w; s++) {
            const [sr, ss] = [r - dy, s - dx];
            const inside = sr >= 0 && sr < h && ss >= 0 && ss < w;
            const expected = inside ? at(values, shape, i, sr, ss, 0) : 0.25;
            expect(at(moved, shape, i, r, s, 0)).toBe(expected);
          }
      }
      expect(offsets.size).toBeGreaterThan(12); // 25 possible offsets
      tf.dispose([batch.x, batch.y, out.x, out.y]);
    });

    it('maxShift 0 is the identity; the same seed gives the same shifts', async () => {
      const batch = imageBatch(4, 5, 5, 1, 6);
      const same = randomTranslate({ maxShift: 0 })(batch, createRng(1));
      expect(Array.from(await same.x.data())).toEqual(Array.from(await batch.x.data()));
      const a = randomTranslate()(batch, createRng(2));
      const b = randomTranslate()(batch, createRng(2));
      expect(Array.from(await a.x.data())).toEqual(Array.from(await b.x.data()));
      tf.dispose([batch.x, batch.y, same.x, same.y, a.x, a.y, b.x, b.y]);
    });
  });

  describe('gaussianNoise', () => {
    it('adds zero-mean noise of the requested std, clipped when asked, labels kept', async () => {
      const batch = imageBatch(16, 28, 28, 1, 7);
      const out = gaussianNoise({ std: 0.2 })(batch, createRng(1));
      const x = await batch.x.data();
      const noisy = await out.x.data();
      const diffs = Array.from(noisy, (v, k) => v - (x[k] as number));
      const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
      const std = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / diffs.length);
      expect(Math.abs(mean)).toBeLessThan(0.01);
      expect(Math.abs(std - 0.2)).toBeLessThan(0.006);
      const clipped = gaussianNoise({ std: 0.5, clip: [0, 1] })(batch, createRng(1));
      const values = await clipped.x.data();
      expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(Array.from(await clipped.y.data())).toEqual(Array.from(await batch.y.data()));
      tf.dispose([batch.x, batch.y, out.x, out.y, clipped.x, clipped.y]);
    });
  });

  describe('tabularNoise', () => {
    it('scales the noise per column', async () => {
      const batch = { x: tf.zeros([4000, 2]), y: tf.ones([4000, 1]) };
      const out = tabularNoise({ std: 0.1, scale: [1, 10] })(batch, createRng(3));
      const values = await out.x.data();
      const colStd = (j: number) => Math.sqrt(Array.from({ length: 4000 }, (_, i) => (values[2 * i + j] as number) ** 2).reduce((a, b) => a + b) / 4000);
      expect(Math.abs(colStd(0) - 0.1)).toBeLessThan(0.006);
      expect(Math.abs(colStd(1) - 1)).toBeLessThan(0.06);
      expect(Array.from(await out.y.data()).every((v) => v === 1)).toBe(true);
      expect(() => tabularNoise({ scale: [1] })(batch, createRng(1))).toThrow(
        'tabular noise: scale has 1 values but the batch has 2 feature columns',
      );
      tf.dispose([batch.x, batch.y, out.x, out.y]);
    });

    it('refuses image batches', () => {
      const batch = imageBatch(2, 2, 2, 1, 1);
      expect(() => tabularNoise()(batch, createRng(1))).toThrow(/tabular noise needs table batches \[batch, features\]; got shape \[2, 2, 2, 1\]/);
      tf.dispose([batch.x, batch.y]);
    });
  });

  describe('mixup', () => {
    it('mixes inputs and targets with the same λ and partner, so x = y stays x = y', async () => {
      await expectNoLeaks(async () => {
        // inputs equal to the one-hot targets: any misalignment would break x' = y'
        const labels = [0, 1, 2, 3, 0, 1, 2, 3, 1, 2];
        const oneHot = Float32Array.from(labels.flatMap((l) => [0, 1, 2, 3].map((c) => (c === l ? 1 : 0))));
        const batch = { x: tf.tensor2d(oneHot, [10, 4]), y: tf.tensor2d(oneHot, [10, 4]) };
        const out = mixup({ alpha: 1 })(batch, createRng(12));
        const x = Array.from(await out.x.data());
        expect(Array.from(await out.y.data())).toEqual(x);
        // each row sums to 1 and holds λ and 1 − λ with one λ for the whole batch
        const lambdas = new Set<string>();
        for (let i = 0; i < 10; i++) {
          const row = x.slice(4 * i, 4 * i + 4);
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
          if (Math.max(...row) < 1) lambdas.add((row[labels[i] as number] as number).toFixed(5));
        }
        expect(lambdas.size).toBe(1);
        tf.dispose([batch.x, batch.y, out.x, out.y]);
      });
    });

    it('is reproducible from the seed and keeps image shapes', async () => {
      const batch = imageBatch(6, 4, 4, 1, 2);
      const a = mixup()(batch, createRng(5));
      const b = mixup()(batch, createRng(5));
      expect(a.x.shape).toEqual([6, 4, 4, 1]);
      expect(a.y.shape).toEqual([6, 3]);
      expect(Array.from(await a.x.data())).toEqual(Array.from(await b.x.data()));
      expect(() => mixup({ alpha: 0 })).toThrow(/mixup: alpha must be a number ≥/);
      tf.dispose([batch.x, batch.y, a.x, a.y, b.x, b.y]);
    });
  });
});
