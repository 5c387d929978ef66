/**
 * One measurement of a tfjs-layers model on a fixed probe batch, as the health detectors read it:
 * the probe loss, per weight its probe-gradient norm, weight norm and finiteness, and per layer
 * of a chain its activation statistics. Reads back once per measurement (plus once per layer).
 */
import * as tf from '@tensorflow/tfjs-core';
import { activationStats, type ActivationSignal, type BlockSignal } from '@losslens/health';
import type { LayerLike, WatchedModel } from './layers-protocol.js';

/** A loss of a batch: `(yTrue, yPred) → scalar` (mean over rows). */
export type BatchLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** The compiled model's loss as a batch mean (its first output's per-sample loss). */
export function compiledLoss(model: WatchedModel): BatchLoss {
  const perSample = model.lossFunctions?.[0];
  if (perSample === undefined) throw new Error('watch: the model is not compiled (no loss); compile it or pass watch({ loss })');
  return (yTrue, yPred) => tf.mean(perSample(yTrue, yPred));
}

/** The layers after the input layer when the model is a plain chain (each layer fed by the one before), else undefined. */
export function chainLayers(model: WatchedModel): LayerLike[] | undefined {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  for (let i = 1; i < layers.length; i++) {
    const nodes = (layers[i] as unknown as { inboundNodes?: { inboundLayers?: unknown[] }[] }).inboundNodes;
    const inbound = nodes?.[0]?.inboundLayers;
    if (nodes === undefined || nodes.length !== 1 || inbound?.length !== 1 || inbound[0] !== layers[i - 1]) return undefined;
  }
  return layers;
}

/** The activation a layer ends with (`relu`, `tanh`, …; `linear` when none). */
export function layerActivation(layer: LayerLike): string {
  const a = layer.getConfig().activation;
  return typeof a === 'string' ? a : 'linear';
}

/** The trainable weights as health blocks: name, whether it is a weight matrix (rank ≥ 2). */
export function weightBlocks(model: WatchedModel): { name: string; weight: boolean }[] {
  return model.trainableWeights.map((w) => ({ name: w.name, weight: w.shape.length >= 2 }));
}

/** What {@link measureLayers} returns (update ratios are the caller's). */
export interface LayerMeasurement {
  probeLoss: number;
  blocks: Omit<BlockSignal, 'updateRatio'>[];
  activations: ActivationSignal[];
}

/**
 * Measures the model on the probe batch in evaluation mode (dropout off). Leaves no tensors.
 * @example
 * const m = await measureLayers(model, probe, compiledLoss(model)); // m.blocks[0].gradientNorm
 */
export async function measureLayers(model: WatchedModel, probe: { x: tf.Tensor; y: tf.Tensor }, loss: BatchLoss): Promise<LayerMeasurement> {
  const weights = model.trainableWeights;
  const variables = weights.map((w) => w.read() as tf.Variable);
  const packed = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => loss(probe.y, model.apply(probe.x, { training: false }) as tf.Tensor) as tf.Scalar, variables);
    const norm = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t)));
    const parts: tf.Tensor[] = [tf.reshape(value, [1])];
    for (const v of variables) parts.push(tf.reshape(norm(grads[v.name] ?? tf.zeros(v.shape)), [1]));
    for (const v of variables) parts.push(tf.reshape(norm(v), [1]));
    for (const v of variables) parts.push(tf.reshape(tf.sum(tf.cast(tf.logicalNot(tf.isFinite(v)), 'float32')), [1]));
    return tf.concat(parts);
  });
  const values = await packed.data();
  packed.dispose();
  const n = weights.length;
  const blocks = weights.map((w, i) => ({
    block: w.name,
    weight: w.shape.length >= 2,
    gradientNorm: values[1 + i] as number,
    weightNorm: values[1 + n + i] as number,
    finite: values[1 + 2 * n + i] === 0,
  }));
  const activations: ActivationSignal[] = [];
  const chain = chainLayers(model);
  if (chain !== undefined) {
    const outputs: { layer: LayerLike; output: tf.Tensor }[] = [];
    try {
      tf.tidy(() => {
        let out: tf.Tensor = probe.x;
        for (const layer of chain) {
          out = layer.apply(out, { training: false }) as tf.Tensor;
          outputs.push({ layer, output: tf.keep(out) });
        }
      });
      // Hidden layers only (the output layer's activation is the loss's business), as recordHealth does.
      for (const { layer, output } of outputs.slice(0, -1)) activations.push(await activationStats(layer.name, layerActivation(layer), output));
    } finally {
      tf.dispose(outputs.map((o) => o.output));
    }
  }
  return { probeLoss: values[0] as number, blocks, activations };
}
