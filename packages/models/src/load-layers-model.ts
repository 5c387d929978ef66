/**
 * Imports a tfjs-layers model (`model.json` + binary weight shards, as `model.save()` or the
 * Keras converter writes them) as a functional losslens model with θ set to its weights, so
 * `model.apply(θ, x)` equals tfjs-layers' `predict(x)`.
 */
import { InputError } from '@losslens/core';
import { parseTopology } from './layers-topology.js';
import { sequentialModel, type LosslensModel } from './sequential.js';
import { readModelJson, readWeightData } from './read-model-files.js';
import { decodeWeight, parseManifest, weightBytes, type WeightGroup } from './weights-manifest.js';

/** A model with its weights. */
export interface LoadedModel {
  model: LosslensModel;
  /** θ in the model's layout (trainable weights); batch-norm moving statistics go to `model.state`. */
  theta: Float32Array;
}

const fail = (label: string, message: string): never => {
  throw new InputError('E_MODEL_FORMAT', `${label}: ${message}`);
};

/** The weight stored for `key` (`dense_1/kernel`): exact name, `:0` suffix, or a scoped `…/dense_1/kernel`. */
function findWeight<T>(weights: Map<string, T>, key: string, label: string): T | undefined {
  const exact = weights.get(key) ?? weights.get(`${key}:0`);
  if (exact !== undefined) return exact;
  const scoped = [...weights.keys()].filter((name) => name.replace(/:0$/, '').endsWith(`/${key}`));
  if (scoped.length > 1) fail(label, `weight "${key}" is ambiguous in the manifest (${scoped.join(', ')})`);
  return scoped[0] === undefined ? undefined : weights.get(scoped[0]);
}

/**
 * Builds a model from a parsed model.json and its weight bytes (all groups' shards
 * concatenated in manifest order). Works in the browser too (no file access).
 * Throws InputError E_MODEL_FORMAT (one line, naming `label` and the layer or weight) for
 * malformed topologies, unsupported layers, missing weights, wrong shapes and truncated data.
 * @example
 * const { model, theta } = layersModelFromArtifacts(JSON.parse(jsonText), weightBytes, { label: 'model.json' });
 */
export function layersModelFromArtifacts(
  modelJson: unknown,
  weightData: ArrayBuffer | Uint8Array,
  options: { label?: string } = {},
): LoadedModel {
  const label = options.label ?? 'model.json';
  const topology = parseTopology(modelJson, label);
  const groups = parseManifest((modelJson as Record<string, unknown>)['weightsManifest'], label);
  const bytes = weightData instanceof Uint8Array ? weightData : new Uint8Array(weightData);
  const needed = groups.flatMap((g) => g.weights).reduce((n, w) => n + weightBytes(w, label), 0);
  if (bytes.byteLength < needed) fail(label, `the weight data is truncated: the manifest needs ${needed} bytes, found ${bytes.byteLength}`);
  if (bytes.byteLength > needed) fail(label, `the weight data has ${bytes.byteLength} bytes but the manifest describes ${needed}`);
  const weights = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const entry of groups.flatMap((g) => g.weights)) {
    const size = weightBytes(entry, label);
    weights.set(entry.name, { shape: entry.shape, values: decodeWeight(entry, bytes.subarray(offset, offset + size)) });
    offset += size;
  }
  const model = sequentialModel(topology.layers, {
    inputShape: topology.inputShape,
    spec: label,
    family: 'layers-model',
    source: { label, code: 'E_MODEL_FORMAT' },
  });
  const take = (name: string, shape: readonly number[]): Float32Array => {
    const found = findWeight(weights, name, label);
    if (found === undefined) return fail(label, `weight "${name}" is missing from the weights manifest`);
    if (found.shape.join(',') !== shape.join(',')) {
      fail(label, `weight "${name}" has shape [${found.shape.join(', ')}], the layer needs [${shape.join(', ')}]`);
    }
    return found.values;
  };
  const theta = new Float32Array(model.parameterCount);
  for (const block of model.layout) theta.set(take(block.name, block.shape), block.offset);
  for (const block of model.stateLayout) model.state.set(block.name, take(block.name, block.shape));
  return { model, theta };
}

/**
 * Loads a tfjs-layers `model.json` (or a folder holding one) and its weight files with node
 * fs, safely (see read-model-files.ts): weight files, symlinks resolved, must be regular files
 * inside the model's real folder, with the byte count the manifest gives, checked before
 * reading. Throws InputError: E_FILE_NOT_FOUND when model.json is missing; E_MODEL_FORMAT for
 * malformed JSON, an unsupported layer (named), an unsafe weight path, a weight file that links
 * out of the folder or is not a regular file, or a missing or truncated weight file.
 * @example
 * const { model, theta } = await loadLayersModel('my-model/model.json');
 * const y = model.apply(tf.tensor1d(theta), x);
 */
export async function loadLayersModel(path: string): Promise<LoadedModel> {
  const { stat } = await import('node:fs/promises');
  const nodePath = await import('node:path');
  let file = path;
  try {
    if ((await stat(file)).isDirectory()) file = nodePath.join(file, 'model.json');
  } catch {
    throw new InputError('E_FILE_NOT_FOUND', `${path}: file not found`);
  }
  const text = await readModelJson(file);
  if (text.trim() === '') fail(file, 'the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(file, `not valid JSON (${(error as Error).message})`);
  }
  parseTopology(json, file); // report topology problems before touching weight files
  const groups: WeightGroup[] = parseManifest((json as Record<string, unknown>)['weightsManifest'], file);
  return layersModelFromArtifacts(json, await readWeightData(file, groups), { label: file });
}
