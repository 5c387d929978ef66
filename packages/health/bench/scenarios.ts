/**
 * The planted-fault runs: small tfjs training runs whose fault we plant (a learning rate, an
 * initialization, an architecture, a data value), each recorded with `recordHealth`. Written
 * for this repository from the faults the literature names (AUTOTRAINER, DeepDiagnosis,
 * Karpathy's recipe); nothing is copied from their artifacts.
 */
import type { Dataset, Model } from '@losslens/core';
import { fitStandardizer, loadCars, loadIris, loadPenguins, makeCurve, makeSpirals, makeTeacher, makeTwoMoons } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit, type OptimizerName } from '@losslens/optim';
import { recordHealth, type DetectorName, type HealthSignals } from '../src/index.js';

/** The fault a run was planted with, or `healthy`. */
export type PlantedKind = DetectorName | 'healthy';

/** One planted-fault run (before seeds). */
export interface Scenario {
  kind: PlantedKind;
  /** What was planted, in words. */
  plant: string;
  dataset: DatasetName;
  model: string;
  optimizer: OptimizerName;
  learningRate: number;
  epochs?: number;
  /** Changes θ₀ (per block, by name). */
  init?: (theta: Float32Array, model: Model) => void;
  /** Changes the training data. */
  data?: (ds: Dataset) => Dataset;
}

export type DatasetName = 'moons' | 'iris' | 'teacher' | 'curve' | 'spirals' | 'penguins' | 'cars';

/** Small datasets (real: iris, penguins, cars; the rest synthetic), features and regression targets standardized. */
export async function loadDataset(name: DatasetName, seed: number): Promise<Dataset> {
  const raw: Dataset =
    name === 'moons' ? makeTwoMoons({ n: 200, seed, noise: 0.15 })
    : name === 'iris' ? await loadIris()
    : name === 'teacher' ? makeTeacher({ n: 200, seed, inputs: 4, hidden: [8] })
    : name === 'curve' ? makeCurve({ n: 160, seed, noise: 0.1 })
    : name === 'penguins' ? await loadPenguins()
    : name === 'cars' ? await loadCars()
    : makeSpirals({ n: 240, seed, classes: 3, noise: 0.1 });
  return fitStandardizer(raw, { targets: true }).transform(raw);
}

/** Multiplies every block whose name matches `pattern` by `factor`. */
export const scaleBlocks = (pattern: RegExp, factor: number) => (theta: Float32Array, model: Model) => {
  for (const b of model.layout) if (pattern.test(b.name)) for (let i = b.offset; i < b.offset + b.size; i++) theta[i] = (theta[i] as number) * factor;
};
/** Sets every block whose name matches `pattern` to `value`. */
export const setBlocks = (pattern: RegExp, value: number) => (theta: Float32Array, model: Model) => {
  for (const b of model.layout) if (pattern.test(b.name)) theta.fill(value, b.offset, b.offset + b.size);
};
/** The last layer's kernel. */
const lastKernel = (theta: Float32Array, model: Model, factor: number) => {
  const b = model.layout.filter((x) => x.shape.length >= 2).at(-1);
  if (b !== undefined) for (let i = b.offset; i < b.offset + b.size; i++) theta[i] = (theta[i] as number) * factor;
};
const withFeatures = (ds: Dataset, features: Float32Array): Dataset => ({ ...ds, features });

const deepSigmoid = 'mlp:16x16x16x16x16x16:sigmoid';
const deepRelu = 'mlp:32x32x32x32x32:relu';

/** Every scenario; each runs with 3 seeds. */
export const scenarios: readonly Scenario[] = [
  // healthy
  { kind: 'healthy', plant: 'nothing', dataset: 'moons', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.01 },
  { kind: 'healthy', plant: 'nothing', dataset: 'iris', model: 'mlp:16x16:tanh', optimizer: 'adam', learningRate: 0.01 },
  { kind: 'healthy', plant: 'nothing', dataset: 'teacher', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.005 },
  { kind: 'healthy', plant: 'nothing', dataset: 'curve', model: 'mlp:32x32:tanh', optimizer: 'adam', learningRate: 0.01 },
  { kind: 'healthy', plant: 'nothing', dataset: 'spirals', model: 'mlp:32x32:relu', optimizer: 'adam', learningRate: 0.01 },
  { kind: 'healthy', plant: 'nothing', dataset: 'moons', model: 'mlp:16x16:sigmoid', optimizer: 'adam', learningRate: 0.01 },
  { kind: 'healthy', plant: 'nothing', dataset: 'teacher', model: 'mlp:16x16:tanh', optimizer: 'momentum', learningRate: 0.02 },
  { kind: 'healthy', plant: 'nothing', dataset: 'penguins', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.01 },
  { kind: 'healthy', plant: 'nothing', dataset: 'cars', model: 'mlp:32x32:relu', optimizer: 'adam', learningRate: 0.005 },
  // non-finite
  { kind: 'non-finite', plant: 'SGD rate 3 (no divergence stop)', dataset: 'teacher', model: 'mlp:32x32:relu', optimizer: 'sgd', learningRate: 3 },
  { kind: 'non-finite', plant: 'one NaN feature cell', dataset: 'moons', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.01,
    data: (ds) => { const f = Float32Array.from(ds.features); f[7] = Number.NaN; return withFeatures(ds, f); } },
  // vanishing gradients
  { kind: 'vanishing-gradients', plant: '6 sigmoid layers, SGD', dataset: 'moons', model: deepSigmoid, optimizer: 'sgd', learningRate: 0.1 },
  { kind: 'vanishing-gradients', plant: '6 sigmoid layers, SGD', dataset: 'teacher', model: deepSigmoid, optimizer: 'sgd', learningRate: 0.1 },
  { kind: 'vanishing-gradients', plant: '6 sigmoid layers, SGD', dataset: 'penguins', model: deepSigmoid, optimizer: 'sgd', learningRate: 0.1 },
  // exploding gradients
  { kind: 'exploding-gradients', plant: 'deep ReLU net, kernels × 2.5', dataset: 'moons', model: deepRelu, optimizer: 'sgd', learningRate: 1e-4, init: scaleBlocks(/kernel/, 2.5) },
  { kind: 'exploding-gradients', plant: 'deep ReLU net, kernels × 2.5', dataset: 'teacher', model: deepRelu, optimizer: 'sgd', learningRate: 1e-4, init: scaleBlocks(/kernel/, 2.5) },
  // dying ReLU
  { kind: 'dying-relu', plant: 'hidden biases −3', dataset: 'moons', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.01, init: setBlocks(/dense_1\/bias/, -3) },
  { kind: 'dying-relu', plant: 'hidden biases −3', dataset: 'penguins', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.01, init: setBlocks(/dense_1\/bias/, -3) },
  { kind: 'dying-relu', plant: 'hidden biases −3', dataset: 'iris', model: 'mlp:32x32:relu', optimizer: 'adam', learningRate: 0.01, init: setBlocks(/dense_[12]\/bias/, -3) },
  // saturation
  { kind: 'saturation', plant: 'first kernel × 20', dataset: 'iris', model: 'mlp:16x16:tanh', optimizer: 'adam', learningRate: 0.01, init: scaleBlocks(/dense_1\/kernel/, 20) },
  { kind: 'saturation', plant: 'inputs × 50', dataset: 'moons', model: 'mlp:32:sigmoid', optimizer: 'adam', learningRate: 0.01,
    data: (ds) => withFeatures(ds, ds.features.map((v) => 50 * v)) },
  { kind: 'saturation', plant: 'inputs × 30', dataset: 'teacher', model: 'mlp:32:tanh', optimizer: 'adam', learningRate: 0.01,
    data: (ds) => withFeatures(ds, ds.features.map((v) => 30 * v)) },
  // oscillating loss
  { kind: 'oscillating-loss', plant: 'momentum rate 0.2', dataset: 'teacher', model: 'mlp:32:tanh', optimizer: 'momentum', learningRate: 0.2 },
  { kind: 'oscillating-loss', plant: 'Adam rate 0.5', dataset: 'moons', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.5 },
  // plateau
  { kind: 'plateau', plant: 'all weights zero', dataset: 'moons', model: 'mlp:32:tanh', optimizer: 'adam', learningRate: 0.01, init: (t) => t.fill(0) },
  { kind: 'plateau', plant: 'all weights zero', dataset: 'curve', model: 'mlp:16x16:tanh', optimizer: 'adam', learningRate: 0.01, init: (t) => t.fill(0) },
  // learning rate
  { kind: 'learning-rate-too-small', plant: 'Adam rate 1e-6', dataset: 'moons', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 1e-6 },
  { kind: 'learning-rate-too-small', plant: 'SGD rate 1e-5', dataset: 'teacher', model: 'mlp:16x16:tanh', optimizer: 'sgd', learningRate: 1e-5 },
  { kind: 'learning-rate-too-small', plant: 'Adam rate 1e-6', dataset: 'cars', model: 'mlp:32x32:relu', optimizer: 'adam', learningRate: 1e-6 },
  { kind: 'learning-rate-too-large', plant: 'SGD rate 2', dataset: 'iris', model: 'mlp:32:tanh', optimizer: 'sgd', learningRate: 2 },
  { kind: 'learning-rate-too-large', plant: 'RMSprop rate 0.3', dataset: 'spirals', model: 'mlp:32:relu', optimizer: 'rmsprop', learningRate: 0.3 },
  // loss at initialization
  { kind: 'initial-loss', plant: 'output kernel × 30', dataset: 'iris', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.01, init: (t, m) => lastKernel(t, m, 30) },
  { kind: 'initial-loss', plant: 'output kernel × 20', dataset: 'teacher', model: 'mlp:32:relu', optimizer: 'adam', learningRate: 0.01, init: (t, m) => lastKernel(t, m, 20) },
];

/** The seeds each scenario runs with. */
export const seeds = [1, 2, 3] as const;

/** Trains one scenario with one seed and returns its recorded signals. */
export async function runScenario(s: Scenario, seed: number): Promise<HealthSignals> {
  const base = await loadDataset(s.dataset, seed);
  const train = s.data === undefined ? base : s.data(base);
  const model = createModel(s.model, { inputShape: train.featureShape, outputs: train.outputs, task: train.task });
  const theta = model.init(seed);
  s.init?.(theta, model);
  const recorder = recordHealth({ model, probe: train });
  try {
    const result = await fit({
      model, train, optimizer: s.optimizer, learningRate: s.learningRate, epochs: s.epochs ?? 25, batchSize: 32, seed,
      initialTheta: theta, divergence: false, finalEvaluation: false, hooks: recorder.hooks,
    });
    return await recorder.finish(result);
  } catch (error) {
    recorder.dispose();
    throw error;
  }
}
