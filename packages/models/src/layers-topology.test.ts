import { expect, it } from 'vitest';
import { parseTopology, writeTopology } from './layers-topology.js';
import { createModel } from './spec.js';

it('reads Keras 3 batch_shape, list-style Sequential configs and list BN axes', () => {
  const keras3 = {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'seq',
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 6, 6, 1], name: 'input_layer' } },
          { class_name: 'Conv2D', config: { name: 'c', filters: 2, kernel_size: [3, 3], strides: [1, 1], activation: 'relu' } },
          { class_name: 'BatchNormalization', config: { name: 'bn', axis: [3] } },
          { class_name: 'MaxPooling2D', config: { name: 'p', pool_size: [2, 2], strides: null } },
          { class_name: 'Flatten', config: { name: 'f' } },
          { class_name: 'Dense', config: { name: 'd', units: 1, activation: 'Sigmoid' } },
        ],
      },
    },
  };
  const parsed = parseTopology(keras3, 'k.json');
  expect(parsed.inputShape).toEqual([6, 6, 1]);
  expect(parsed.layers.map((l) => l.type)).toEqual(['conv2d', 'batchNorm', 'maxPool2d', 'flatten', 'dense']);
  expect(parsed.layers[1]).toMatchObject({ axis: 3 });
  expect(parsed.layers[2]).toMatchObject({ poolSize: [2, 2], strides: [2, 2] });
  expect(parsed.layers[4]).toMatchObject({ activation: 'sigmoid' });

  const listStyle = { class_name: 'Sequential', config: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3] } }] };
  expect(parseTopology({ modelTopology: listStyle }, 'old.json')).toMatchObject({ inputShape: [3], layers: [{ type: 'dense', units: 2 }] });
});

it('refuses what it cannot represent, naming the layer', () => {
  const one = (layer: object) => ({
    modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'InputLayer', config: { batch_input_shape: [null, 4, 4, 1] } }, layer] } },
  });
  expect(() => parseTopology(one({ class_name: 'Conv2D', config: { name: 'c', filters: 1, kernel_size: 3, dilation_rate: [2, 2] } }), 'm.json')).toThrow(
    'm.json: layer c: dilation_rate [2,2] is not supported',
  );
  expect(() => parseTopology(one({ class_name: 'Conv2D', config: { name: 'c', filters: 1, kernel_size: 3, data_format: 'channels_first' } }), 'm.json')).toThrow(
    'm.json: layer c: data_format "channels_first" is not supported (only channels_last)',
  );
  expect(() => parseTopology(one({ class_name: 'MaxPooling2D', config: { name: 'p', pool_size: [2, 2], padding: 'causal' } }), 'm.json')).toThrow(
    'm.json: layer p: padding "causal" is not supported (valid or same)',
  );
  expect(() => parseTopology([], 'm.json')).toThrow('m.json: not a tfjs-layers model.json (expected a JSON object with "modelTopology")');
  expect(() => parseTopology({ weightsManifest: [] }, 'm.json')).toThrow('m.json: has no "modelTopology" object; is it a tfjs-layers model.json?');
});

it('writes a Sequential topology that parses back to the same layers', () => {
  const model = createModel('cnn:2c3same-p2-bn-d0.1:tanh:4', { inputShape: [6, 6, 1], outputs: 3 });
  const topology = writeTopology(model.layers, model.inputShape, 'seq');
  const parsed = parseTopology({ modelTopology: topology }, 'x');
  expect(parsed.inputShape).toEqual([6, 6, 1]);
  expect(parsed.layers).toEqual(
    model.layers.map((l) => expect.objectContaining({ type: l.config.type, name: l.name })),
  );
});
