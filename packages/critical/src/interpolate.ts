/**
 * 1-D linear interpolation between two solutions (Goodfellow et al. 2015; Keskar et al.'s
 * small- vs large-batch plots): L((1 − α)θ_A + αθ_B) along a line through both.
 */
import { InputError, type EventChannel } from '@losslens/core';
import { assertLength, type ThetaObjective } from './objective.js';

/** Options for {@link interpolate1d}. */
export interface InterpolationOptions {
  /** First α (default −0.5: θ_A is α = 0). */
  from?: number;
  /** Last α (default 1.5: θ_B is α = 1). */
  to?: number;
  /** Number of α values, evenly spaced (default 41). */
  points?: number;
  /** More losses to evaluate along the same line, e.g. `{ validation: validationObjective }`. */
  extra?: Record<string, Pick<ThetaObjective, 'loss' | 'parameterCount'>>;
  /** Receives `{ type: 'progress', task: 'interpolation', done, total }` after each α. */
  events?: EventChannel;
}

/** Losses along the line. */
export interface Interpolation {
  alpha: number[];
  /** The objective's loss at each α. */
  loss: number[];
  /** Each extra objective's loss at each α. */
  extra: Record<string, number[]>;
}

/**
 * Evaluates the loss along θ(α) = (1 − α)θ_A + αθ_B for evenly spaced α in [from, to].
 * @example
 * const { alpha, loss } = interpolate1d(objective, smallBatchTheta, largeBatchTheta);
 */
export function interpolate1d(
  objective: Pick<ThetaObjective, 'loss' | 'parameterCount'>,
  thetaA: Float32Array,
  thetaB: Float32Array,
  options: InterpolationOptions = {},
): Interpolation {
  assertLength(objective, thetaA, 'theta A');
  assertLength(objective, thetaB, 'theta B');
  const from = options.from ?? -0.5;
  const to = options.to ?? 1.5;
  const points = options.points ?? 41;
  if (!Number.isInteger(points) || points < 2) throw new InputError('E_VALUE', `points must be an integer ≥ 2, got ${points}`);
  if (!(to > from)) throw new InputError('E_VALUE', `the α range must increase, got from ${from} to ${to}`);
  const extras = Object.entries(options.extra ?? {});
  for (const [name, extra] of extras) assertLength(extra, thetaA, `theta A (for "${name}")`);
  const alpha = Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
  const at = (a: number) => Float32Array.from(thetaA, (t, i) => (1 - a) * t + a * (thetaB[i] as number));
  const loss: number[] = [];
  const extra: Record<string, number[]> = Object.fromEntries(extras.map(([name]) => [name, []]));
  alpha.forEach((a, i) => {
    const theta = at(a);
    loss.push(objective.loss(theta));
    for (const [name, other] of extras) extra[name]!.push(other.loss(theta));
    options.events?.emit({ type: 'progress', task: 'interpolation', done: i + 1, total: points });
  });
  return { alpha, loss, extra };
}
