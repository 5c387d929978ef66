import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Dataset } from '@losslens/core';
import { toTensors } from '@losslens/data';
import { createModel, mse } from '@losslens/models';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { gradientNoiseScale, noiseScaleMeasure } from './noise-scale.js';

function data(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const features = Float32Array.from({ length: 2 * n }, () => rng.normal());
  const targets = Float32Array.from({ length: n }, (_, i) => 0.8 * features[2 * i]! - 0.5 * features[2 * i + 1]! + 0.4 * rng.normal());
  return { name: 'lin', task: 'regression', n, featureShape: [2], features, targets, outputs: 1, featureNames: ['a', 'b'], targetName: 'y', origin: 'test' };
}

/** B_simple from dense per-sample gradients: tr(Σ) = mean|g_i − G|², |G|² of G = mean g_i. */
function denseNoiseScale(perSample: number[][]): number {
  const n = perSample.length;
  const p = perSample[0]!.length;
  const g = Array.from({ length: p }, (_, j) => perSample.reduce((s, gi) => s + gi[j]!, 0) / n);
  const trace = perSample.reduce((s, gi) => s + gi.reduce((t, v, j) => t + (v - g[j]!) ** 2, 0), 0) / n;
  return trace / g.reduce((s, v) => s + v * v, 0);
}

describeBackends('gradientNoiseScale', () => {
  it('matches the dense per-sample computation for least squares (closed-form per-sample gradients)', async () => {
    const ds = data(200, 1);
    const model = createModel('linear', { inputShape: [2], outputs: 1 });
    const theta = Float32Array.from([0.1, 0.2, -0.3]); // kernel [2, 1], bias
    // g_i = 2 r_i [x_i, 1], r_i = θ·[x_i, 1] − y_i, in float64.
    const perSample = Array.from({ length: ds.n }, (_, i) => {
      const x = [ds.features[2 * i]!, ds.features[2 * i + 1]!, 1];
      const r = x.reduce((s, v, j) => s + v * theta[j]!, 0) - ds.targets[i]!;
      return x.map((v) => 2 * r * v);
    });
    const exact = denseNoiseScale(perSample);
    const found = await expectNoLeaks(() => gradientNoiseScale({ model, data: ds, theta, smallBatch: 4, samples: 1500, seed: 2 }));
    expect(found.gradientNormSquared).toBeCloseTo(perSample[0]!.map((_, j) => perSample.reduce((s, g) => s + g[j]!, 0) / ds.n).reduce((s, v) => s + v * v, 0), 4);
    // a Monte-Carlo estimate: within 4 standard errors (and the standard error is small)
    expect(Math.abs(found.bSimple - exact)).toBeLessThan(4 * found.standardError);
    expect(found.standardError / exact).toBeLessThan(0.1);
    expect(found.finding).toMatch(/critical batch size for this model and data is about \d+/);
    // The batch-study callback measures the same thing at the θ it is given.
    const viaStudy = await expectNoLeaks(() => noiseScaleMeasure({ smallBatch: 4, samples: 1500, seed: 2 })(model, theta, ds));
    expect(viaStudy.bSimple).toBeCloseTo(found.bSimple, 6);
  });

  it('matches dense per-sample gradients of a small MLP (one tf.grad per row)', async () => {
    const ds = data(96, 3);
    const model = createModel('mlp:8:tanh', { inputShape: [2], outputs: 1 });
    const theta = model.init(4);
    const { x, y } = toTensors(ds);
    const t = tf.tensor1d(theta);
    const perSample = Array.from({ length: ds.n }, (_, i) =>
      Array.from(tf.tidy(() => tf.grad((th: tf.Tensor) => mse(model.apply(th as tf.Tensor1D, tf.slice(x, [i, 0], [1, 2])), tf.slice(y, [i, 0], [1, 1])))(t)).dataSync()),
    );
    tf.dispose([x, y, t]);
    const exact = denseNoiseScale(perSample);
    const found = await expectNoLeaks(() => gradientNoiseScale({ model, data: ds, theta, smallBatch: 4, samples: 1500, seed: 5, chunk: 40 }));
    expect(Math.abs(found.bSimple - exact)).toBeLessThan(4 * found.standardError);
    expect(found.standardError / exact).toBeLessThan(0.15);
  });
});
