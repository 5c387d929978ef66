import { activate } from '../activations.js';
import type { ActivationConfig, Layer } from './layer.js';

/**
 * An activation as its own layer (tfjs-layers `Activation`).
 * @example
 * const layer = activationLayer({ type: 'activation', activation: 'relu' }, [4], 'activation_1');
 */
export function activationLayer(config: ActivationConfig, inputShape: readonly number[], name: string): Layer {
  return {
    name,
    className: 'Activation',
    config: { ...config, name },
    inputShape,
    outputShape: inputShape,
    parameters: [],
    state: [],
    children: [],
    forward: (x) => activate(config.activation, x),
  };
}
