import { expect, it } from 'vitest';
import * as tfjs from '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks, finiteDifferenceGradient } from '@losslens/testing';
import { mse } from './losses.js';
import { equivalentSpec, fromLayersModel, toLayersModel } from './from-layers-model.js';

describeBackends('a LayersModel built in user code, in and out', () => {
  const build = () => {
    const net = tfjs.sequential({
      layers: [tfjs.layers.dense({ units: 5, activation: 'tanh', inputShape: [3] }), tfjs.layers.dense({ units: 2, activation: 'relu' }), tfjs.layers.dense({ units: 1 })],
    });
    return net;
  };

  it('fromLayersModel: θ is the model\'s current weights and the outputs equal predict', async () => {
    const net = build();
    const { model, theta } = await fromLayersModel(net);
    expect(model.parameterCount).toBe(net.countParams());
    const ours = await expectNoLeaks(() =>
      tf.tidy(() => {
        const x = tf.randomNormal([4, 3], 0, 1, 'float32', 7);
        const theirs = (net.predict(x) as tf.Tensor).dataSync();
        const mine = model.apply(tf.tensor1d(theta), x).dataSync();
        return [Array.from(mine), Array.from(theirs)];
      }),
    );
    ours[0]!.forEach((v, i) => expect(v).toBeCloseTo(ours[1]![i]!, 5));
    net.dispose();
  });

  it('the gradient at its own weights matches central finite differences of tfjs-layers\' own loss', async () => {
    const net = build();
    const { model, theta } = await fromLayersModel(net);
    const x = tf.tensor2d([[0.1, -0.4, 0.3], [1, 0.2, -0.5], [-0.3, 0.8, 0.6]]);
    const y = tf.tensor2d([[0.5], [-1], [0.2]]);
    // The reference: the loss of tfjs-layers' own predict with θ written back into the layers.
    const layersLoss = (values: ArrayLike<number>) => {
      const back = tf.tidy(() => {
        let at = 0;
        const tensors = model.layout.map((b) => {
          const t = tf.tensor(Array.from(values).slice(at, at + b.size), [...b.shape]);
          at += b.size;
          return t;
        });
        net.setWeights(tensors);
        return mse(net.predict(x) as tf.Tensor, y).dataSync()[0]!;
      });
      return back;
    };
    const g = tf.tidy(() => tf.grad((t: tf.Tensor) => mse(model.apply(t as tf.Tensor1D, x), y))(tf.tensor1d(theta)).dataSync());
    const reference = finiteDifferenceGradient(layersLoss, Array.from(theta), 1e-3);
    Array.from(g).forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 2));
    tf.dispose([x, y]);
    net.dispose();
  });

  it('toLayersModel builds a tfjs-layers model with the same outputs, and an unsupported layer is named', async () => {
    const net = build();
    const { model, theta } = await fromLayersModel(net);
    const back = await toLayersModel(model, theta, tfjs);
    const [a, b] = tf.tidy(() => {
      const x = tf.randomNormal([2, 3], 0, 1, 'float32', 3);
      return [(net.predict(x) as tf.Tensor).dataSync(), (back.predict(x) as tf.Tensor).dataSync()];
    });
    Array.from(a!).forEach((v, i) => expect(v).toBeCloseTo(b![i]!, 5));
    const lstm = tfjs.sequential({ layers: [tfjs.layers.lstm({ units: 2, inputShape: [4, 3] })] });
    await expect(fromLayersModel(lstm)).rejects.toThrow(/LSTM/);
    for (const m of [net, back, lstm]) m.dispose();
  });
});

it('refuses something that is not a LayersModel', async () => {
  await expect(fromLayersModel({} as never)).rejects.toThrow('fromLayersModel needs a tfjs-layers model (an object with save())');
});

it('equivalentSpec names a chain of dense layers as an mlp spec', async () => {
  const net = tfjs.sequential({ layers: [tfjs.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }), tfjs.layers.dense({ units: 4, activation: 'tanh' }), tfjs.layers.dense({ units: 3, activation: 'softmax' })] });
  const { model } = await fromLayersModel(net);
  expect(equivalentSpec(model)).toBe('mlp:8x4:tanh');
  const mixed = tfjs.sequential({ layers: [tfjs.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }), tfjs.layers.dense({ units: 4, activation: 'relu' }), tfjs.layers.dense({ units: 1 })] });
  expect(equivalentSpec((await fromLayersModel(mixed)).model)).toBeUndefined();
  net.dispose();
  mixed.dispose();
});
