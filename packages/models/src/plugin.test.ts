import { expect, it } from 'vitest';
import { createLens } from '@losslens/core';
import { models } from './plugin.js';

it('registers the model families through the plugin contract', async () => {
  const lens = await createLens({ plugins: [models()], backend: 'cpu' });
  expect(lens.models.keys().sort()).toEqual(['models/cnn', 'models/linear', 'models/mlp', 'models/resnet-mlp', 'models/spec']);
  expect(lens.models.owner('models/mlp')).toBe('@losslens/models');
  const mlp = lens.models.get('models/mlp')({ inputShape: [4], outputs: 1, hidden: [8], activation: 'tanh' });
  expect(mlp.spec).toBe('mlp:8:tanh');
  expect(mlp.parameterCount).toBe(4 * 8 + 8 + 8 + 1);
  expect(lens.models.get('models/mlp')({ inputShape: [4], outputs: 1 }).spec).toBe('mlp:64x64:relu');
  expect(lens.models.get('models/cnn')({ inputShape: [8, 8, 1], outputs: 2, layers: '4c3-p2', head: [6] }).spec).toBe('cnn:4c3-p2:relu:6');
  expect(lens.models.get('models/resnet-mlp')({ inputShape: [3], outputs: 1, width: 8, blocks: 3 }).spec).toBe('resnet-mlp:8x3:relu');
  expect(lens.models.get('models/spec')({ inputShape: [3], outputs: 1, spec: 'linear' }).parameterCount).toBe(4);
  expect(() => lens.models.get('models/spec')({ inputShape: [3], outputs: 1 })).toThrow('models/spec needs a "spec" option, got undefined');
  expect(() => lens.models.get('models/mlp')({ inputShape: [3], outputs: 1, activation: 'swish' })).toThrow(/unknown activation "swish"/);
});
