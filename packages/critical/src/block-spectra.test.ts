import { expect, it } from 'vitest';
import { describeBackends } from '@losslens/testing';
import { blockSpectra } from './block-spectra.js';
import { fullHessian } from './full-hessian.js';
import { symmetricEigenvalues } from './symmetric-eigen.js';
import { denseNetObjective, randomTheta, tinyData } from '../test/fixtures.js';

describeBackends('blockSpectra', () => {
  it('each layer\'s spectrum is the spectrum of its diagonal block of the dense Hessian, by three routes', () => {
    const data = tinyData(10, 3, 2, 9);
    const objective = denseNetObjective([3, 5, 2], 'tanh', 'crossentropy', data); // blocks 15, 5, 10, 2
    const theta = randomTheta(objective.parameterCount, 2);
    const H = fullHessian(objective, theta);
    const p = H.size;
    // the independent reference: slice each diagonal block out of the dense Hessian by hand
    const reference = objective.layout!.map((block) => {
      const rows = Array.from({ length: block.size }, (_, i) =>
        Array.from({ length: block.size }, (_, j) => H.data[(block.offset + i) * p + block.offset + j] as number),
      );
      const values = symmetricEigenvalues(rows);
      return { top: values[values.length - 1] as number, bottom: values[0] as number, trace: rows.reduce((s, r, i) => s + (r[i] as number), 0) };
    });
    const fromDense = blockSpectra(objective, theta, undefined, { hessian: H, includeEigenvalues: true });
    const fromHvps = blockSpectra(objective, theta);
    const fromLanczos = blockSpectra(objective, theta, undefined, { fullLimit: 0 });
    expect(fromDense.map((b) => b.name)).toEqual(['dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias']);
    const scale = Math.max(...reference.map((r) => Math.max(Math.abs(r.top), Math.abs(r.bottom))));
    reference.forEach((r, k) => {
      for (const result of [fromDense, fromHvps, fromLanczos]) {
        expect(Math.abs((result[k]?.top as number) - r.top)).toBeLessThan(1e-4 * scale);
        expect(Math.abs((result[k]?.bottom as number) - r.bottom)).toBeLessThan(1e-4 * scale);
      }
      expect(fromDense[k]?.trace).toBeCloseTo(r.trace, 5);
      expect(fromHvps[k]?.trace).toBeCloseTo(r.trace, 4);
      expect(fromDense[k]?.applications).toBe(0);
      expect(fromHvps[k]?.applications).toBe(objective.layout![k]?.size);
      expect(fromLanczos[k]?.method).toBe('lanczos');
    });
    expect(fromDense[0]?.eigenvalues?.length).toBe(15);
  });

  it('needs a layout', () => {
    const data = tinyData(4, 2, 1, 1);
    const objective = { ...denseNetObjective([2, 1], 'linear', 'mse', data), layout: undefined };
    expect(() => blockSpectra(objective, randomTheta(3, 1))).toThrow("per-layer spectra need a parameter layout (the model's), none was given");
  });
});
