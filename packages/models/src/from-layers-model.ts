/**
 * A user's own in-memory tfjs-layers model, in and out: `fromLayersModel` reads its topology and
 * weights through its own `save` (no files, no second tfjs), `toLayersModel` builds one back with
 * the user's tfjs.
 */
import type { io } from '@tensorflow/tfjs-core';
import { InputError, type Model } from '@losslens/core';
import { layersModelFromArtifacts, type LoadedModel } from './load-layers-model.js';
import { toLayersArtifacts } from './save-layers-model.js';
import type { LosslensModel } from './sequential.js';

/** The part of a `tf.LayersModel` this needs: its name and `save(handler)`. */
export interface LayersModelLike {
  name?: string;
  save(handler: io.IOHandler): Promise<unknown>;
}

const concat = (data: io.WeightData | undefined): Uint8Array => {
  const parts = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), at);
    at += part.byteLength;
  }
  return out;
};

/**
 * A `tf.LayersModel` built in your code (`tf.sequential()`, or a functional model that is a chain
 * of supported layers), as a losslens model with θ = its CURRENT weights, so a Hessian is taken at
 * the point you trained to. Unsupported layers throw InputError E_MODEL_FORMAT naming the layer.
 * @example
 * const net = tf.sequential({ layers: [tf.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }), tf.layers.dense({ units: 1 })] });
 * const { model, theta } = await fromLayersModel(net);
 */
export async function fromLayersModel(layersModel: LayersModelLike, options: { label?: string } = {}): Promise<LoadedModel> {
  if (typeof layersModel?.save !== 'function') throw new InputError('E_MODEL_FORMAT', 'fromLayersModel needs a tfjs-layers model (an object with save())');
  let saved: io.ModelArtifacts | undefined;
  await layersModel.save({
    save: async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  });
  if (saved?.modelTopology === undefined) throw new InputError('E_MODEL_FORMAT', 'the model saved no topology');
  const label = options.label ?? `LayersModel "${layersModel.name ?? 'model'}"`;
  const modelJson = { modelTopology: saved.modelTopology, format: saved.format ?? 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: saved.weightSpecs ?? [] }] };
  return layersModelFromArtifacts(modelJson, concat(saved.weightData), { label });
}

/** The part of a tfjs namespace `toLayersModel` needs: `loadLayersModel` and `io.fromMemory`. */
export interface LayersApi<T> {
  loadLayersModel(handler: unknown): Promise<T>;
  io: { fromMemory(artifacts: unknown): unknown };
}

/**
 * A losslens model at θ as a tfjs-layers model, built with YOUR tfjs (pass its namespace), so it
 * shares your tfjs-core: Sequential dense/conv/pooling/batch-norm models (not residual ones).
 * @example
 * import * as tfjs from '@tensorflow/tfjs';
 * const net = await toLayersModel(model, theta, tfjs);
 * net.predict(x);
 */
export async function toLayersModel<T>(model: Model, theta: Float32Array, tf: LayersApi<T>): Promise<T> {
  const artifacts = toLayersArtifacts(model as LosslensModel, theta);
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, weightData: artifacts.weightData, format: 'layers-model' }),
  );
}

/**
 * The spec of a model that is a plain chain of dense layers (every hidden layer with the same
 * activation, a linear or softmax/sigmoid output), e.g. an imported `tf.sequential()` of dense
 * layers → `mlp:32x16:relu`; `undefined` for anything else. The diagnosis uses it to train the
 * model's relatives.
 * @example
 * equivalentSpec((await fromLayersModel(net)).model); // 'mlp:8:tanh'
 */
export function equivalentSpec(model: Model): string | undefined {
  const configs = (model as Partial<LosslensModel>).configs;
  if (configs === undefined || configs.length === 0) return undefined;
  const dense = configs.filter((c) => c.type !== 'flatten' && c.type !== 'reshape');
  if (!dense.every((c) => c.type === 'dense' && c.useBias !== false)) return undefined;
  const hidden = dense.slice(0, -1) as { units: number; activation?: string }[];
  const last = dense[dense.length - 1] as { activation?: string };
  if (!['linear', 'softmax', 'sigmoid', undefined].includes(last.activation)) return undefined;
  if (hidden.length === 0) return 'linear';
  const activation = hidden[0]!.activation ?? 'linear';
  if (activation === 'linear' || !hidden.every((h) => (h.activation ?? 'linear') === activation)) return undefined;
  return `mlp:${hidden.map((h) => h.units).join('x')}:${activation}`;
}
