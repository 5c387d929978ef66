import { createEventChannel } from '@losslens/core';
import { expect, it } from 'vitest';
import { describeBackends } from '@losslens/testing';
import { filterNormalizedDirection, filterNormalizedSurface } from './surface.js';
import { denseLayout, matrixWithSpectrum, quadraticObjective, randomTheta } from '../test/fixtures.js';

const quadraticValue = (data: Float64Array, n: number, d: ArrayLike<number>) => {
  let q = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q += (d[i] as number) * (data[i * n + j] as number) * (d[j] as number);
  return 0.5 * q;
};

describeBackends('filter-normalized surfaces', () => {
  it('filter normalization: every output unit of a kernel gets the norm of θ\'s, biases are ignored or copied', () => {
    const layout = denseLayout([3, 4, 2]); // kernels [3, 4], [4, 2]; biases [4], [2]
    const theta = randomTheta(26, 4);
    const d = filterNormalizedDirection(theta, layout, 7);
    for (const block of layout) {
      if (block.shape.length === 1) {
        expect(Array.from(d.subarray(block.offset, block.offset + block.size))).toEqual(new Array(block.size).fill(0));
        continue;
      }
      const out = block.shape[1] as number;
      for (let f = 0; f < out; f++) {
        let dn = 0;
        let tn = 0;
        for (let i = 0; i < (block.shape[0] as number); i++) {
          dn += (d[block.offset + i * out + f] as number) ** 2; // kernel [in, out], row-major
          tn += (theta[block.offset + i * out + f] as number) ** 2;
        }
        expect(Math.sqrt(dn)).toBeCloseTo(Math.sqrt(tn), 5);
      }
    }
    const copied = filterNormalizedDirection(theta, layout, 7, { oneDimensional: 'copy' });
    expect(Array.from(copied.subarray(12, 16))).toEqual(Array.from(theta.subarray(12, 16)));
    const whole = filterNormalizedDirection(theta, undefined, 7);
    expect(Math.hypot(...whole)).toBeCloseTo(Math.hypot(...theta), 4);
  });

  it('2-D surface of a quadratic around its minimum equals ½(αδ + βη)ᵀA(αδ + βη)', () => {
    const matrix = matrixWithSpectrum([0.5, 2, 3, 6], 1);
    const center = Float32Array.of(0.5, -1, 2, 0.25);
    const objective = quadraticObjective(matrix, center);
    const events = createEventChannel();
    const seen: string[] = [];
    events.on((e) => e.type === 'progress' && seen.push(`${e.task} ${e.done}/${e.total}`));
    const surface = filterNormalizedSurface(objective, center, { points: 5, range: 0.5, seed: 3, events });
    expect(seen).toEqual([1, 2, 3, 4, 5].map((k) => `landscape ${k}/5`));
    expect(surface.x).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    const [delta, eta] = surface.directions;
    expect(Math.hypot(...delta)).toBeCloseTo(Math.hypot(...center), 4); // no layout: θ is one filter
    surface.y.forEach((beta, j) =>
      surface.x.forEach((alpha, i) => {
        const step = Array.from(delta, (d, k) => alpha * d + beta * (eta[k] as number));
        expect(surface.loss[j]?.[i]).toBeCloseTo(quadraticValue(matrix.data, 4, step), 4);
      }),
    );
    expect(surface.loss[2]?.[2]).toBeCloseTo(0, 6);
  });
});
