/**
 * A plugin written the way a third party would: outside packages/, importing only the
 * public API, contributing a dataset and an analysis that the lens then uses.
 */
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createLens, definePlugin, type Analysis, type AnalysisContext, type Dataset } from '@losslens/core';

interface SensorOptions {
  rows?: number;
}

const sensorsPlugin = (options: SensorOptions = {}) =>
  definePlugin({
    name: 'losslens-plugin-sensors',
    version: '2.1.0',
    provides: {
      datasets: {
        'sensors/ramp': ({ seed = 0 } = {}): Dataset => {
          const n = options.rows ?? 8;
          const features = Float32Array.from({ length: n }, (_, i) => i);
          const targets = Float32Array.from(features, (x) => 2 * x + (seed as number));
          return {
            name: 'ramp',
            task: 'regression',
            n,
            featureShape: [1],
            features,
            targets,
            outputs: 1,
            featureNames: ['t'],
            targetName: 'y',
            origin: 'plugin:sensors/ramp',
          };
        },
      },
      analyses: {
        'sensors/target-range': {
          title: 'Target range',
          run(context: AnalysisContext) {
            const ds = context['dataset'] as Dataset;
            const [lo, hi] = tf.tidy(() => {
              const y = tf.tensor1d(ds.targets);
              return [tf.min(y).dataSync()[0]!, tf.max(y).dataSync()[0]!];
            });
            return { check: 'sensors/target-range', finding: `targets span ${lo}..${hi}`, values: { min: lo, max: hi } };
          },
        } satisfies Analysis,
      },
    },
  });

it('a third-party plugin registers a dataset and an analysis that are then used', async () => {
  const lens = await createLens({ plugins: [sensorsPlugin({ rows: 5 })], backend: 'cpu', seed: 3 });
  expect(lens.datasets.keys()).toEqual(['sensors/ramp']);
  expect(lens.datasets.owner('sensors/ramp')).toBe('losslens-plugin-sensors');
  const dataset = await lens.datasets.get('sensors/ramp')({ seed: 1 });
  expect(Array.from(dataset.targets)).toEqual([1, 3, 5, 7, 9]);
  const before = tf.memory().numTensors;
  const evidence = await lens.analyses.get('sensors/target-range').run({ rng: lens.rng, events: lens.events, dataset });
  expect(evidence).toEqual({ check: 'sensors/target-range', finding: 'targets span 1..9', values: { min: 1, max: 9 } });
  expect(tf.memory().numTensors).toBe(before);
});
