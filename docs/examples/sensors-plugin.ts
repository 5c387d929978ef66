/**
 * A third-party plugin, written the way the built-in packages write theirs: an options factory
 * returning `definePlugin({...})`, with a dataset, an augmentation, a model and an analysis.
 */
// #region plugin
import * as tf from '@tensorflow/tfjs-core';
import {
  createRng,
  definePlugin,
  type Analysis,
  type Augmentation,
  type Dataset,
  type ModelFactory,
} from '@losslens/core';

/** Options of the sensors plugin. */
export interface SensorsOptions {
  /** Rows of the `sensors/ramp` dataset (default 100). */
  rows?: number;
}

/** y = 2·x + 1 + noise on x ∈ [0, 1): a seeded regression dataset. */
function ramp(rows: number, seed: number): Dataset {
  const rng = createRng(seed);
  const features = Float32Array.from({ length: rows }, () => rng.uniform());
  const targets = features.map((x) => 2 * x + 1 + 0.05 * rng.normal());
  return {
    name: 'ramp', task: 'regression', n: rows, featureShape: [1], features, targets, outputs: 1,
    featureNames: ['x'], targetName: 'y', origin: `sensors:ramp(seed=${seed})`,
  };
}

/** Adds N(0, std²) jitter to the inputs of a training batch; labels are kept. Returns new tensors. */
const jitter = (std: number): Augmentation => ({ x, y }, rng) => {
  const noise = Float32Array.from({ length: x.size }, () => std * rng.normal());
  return { x: tf.tidy(() => tf.add(x, tf.tensor(noise, x.shape))), y: tf.clone(y) };
};

/** ŷ = a·x² + b·x + c per output, as a pure function of θ = [a, b, c] (second derivatives exact). */
const quadratic: ModelFactory = ({ inputShape, outputs }) => {
  const d = inputShape.reduce((p, s) => p * s, 1);
  const k = d * outputs;
  return {
    spec: 'sensors/quadratic',
    inputShape,
    outputs,
    layout: [
      { name: 'quadratic/a', shape: [d, outputs], offset: 0, size: k },
      { name: 'quadratic/b', shape: [d, outputs], offset: k, size: k },
      { name: 'quadratic/c', shape: [outputs], offset: 2 * k, size: outputs },
    ],
    parameterCount: 2 * k + outputs,
    init: (seed) => {
      const rng = createRng(seed);
      return Float32Array.from({ length: 2 * k + outputs }, () => 0.1 * rng.normal());
    },
    apply: (theta, x) => {
      const flat = tf.reshape(x, [-1, d]);
      const a = tf.reshape(tf.slice(theta, 0, k), [d, outputs]);
      const b = tf.reshape(tf.slice(theta, k, k), [d, outputs]);
      const c = tf.slice(theta, 2 * k, outputs);
      return tf.add(tf.add(tf.matMul(tf.square(flat), a), tf.matMul(flat, b)), c);
    },
  };
};

/** An analysis the diagnosis runs and reports: how many training rows are exact duplicates. */
const duplicateRows: Analysis = {
  title: 'Duplicate training rows',
  applies: (context) => context['train'] !== undefined,
  run(context) {
    const train = context['train'] as Dataset;
    const width = train.features.length / train.n;
    const seen = new Set<string>();
    for (let i = 0; i < train.n; i++) seen.add(train.features.subarray(i * width, (i + 1) * width).join(','));
    const duplicates = train.n - seen.size;
    return { check: 'sensors/duplicate-rows', finding: `${duplicates} of ${train.n} training rows repeat another row`, values: { duplicates, rows: train.n } };
  },
};

/** The plugin: contributions keyed `namespace/name`, created per call with its options. */
export const sensors = (options: SensorsOptions = {}) =>
  definePlugin({
    name: 'losslens-plugin-sensors',
    version: '1.0.0',
    dependencies: ['@losslens/data@^0.1.0'],
    provides: {
      datasets: { 'sensors/ramp': (o) => ramp(options.rows ?? 100, o?.seed ?? 0) },
      augmentations: { 'sensors/jitter': (config) => jitter(Number(config?.['std'] ?? 0.05)) },
      models: { 'sensors/quadratic': quadratic },
      analyses: { 'sensors/duplicate-rows': duplicateRows },
    },
  });
// #endregion plugin

// #region main
import { createLens } from '@losslens/core';
import { data } from '@losslens/data';
import { diagnose } from '@losslens/diagnose';

/** Assembles a lens with the plugin, uses each contribution, and runs its analysis in a diagnosis. */
export async function main() {
  const lens = await createLens({ plugins: [data(), sensors({ rows: 80 })], seed: 1 });
  const dataset = await lens.datasets.get('sensors/ramp')({ seed: 1 });
  const model = lens.models.get('sensors/quadratic')({ inputShape: dataset.featureShape, outputs: dataset.outputs });
  const diagnosis = await diagnose({
    train: dataset,
    model: 'linear',
    epochs: 5,
    budget: 'quick',
    analyses: [lens.analyses.get('sensors/duplicate-rows')], // or every analysis in lens.analyses
  });
  return {
    backend: lens.backend, // 'wasm' in Node
    datasets: lens.datasets.keys(), // data/… built-ins, then 'sensors/ramp'
    owner: lens.datasets.owner('sensors/ramp'), // 'losslens-plugin-sensors'
    rows: dataset.n, // 80
    parameters: model.parameterCount, // 3: a, b, c
    evidence: diagnosis.evidence.find((e) => e.check === 'sensors/duplicate-rows'),
  };
}
// #endregion main
