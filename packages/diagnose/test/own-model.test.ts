/**
 * A model built with tf.sequential() in the user's own code is diagnosed as it is: its
 * architecture trains (fresh weights, the user's settings), and a chain of dense layers gets its
 * relatives from the equivalent spec.
 */
import { expect, it } from 'vitest';
import * as tfjs from '@tensorflow/tfjs';
import { initTensorflow } from '@losslens/core';
import { makeCurve } from '@losslens/data';
import { diagnose } from '@losslens/diagnose';
import { fromLayersModel } from '@losslens/models';

it('diagnoses a tf.sequential() model: a single dense layer on a sine curve is model bias', async () => {
  await initTensorflow({ backend: 'wasm' });
  const net = tfjs.sequential({ layers: [tfjs.layers.dense({ units: 1, inputShape: [1] })] });
  const { model } = await fromLayersModel(net);
  const d = await diagnose({ train: makeCurve({ n: 200, seed: 1 }), model, budget: 'quick', epochs: 40, seed: 1 });
  expect(d.model).toBe(model.spec);
  const flexible = d.measurements.others.filter((r) => r.role === 'flexible');
  expect(flexible.map((r) => r.spec)).toContain('mlp:32:relu'); // relatives of its equivalent spec, linear
  expect(d.measurements.user.parameters).toBe(net.countParams());
  expect(d.verdict).toBe('model-bias');
  net.dispose();
});
