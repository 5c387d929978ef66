/**
 * The gradient noise scale of McCandlish et al. 2018 ("An Empirical Model of Large-Batch
 * Training"), B_simple = tr(Σ) / |G|²: about the batch size beyond which larger batches stop
 * paying off (the critical batch size).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, InputError, type Dataset, type LossFunction, type Model } from '@losslens/core';
import { toTensors } from '@losslens/data';
import { lossForTask, type LosslensModel } from '@losslens/models';

/** Options of {@link gradientNoiseScale}. */
export interface NoiseScaleOptions {
  model: Model;
  data: Dataset;
  /** Where to measure. Default `model.init(seed)`. */
  theta?: Float32Array;
  /** Default: the task's loss. */
  loss?: LossFunction;
  /** Rows of each small batch, drawn with replacement. Default 8. */
  smallBatch?: number;
  /** Small batches to average. Default 64. */
  samples?: number;
  /** Rows per forward pass of the full gradient (memory only). Default 4096. */
  chunk?: number;
  /** Default 0. */
  seed?: number;
}

/** What {@link gradientNoiseScale} measured. */
export interface NoiseScaleResult {
  /** B_simple = tr(Σ) / |G|². */
  bSimple: number;
  /** tr(Σ): the per-sample gradient covariance's trace, estimated as B·(mean|G_B|² − |G|²). */
  traceCovariance: number;
  /** |G|² of the full-data gradient (exact). */
  gradientNormSquared: number;
  /** Standard error of `bSimple` from the spread of the small-batch |G_B|². */
  standardError: number;
  smallBatch: number;
  samples: number;
  /** One sentence for reports. */
  finding: string;
}

/**
 * Estimates B_simple at θ: the exact full-data gradient G, and `samples` gradients of small
 * batches of `smallBatch` rows drawn with replacement, whose E|G_B|² = |G|² + tr(Σ)/B
 * (Σ the population covariance of per-sample gradients) gives the unbiased
 * tr(Σ) = B·(mean|G_B|² − |G|²). Leaves no tensors.
 * @example
 * const noise = await gradientNoiseScale({ model, data: train, theta });
 * noise.finding; // "the critical batch size for this model and data is about 120 (B_simple ± 15)"
 */
export async function gradientNoiseScale(options: NoiseScaleOptions): Promise<NoiseScaleResult> {
  const { model, data } = options;
  const smallBatch = options.smallBatch ?? 8;
  const samples = options.samples ?? 64;
  const chunk = options.chunk ?? 4096;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(smallBatch) || smallBatch < 1) throw new InputError('E_VALUE', `gradientNoiseScale: smallBatch must be a whole number ≥ 1, got ${smallBatch}`);
  if (!Number.isInteger(samples) || samples < 2) throw new InputError('E_VALUE', `gradientNoiseScale: samples must be a whole number ≥ 2, got ${samples}`);
  if (data.n < 2) throw new InputError('E_TOO_FEW_ROWS', `gradientNoiseScale: data "${data.name}" has ${data.n} rows, needs 2`);
  const initial = options.theta ?? model.init(seed);
  if (initial.length !== model.parameterCount) throw new InputError('E_SHAPE', `gradientNoiseScale: θ has ${initial.length} values, model "${model.spec}" has ${model.parameterCount}`);
  const loss = options.loss ?? lossForTask(data.task, model as Partial<LosslensModel> as LosslensModel);
  const rng = createRng(seed).fork('noise-scale');
  const all = toTensors(data);
  const theta = tf.tensor1d(initial);
  const gradientOf = (x: tf.Tensor, y: tf.Tensor) => tf.grad((t: tf.Tensor) => loss(model.apply(t as tf.Tensor1D, x), y))(theta) as tf.Tensor1D;
  try {
    // Full-data gradient, chunk by chunk (each chunk's loss is a mean, so weight by its rows).
    let full = tf.zeros([model.parameterCount]) as tf.Tensor1D;
    for (let start = 0; start < data.n; start += chunk) {
      const rows = Math.min(chunk, data.n - start);
      const next = tf.tidy(() => {
        const x = tf.slice(all.x, [start, ...all.x.shape.slice(1).map(() => 0)], [rows, ...all.x.shape.slice(1)]);
        const y = tf.slice(all.y, [start, 0], [rows, all.y.shape[1] ?? 1]);
        return tf.add(full, tf.mul(gradientOf(x, y), rows / data.n)) as tf.Tensor1D;
      });
      full.dispose();
      full = next;
    }
    const g2 = ((await readDispose(tf.tidy(() => tf.sum(tf.square(full)))))[0] as number) ?? Number.NaN;
    full.dispose();
    const norms: number[] = [];
    for (let k = 0; k < samples; k++) {
      const rows = Int32Array.from({ length: smallBatch }, () => rng.int(data.n));
      const value = tf.tidy(() => {
        const index = tf.tensor1d(rows, 'int32');
        return tf.sum(tf.square(gradientOf(tf.gather(all.x, index), tf.gather(all.y, index))));
      });
      norms.push(((await readDispose(value))[0] as number) ?? Number.NaN);
    }
    const mean = norms.reduce((a, b) => a + b, 0) / samples;
    const variance = norms.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples - 1);
    const traceCovariance = smallBatch * (mean - g2);
    const bSimple = traceCovariance / g2;
    const standardError = (smallBatch * Math.sqrt(variance / samples)) / g2;
    const finding = `the critical batch size for this model and data is about ${Number.isFinite(bSimple) ? Math.max(1, Math.round(bSimple)) : bSimple} (B_simple = tr(Σ)/|G|² = ${bSimple.toPrecision(3)} ± ${standardError.toPrecision(2)}, from ${samples} batches of ${smallBatch})`;
    return { bSimple, traceCovariance, gradientNormSquared: g2, standardError, smallBatch, samples, finding };
  } finally {
    tf.dispose([theta, all.x, all.y]);
  }
}

async function readDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/**
 * A `measureNoiseScale` callback for @losslens/optim's `batchStudy`: {@link gradientNoiseScale}
 * at the θ it is given, on the study's training data.
 * @example
 * const { noiseScale } = await batchStudy({ ..., measureNoiseScale: noiseScaleMeasure() });
 * noiseScale?.finding; // "the critical batch size for this model and data is about 40 (…)"
 */
export function noiseScaleMeasure(options: Omit<NoiseScaleOptions, 'model' | 'data' | 'theta'> = {}): (model: Model, theta: Float32Array, train: Dataset) => Promise<NoiseScaleResult> {
  return (model, theta, train) => gradientNoiseScale({ ...options, model, data: train, theta });
}
