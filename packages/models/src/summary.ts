/**
 * A model summary like tfjs-vis's `modelSummary` / Keras's `model.summary()`: each layer with
 * its output shape and parameter count, and the totals.
 */
import type { Layer } from './layers/layer.js';
import { sizeOf } from './layers/layer.js';
import type { Model } from '@losslens/core';
import { isLosslensModel } from './resolve-model.js';

/** One row of a {@link ModelSummary}. */
export interface LayerSummary {
  name: string;
  /** The tfjs-layers class (`Dense`, `Conv2D`, …; `ResidualBlock` for a residual block). */
  type: string;
  /** With the batch axis as `null`, as tfjs-layers prints it. */
  outputShape: (number | null)[];
  /** All weights of the layer, as tfjs-layers' `countParams()` (includes batch-norm moving statistics). */
  parameters: number;
  /** Weights in θ. */
  trainable: number;
  /** Weights outside θ (batch-norm moving mean and variance). */
  nonTrainable: number;
  /** 0 for top-level layers, 1 for layers inside a residual block. */
  depth: number;
}

/** What {@link modelSummary} returns. */
export interface ModelSummary {
  spec: string;
  inputShape: (number | null)[];
  outputs: number;
  layers: LayerSummary[];
  /** Equals tfjs-layers' `model.countParams()` for the same architecture. */
  totalParameters: number;
  /** The length of θ. */
  trainableParameters: number;
  nonTrainableParameters: number;
}

function rows(layer: Layer, depth: number): LayerSummary[] {
  const children = layer.children.flatMap((c) => rows(c, depth + 1));
  const own = (list: readonly { shape: readonly number[] }[]) => list.reduce((n, p) => n + sizeOf(p.shape), 0);
  const direct = children.filter((c) => c.depth === depth + 1);
  const trainable = own(layer.parameters) + direct.reduce((n, c) => n + c.trainable, 0);
  const nonTrainable = own(layer.state) + direct.reduce((n, c) => n + c.nonTrainable, 0);
  return [
    {
      name: layer.name,
      type: layer.className,
      outputShape: [null, ...layer.outputShape],
      parameters: trainable + nonTrainable,
      trainable,
      nonTrainable,
      depth,
    },
    ...children,
  ];
}

/**
 * Per-layer output shapes and parameter counts of a model. Residual blocks appear as one row
 * with their totals, followed by their layers at depth 1.
 * @example
 * const summary = modelSummary(createModel('mlp:64:relu', { inputShape: [4], outputs: 1 }));
 * summary.totalParameters; // 4·64 + 64 + 64·1 + 1 = 385
 */
export function modelSummary(model: Model): ModelSummary {
  if (!isLosslensModel(model)) return blockSummary(model);
  const layers = model.layers.flatMap((l) => rows(l, 0));
  const top = layers.filter((l) => l.depth === 0);
  const trainable = top.reduce((n, l) => n + l.trainable, 0);
  const nonTrainable = top.reduce((n, l) => n + l.nonTrainable, 0);
  return {
    spec: model.spec,
    inputShape: [null, ...model.inputShape],
    outputs: model.outputs,
    layers,
    totalParameters: trainable + nonTrainable,
    trainableParameters: trainable,
    nonTrainableParameters: nonTrainable,
  };
}

const shapeText = (shape: readonly (number | null)[]) => `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * A plain-text table of a summary (Keras style), ending with a newline.
 * @example
 * process.stdout.write(formatSummary(modelSummary(model)));
 */
export function formatSummary(summary: ModelSummary): string {
  const header = ['Layer (type)', 'Output shape', 'Param #'];
  const body = summary.layers.map((l) => [`${'  '.repeat(l.depth)}${l.name} (${l.type})`, shapeText(l.outputShape), count(l.parameters)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('   ').trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 6);
  return [
    `Model: ${summary.spec}`,
    `Input shape: ${shapeText(summary.inputShape)}   Outputs: ${summary.outputs}`,
    rule,
    line(header),
    rule,
    ...body.map(line),
    rule,
    `Total params: ${count(summary.totalParameters)}`,
    `Trainable params: ${count(summary.trainableParameters)}`,
    `Non-trainable params: ${count(summary.nonTrainableParameters)}`,
    '',
  ].join('\n');
}

/** A plugin's model has no layers this package knows: one row per block of θ. */
function blockSummary(model: Model): ModelSummary {
  return {
    spec: model.spec,
    inputShape: [null, ...model.inputShape],
    outputs: model.outputs,
    layers: model.layout.map((b) => ({ name: b.name, type: 'parameters', outputShape: [...b.shape], parameters: b.size, trainable: b.size, nonTrainable: 0, depth: 0 })),
    totalParameters: model.parameterCount,
    trainableParameters: model.parameterCount,
    nonTrainableParameters: 0,
  };
}
