import * as tf from '@tensorflow/tfjs-core';
import { SATURATED_ROW_SHARE, type ActivationSignal } from './signals.js';

/** |tanh| above this is saturated (0.99); sigmoid outside [1 − x, x] with x = (1 + this)/2. */
export const SATURATION_LEVEL = 0.99;

/**
 * Dead-unit and saturated-unit shares of one layer's output `[b, …, units]` (see
 * {@link ActivationSignal}). Other activations get neither share. Reads the tensor back.
 * @example
 * const stats = await activationStats('dense_1', 'relu', output); // { deadShare: 0.25, … }
 */
export async function activationStats(layer: string, activation: string, output: tf.Tensor): Promise<ActivationSignal> {
  const units = output.shape[output.rank - 1] ?? 1;
  const base: ActivationSignal = { layer, activation, units };
  if (activation !== 'relu' && activation !== 'tanh' && activation !== 'sigmoid') return base;
  const share = tf.tidy(() => {
    const rows = tf.reshape(output, [-1, units]); // rows × positions folded together
    if (activation === 'relu') {
      const alive = tf.greater(tf.max(rows, 0), 0);
      return tf.sub(1, tf.mean(tf.cast(alive, 'float32')));
    }
    const saturated =
      activation === 'tanh'
        ? tf.greater(tf.abs(rows), SATURATION_LEVEL)
        : tf.greater(tf.abs(tf.sub(rows, 0.5)), SATURATION_LEVEL / 2);
    const rowShare = tf.mean(tf.cast(saturated, 'float32'), 0);
    return tf.mean(tf.cast(tf.greaterEqual(rowShare, SATURATED_ROW_SHARE), 'float32'));
  });
  const value = ((await share.data())[0] as number) ?? Number.NaN;
  share.dispose();
  return activation === 'relu' ? { ...base, deadShare: value } : { ...base, saturatedShare: value };
}
