// #region testing
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@losslens/core';
import { mse } from '@losslens/models';
import { checkGradient, checkHvp, describeBackends, expectNoLeaks } from '@losslens/testing';
import { sensors } from './sensors-plugin.js';

const provided = sensors().provides;

// Runs the suite once per backend (cpu and wasm), with losslens's gradients registered first.
describeBackends('sensors plugin', () => {
  const model = provided.models['sensors/quadratic']({ inputShape: [1], outputs: 1 });
  const x = () => tf.tensor2d([[-1], [0.5], [2]]);

  it('computes a·x² + b·x + c', () => {
    const out = tf.tidy(() => model.apply(tf.tensor1d([2, -1, 0.5]), x()).arraySync());
    expect(out).toEqual([[3.5], [0.5], [6.5]]); // 2·1 + 1 + 0.5, 0.5 − 0.5 + 0.5, 8 − 2 + 0.5
  });

  it('has gradients and Hessian-vector products that match finite differences', () => {
    const loss = (theta: tf.Tensor1D) => mse(model.apply(theta, x()), tf.tensor2d([[1], [0], [2]]));
    const theta = [0.3, -0.2, 0.1];
    expect(checkGradient(loss, theta).error).toBeLessThan(1e-3);
    expect(checkHvp(loss, theta, [1, -0.5, 0.25]).error).toBeLessThan(1e-3);
  });

  it('jitters inputs, keeps labels, and leaks no tensors', async () => {
    const augment = provided.augmentations['sensors/jitter']({ std: 0.1 });
    await expectNoLeaks(() => {
      const batch = { x: x(), y: tf.tensor2d([[1], [0], [2]]) };
      const out = augment(batch, createRng(1));
      expect(out.y.arraySync()).toEqual([[1], [0], [2]]);
      expect(out.x.shape).toEqual([3, 1]);
      tf.dispose([batch.x, batch.y, out.x, out.y]);
    });
  });
});
// #endregion testing

describe('the sensors plugin in a lens', () => {
  it('resolves every contribution by name and reports its analysis in a diagnosis', async () => {
    const { main } = await import('./sensors-plugin.js');
    const r = await main();
    expect(r.backend).toBe('wasm');
    expect(r.datasets).toContain('sensors/ramp');
    expect(r.datasets).toContain('data/iris');
    expect(r.owner).toBe('losslens-plugin-sensors');
    expect(r.rows).toBe(80);
    expect(r.updates).toBe(15);
    expect(r.folds).toBe(2);
    expect(r.model).toBe('sensors/quadratic');
    // 80 rows, 20 % held out: 64 training rows of continuous x, none repeated.
    expect(r.evidence).toEqual({
      check: 'sensors/duplicate-rows',
      finding: '0 of 64 training rows repeat another row',
      values: { duplicates: 0, rows: 64 },
    });
  });

  it('makes the ramp y = 2x + 1 + noise (std 0.05)', async () => {
    const ramp = await provided.datasets['sensors/ramp']({ seed: 3 });
    for (let i = 0; i < ramp.n; i++) expect(Math.abs(ramp.targets[i]! - (2 * ramp.features[i]! + 1))).toBeLessThan(0.25);
  });
});
