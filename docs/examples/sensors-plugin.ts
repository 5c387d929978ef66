/**
 * A third-party plugin, written the way the built-in packages write theirs: an options factory
 * returning `definePlugin({...})`, with a dataset, an augmentation, a model, an optimizer, a
 * splitter and an analysis.
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
  type OptimizerFactory,
  type SplitterFactory,
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

/** Sign descent: θ ← θ − lr · sign(∇L). It holds no state, so `dispose` has nothing to free. */
const signSgd: OptimizerFactory = () => ({
  name: 'sign-sgd',
  step: (theta, gradient, learningRate) => tf.tidy(() => tf.sub(theta, tf.mul(tf.sign(gradient), learningRate))),
  dispose: () => {},
});

/** Two folds: validate on the first half of the rows, then on the second (rows in file order). */
const halves: SplitterFactory = () => ({
  name: 'halves',
  split: (n) => {
    const rows = Array.from({ length: n }, (_, i) => i);
    const first = rows.slice(0, Math.floor(n / 2));
    const second = rows.slice(Math.floor(n / 2));
    return [
      { train: second, validation: first },
      { train: first, validation: second },
    ];
  },
});

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
    dependencies: ['@losslens/data@0.x'],
    provides: {
      datasets: { 'sensors/ramp': (o) => ramp(options.rows ?? 100, o?.seed ?? 0) },
      augmentations: { 'sensors/jitter': (config) => jitter(Number(config?.['std'] ?? 0.05)) },
      models: { 'sensors/quadratic': quadratic },
      optimizers: { 'sensors/sign-sgd': signSgd },
      splitters: { 'sensors/halves': halves },
      analyses: { 'sensors/duplicate-rows': duplicateRows },
    },
  });

/** `losslens … --plugin ./sensors-plugin.ts` loads the default export. */
export default sensors;
// #endregion plugin

// #region main
import { createDefaultLens } from '@losslens/lens';

/** Assembles the built-ins and the plugin into one lens and uses every contribution by name. */
export async function main() {
  const lens = await createDefaultLens({ plugins: [sensors({ rows: 80 })], seed: 1 });
  const dataset = await lens.dataset('sensors/ramp', { seed: 1 });
  const trained = await lens.fit({ model: 'sensors/quadratic', train: dataset, optimizer: 'sensors/sign-sgd', learningRate: 0.01, epochs: 3, batchSize: 16 });
  const cv = await lens.crossValidate({ model: 'sensors/quadratic', dataset, splitter: lens.splitter('sensors/halves'), fit: { epochs: 3, batchSize: 16 } });
  const diagnosis = await lens.diagnose({
    train: dataset,
    model: 'sensors/quadratic', // the plugin's model, by its spec prefix
    augment: { name: 'sensors/jitter', config: { std: 0.01 } },
    epochs: 5,
    budget: 'quick',
  }); // runs the lens's analyses, the plugin's among them
  return {
    backend: lens.backend, // 'wasm' in Node
    datasets: lens.datasets.keys(), // data/… and synthetic/… built-ins, then 'sensors/ramp'
    owner: lens.datasets.owner('sensors/ramp'), // 'losslens-plugin-sensors'
    rows: dataset.n, // 80
    updates: trained.updates, // 3 epochs × 5 batches of 16
    folds: cv.folds.length, // 2: the halves
    model: diagnosis.model, // 'sensors/quadratic'
    evidence: diagnosis.evidence.find((e) => e.check === 'sensors/duplicate-rows'),
  };
}
// #endregion main
