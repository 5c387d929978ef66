/**
 * Choosing the TensorFlow.js backend: the default in Node is wasm; `cpu` is always there;
 * `tensorflow` (libtensorflow through @tensorflow/tfjs-node) only when installed.
 */
// #region main
import * as tf from '@tensorflow/tfjs-core';
import { initTensorflow, listBackends } from '@losslens/core';

/** Lists the backends of this machine, then activates one by name. */
export async function main() {
  const rows = await listBackends(); // tries each; leaves the default active
  const defaultBackend = tf.getBackend(); // 'wasm' in Node
  const { backend } = await initTensorflow({ backend: 'cpu' }); // by name: throws if it cannot start
  let missing: string | undefined;
  try {
    await initTensorflow({ backend: 'webgl' }); // a browser backend, unknown in Node
  } catch (error) {
    missing = (error as Error).message;
  }
  await initTensorflow(); // back to the default
  return { rows, defaultBackend, chosen: backend, missing };
}
// #endregion main
