/**
 * The gradient noise scale beside the batch-size table: B_simple at the initial θ every trial
 * of the study starts from, as a sentence and as the JSON's `noiseScale`.
 */
import type { Dataset } from '@losslens/core';
import type { DefaultLens } from '@losslens/lens';
import { noiseScaleMeasure, type NoiseScaleResult } from '@losslens/health';

/** The `noiseScale` field of the batch-study JSON. */
export interface NoiseScaleJson {
  /** B_simple = tr(Σ)/|G|² (McCandlish et al. 2018), about the critical batch size. */
  bSimple: number;
  /** B_simple rounded to a whole batch size (at least 1); null when not finite. */
  criticalBatchSize: number | null;
  standardError: number;
  traceCovariance: number;
  gradientNormSquared: number;
  smallBatch: number;
  samples: number;
  /** Where it was measured: the initial θ (`model.init(seed)`) of every trial. */
  at: 'initial θ';
  finding: string;
}

/**
 * Measures B_simple for the study's model at `model.init(seed)` on the training rows.
 * @example
 * const noise = await studyNoiseScale(lens, 'mlp:128:relu', train, 0, cwd);
 * io.stdout(`${noise.finding}\n`);
 */
export async function studyNoiseScale(lens: DefaultLens, spec: string, train: Dataset, seed: number, cwd: string): Promise<NoiseScaleJson> {
  const { model } = await lens.model(spec, { inputShape: train.featureShape, outputs: train.outputs, task: train.task, cwd, flag: '--model' });
  const r: NoiseScaleResult = await noiseScaleMeasure({ seed })(model, model.init(seed), train);
  return {
    bSimple: r.bSimple,
    criticalBatchSize: Number.isFinite(r.bSimple) ? Math.max(1, Math.round(r.bSimple)) : null,
    standardError: r.standardError,
    traceCovariance: r.traceCovariance,
    gradientNormSquared: r.gradientNormSquared,
    smallBatch: r.smallBatch,
    samples: r.samples,
    at: 'initial θ',
    finding: `${r.finding}, at the initial θ of every trial`,
  };
}
