/**
 * Writes a real tfjs-layers model (built and serialized by @tensorflow/tfjs itself, not by
 * @losslens/models) as `model.json` + `weights.bin`, the files `model.save('file://…')` makes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs';
import { createRng } from '@losslens/core';

/** A one-hidden-layer dense net as tfjs-layers builds it. */
export interface LayersNet {
  inputs: number;
  hidden: number;
  outputs: number;
  activation: 'tanh' | 'sigmoid' | 'relu';
  useBias: boolean;
  seed: number;
}

/**
 * Builds the net with tf.sequential, sets seeded N(0, 0.5²) weights, saves it under `dir` and
 * returns the model.json path and the weights in tfjs-layers order (kernel, [bias], kernel, [bias]).
 */
export async function writeLayersNet(dir: string, net: LayersNet): Promise<{ path: string; weights: Float32Array[] }> {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [net.inputs], units: net.hidden, activation: net.activation, useBias: net.useBias }),
      tfl.layers.dense({ units: net.outputs, useBias: net.useBias }),
    ],
  });
  const rng = createRng(net.seed);
  const weights = model.getWeights().map((w) => Float32Array.from({ length: w.size }, () => 0.5 * rng.normal()));
  model.setWeights(weights.map((values, i) => tfl.tensor(values, model.getWeights()[i]?.shape)));
  let saved: tfl.io.ModelArtifacts | undefined;
  await model.save(
    tfl.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === undefined || saved.weightData === undefined) throw new Error('tfjs-layers did not save the model');
  await mkdir(dir, { recursive: true });
  const modelJson = {
    modelTopology: saved.modelTopology,
    format: 'layers-model',
    generatedBy: saved.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: ['weights.bin'], weights: saved.weightSpecs }],
  };
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  const data = saved.weightData as ArrayBuffer;
  await writeFile(join(dir, 'weights.bin'), new Uint8Array(data));
  model.dispose();
  return { path: join(dir, 'model.json'), weights };
}
