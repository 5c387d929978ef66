/** What a health detector returns. */

/** The detectors {@link detectHealth} runs, in report order. */
export const detectorNames = [
  'non-finite',
  'vanishing-gradients',
  'exploding-gradients',
  'dying-relu',
  'saturation',
  'oscillating-loss',
  'plateau',
  'learning-rate-too-large',
  'learning-rate-too-small',
  'initial-loss',
] as const;

/** A detector's name (the analysis `health/<name>` runs it). */
export type DetectorName = (typeof detectorNames)[number];

/** One detector's verdict on a run's signals: fired or not, the measured value and its threshold. */
export interface Detection {
  detector: DetectorName;
  fired: boolean;
  /** One sentence with the measured value and the threshold. */
  finding: string;
  /** The measured value compared with `threshold` (NaN when the signals do not allow it). */
  value: number;
  threshold: number;
  /** The layers or blocks it fired for, in model order. */
  layers?: string[];
  /** The epoch it refers to (e.g. the first non-finite one). */
  epoch?: number;
  /** Supporting numbers, e.g. per-layer values. */
  values?: Record<string, unknown>;
}

/** Significant digits for findings. */
export const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

/** Median of finite values (NaN when none). */
export function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** `dense_1/kernel` → `dense_1`. */
export const layerOf = (block: string): string => block.replace(/\/[^/]+$/, '');
