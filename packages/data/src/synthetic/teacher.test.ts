import * as tf from '@tensorflow/tfjs-core';
import { describeBackends, expectNoLeaks } from '@losslens/testing';
import { expect, it } from 'vitest';
import { makeTeacher, type TeacherDataset } from './teacher.js';

/** The teacher's outputs recomputed densely with tfjs from its published layers. */
function denseForward(ds: TeacherDataset): Float32Array {
  return tf.tidy(() => {
    let h: tf.Tensor = tf.tensor2d(ds.features, [ds.n, ds.featureShape[0] as number]);
    ds.truth.layers.forEach((layer, l) => {
      const w = tf.tensor2d(Float32Array.from(layer.weights), [layer.fanIn, layer.fanOut]);
      h = tf.add(tf.matMul(h, w), tf.tensor1d(Float32Array.from(layer.bias)));
      if (l + 1 < ds.truth.layers.length) h = ds.truth.activation === 'tanh' ? tf.tanh(h) : tf.relu(h);
    });
    return h.dataSync() as Float32Array;
  });
}

describeBackends('makeTeacher', () => {
  it('noise-free regression targets equal a dense tfjs forward pass of the published teacher', async () => {
    const ds = makeTeacher({ n: 64, inputs: 3, hidden: [8, 5], outputs: 2, noise: 0, seed: 4 });
    expect(ds.featureShape).toEqual([3]);
    expect(ds.truth.layers.map((l) => [l.fanIn, l.fanOut])).toEqual([[3, 8], [8, 5], [5, 2]]);
    await expectNoLeaks(() => {
      const reference = denseForward(ds);
      reference.forEach((v, k) => expect(ds.targets[k]).toBeCloseTo(v, 4));
    });
  });

  it('classification labels are the argmax of the teacher (relu hidden layer)', () => {
    const ds = makeTeacher({ n: 200, task: 'classification', outputs: 3, activation: 'relu', seed: 1 });
    expect(ds.classNames).toEqual(['0', '1', '2']);
    const logits = denseForward(ds);
    let mismatches = 0;
    for (let i = 0; i < ds.n; i++) {
      const row = Array.from(logits.subarray(3 * i, 3 * i + 3));
      if (row.indexOf(Math.max(...row)) !== ds.targets[i]) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(new Set(ds.targets).size).toBeGreaterThan(1);
  });
});

it('the teacher depends on the seed, not on n; the noise has the requested std', () => {
  const a = makeTeacher({ n: 10, seed: 2 });
  const b = makeTeacher({ n: 3000, seed: 2, noise: 0.5 });
  expect(a.truth.layers[0]?.weights).toEqual(b.truth.layers[0]?.weights);
  expect(makeTeacher({ seed: 3 }).truth.layers[0]?.weights).not.toEqual(a.truth.layers[0]?.weights);
  let squares = 0;
  for (let i = 0; i < b.n; i++) {
    const row = Array.from(b.features.subarray(4 * i, 4 * i + 4));
    squares += ((b.targets[i] as number) - (b.truth.f!(row)[0] as number)) ** 2;
  }
  expect(Math.abs(Math.sqrt(squares / b.n) - 0.5)).toBeLessThan(0.03);
  expect(() => makeTeacher({ task: 'classification', outputs: 1 })).toThrow('classes must be a whole number ≥ 2, got 1');
});
