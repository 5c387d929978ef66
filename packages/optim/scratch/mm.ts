import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow } from '@losslens/core';
await initTensorflow({ backend: process.argv[2] ?? 'wasm' });
const x = tf.randomNormal([256, 784]);
const w = tf.randomNormal([784, 128]);
const dh = tf.randomNormal([256, 128]);
const xt = tf.transpose(x);
function time(label: string, f: () => tf.Tensor) {
  for (let i = 0; i < 5; i++) f().dispose();
  const t0 = performance.now();
  const N = 50;
  for (let i = 0; i < N; i++) { const r = f(); r.dataSync(); r.dispose(); }
  console.log(label, ((performance.now() - t0) / N).toFixed(3), 'ms');
}
time('x@w (fwd)', () => tf.matMul(x, w));
time('x^T@dh (transposeA)', () => tf.matMul(x, dh, true, false));
time('xt@dh (pre-transposed)', () => tf.matMul(xt, dh));
time('transpose(x)@dh', () => tf.tidy(() => tf.matMul(tf.transpose(x), dh)));
time('dh@w^T (transposeB)', () => tf.matMul(dh, w, false, true));
time('gather 256 rows of 10000', () => { return tf.tidy(() => tf.gather(tf.zeros([1,1]), [0])); });
