/**
 * Exports a losslens model and θ in the tfjs-layers format (`model.json` + `weights.bin`),
 * readable by `tf.loadLayersModel` and by {@link loadLayersModel}.
 */
import * as tf from '@tensorflow/tfjs-core';
import { writeTopology } from './layers-topology.js';
import type { LosslensModel } from './sequential.js';

/** What tfjs calls model artifacts, plus the full model.json object. */
export interface LayersArtifacts {
  modelTopology: Record<string, unknown>;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' }[];
  weightData: ArrayBuffer;
  /** The model.json content, weights in one shard `weights.bin`. */
  modelJson: Record<string, unknown>;
}

/**
 * The tfjs-layers artifacts of a model at θ: the Sequential topology, weight specs named
 * `<layer>/<param>` (trainable first, then batch-norm moving statistics, as tfjs orders them)
 * and the float32 weight bytes. Moving statistics come from `model.state`, or tfjs's initial
 * 0 and 1 when none are stored. Residual models throw InputError E_MODEL_FORMAT (no Sequential form).
 * @example
 * const artifacts = toLayersArtifacts(model, theta);
 * const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
 */
export function toLayersArtifacts(model: LosslensModel, theta: Float32Array | tf.Tensor1D): LayersArtifacts {
  const values = theta instanceof Float32Array ? theta : Float32Array.from(theta.dataSync());
  if (values.length !== model.parameterCount) {
    throw new RangeError(`θ has ${values.length} values, the model has ${model.parameterCount} parameters`);
  }
  const modelTopology = writeTopology(model.layers, model.inputShape, 'sequential_1');
  const stateSize = model.stateLayout.reduce((n, b) => n + b.size, 0);
  const data = new Float32Array(model.parameterCount + stateSize);
  data.set(values, 0);
  const weightSpecs: LayersArtifacts['weightSpecs'] = model.layout.map((b) => ({ name: b.name, shape: [...b.shape], dtype: 'float32' }));
  let offset = model.parameterCount;
  for (const block of model.stateLayout) {
    const stored = model.state.get(block.name);
    data.set(stored ?? new Float32Array(block.size).fill(block.name.endsWith('/moving_variance') ? 1 : 0), offset);
    weightSpecs.push({ name: block.name, shape: [...block.shape], dtype: 'float32' });
    offset += block.size;
  }
  const weightData = data.buffer.slice(0) as ArrayBuffer;
  return {
    modelTopology,
    weightSpecs,
    weightData,
    modelJson: {
      modelTopology,
      format: 'layers-model',
      generatedBy: 'losslens @losslens/models',
      convertedBy: null,
      weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }],
    },
  };
}

/**
 * Writes `model.json` and `weights.bin` into `dir` (created if needed), the layout
 * tfjs-layers' `model.save('file://dir')` produces. Returns the two paths.
 * @example
 * await saveLayersModel('out/my-model', model, theta);
 */
export async function saveLayersModel(
  dir: string,
  model: LosslensModel,
  theta: Float32Array | tf.Tensor1D,
): Promise<{ modelPath: string; weightsPath: string }> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const nodePath = await import('node:path');
  const artifacts = toLayersArtifacts(model, theta);
  await mkdir(dir, { recursive: true });
  const modelPath = nodePath.join(dir, 'model.json');
  const weightsPath = nodePath.join(dir, 'weights.bin');
  await writeFile(weightsPath, new Uint8Array(artifacts.weightData));
  await writeFile(modelPath, `${JSON.stringify(artifacts.modelJson, null, 2)}\n`);
  return { modelPath, weightsPath };
}
