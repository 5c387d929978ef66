import * as tf from '@tensorflow/tfjs-core';
import { activate } from '../activations.js';
import { layerError, type BuildSource, type Layer, type ResidualConfig } from './layer.js';

/**
 * A residual block `act(x + body(x))` (He et al. 2016) around already-built body layers. The
 * body must end with the shape it started with; its parameters belong to the children.
 * @example
 * const block = residualLayer(config, [16], 'residual_1', [denseA, denseB], source);
 */
export function residualLayer(
  config: ResidualConfig,
  inputShape: readonly number[],
  name: string,
  children: readonly Layer[],
  source: BuildSource,
): Layer {
  const last = children[children.length - 1];
  if (last === undefined) layerError(source, name, 'a residual block needs at least one layer');
  if (last.outputShape.join(',') !== inputShape.join(',')) {
    layerError(
      source,
      name,
      `the residual body maps [${inputShape.join(', ')}] to [${last.outputShape.join(', ')}]; it must keep the shape`,
      'E_SHAPE',
    );
  }
  const activation = config.activation ?? 'linear';
  return {
    name,
    className: 'ResidualBlock',
    config: { ...config, name },
    inputShape,
    outputShape: inputShape,
    parameters: [],
    state: [],
    children,
    forward(x, context) {
      let h = x;
      for (const child of children) h = child.forward(h, context);
      return activate(activation, tf.add(x, h));
    },
  };
}
