/**
 * 2-D loss surfaces with filter-normalized random directions (Li, Xu, Taylor, Studer &
 * Goldstein 2018, "Visualizing the Loss Landscape of Neural Nets"): each filter of a random
 * direction is rescaled to the norm of the same filter of θ, so surfaces of differently scaled
 * networks are comparable.
 */
import { createRng, InputError } from '@losslens/core';
import type { EventChannel, ParameterBlock } from '@losslens/core';
import { assertLength, type ThetaObjective } from './objective.js';

/** What to do with 1-D blocks (biases, batch-norm parameters). */
export type OneDimensionalBlocks = 'ignore' | 'copy';

/** Options for {@link filterNormalizedDirection}. */
export interface DirectionOptions {
  /**
   * 'ignore' (default, Li et al.'s `ignore='biasbn'`): zero the direction on 1-D blocks;
   * 'copy': use θ's own values there (their code's alternative).
   */
  oneDimensional?: OneDimensionalBlocks;
}

/**
 * A random Gaussian direction, filter-normalized: in every block of rank ≥ 2 a filter is the
 * slice along the LAST axis (one output unit of a dense kernel `[in, out]`, one output channel
 * of a conv kernel `[kh, kw, in, out]`, as Li et al.'s per-output-channel filters), rescaled so
 * ‖d_filter‖ = ‖θ_filter‖. Without a layout θ counts as one filter (‖d‖ = ‖θ‖).
 * @example
 * const d = filterNormalizedDirection(theta, model.layout, 1);
 */
export function filterNormalizedDirection(
  theta: Float32Array,
  layout: readonly ParameterBlock[] | undefined,
  seed: number,
  options: DirectionOptions = {},
): Float32Array {
  const rng = createRng(seed).fork('direction');
  const d = Float64Array.from(theta, () => rng.normal());
  const blocks: readonly Pick<ParameterBlock, 'shape' | 'offset' | 'size' | 'name'>[] = layout ?? [
    { name: 'theta', shape: [1, theta.length], offset: 0, size: theta.length },
  ];
  const covered = new Uint8Array(theta.length);
  for (const block of blocks) {
    if (block.offset < 0 || block.offset + block.size > theta.length) {
      throw new InputError('E_SHAPE', `block "${block.name}" (offset ${block.offset}, size ${block.size}) does not fit in ${theta.length} parameters`);
    }
    covered.fill(1, block.offset, block.offset + block.size);
    if (block.shape.length < 2) {
      for (let i = 0; i < block.size; i++) {
        d[block.offset + i] = options.oneDimensional === 'copy' ? (theta[block.offset + i] as number) : 0;
      }
      continue;
    }
    const filters = block.shape[block.shape.length - 1] as number;
    for (let f = 0; f < filters; f++) {
      let dNorm = 0;
      let tNorm = 0;
      for (let i = block.offset + f; i < block.offset + block.size; i += filters) {
        dNorm += (d[i] as number) ** 2;
        tNorm += (theta[i] as number) ** 2;
      }
      const scale = Math.sqrt(tNorm) / (Math.sqrt(dNorm) + 1e-10);
      for (let i = block.offset + f; i < block.offset + block.size; i += filters) d[i] = (d[i] as number) * scale;
    }
  }
  covered.forEach((c, i) => {
    if (c === 0) d[i] = 0;
  });
  return Float32Array.from(d);
}

/** Options for {@link filterNormalizedSurface}. */
export interface SurfaceOptions extends DirectionOptions {
  /** The parameter layout (default: the objective's). */
  layout?: readonly ParameterBlock[];
  /** The grid spans [−range, range] along both directions (default 1). */
  range?: number;
  /** Grid points per axis (default 21). */
  points?: number;
  /** Seed of the two random directions (default 0). */
  seed?: number;
  /** Use these two directions instead of random filter-normalized ones. */
  directions?: [Float32Array, Float32Array];
  /** Receives `{ type: 'progress', task: 'landscape', done, total }` after each grid row. */
  events?: EventChannel;
}

/** The loss on a 2-D grid around θ. */
export interface LossSurface {
  /** Coefficients along the first direction. */
  x: number[];
  /** Coefficients along the second direction. */
  y: number[];
  /** loss[j][i] = L(θ + x_i·δ + y_j·η). */
  loss: number[][];
  directions: [Float32Array, Float32Array];
}

/**
 * Evaluates L(θ + αδ + βη) on a grid, δ and η filter-normalized random directions (Li et al. 2018).
 * @example
 * const { x, y, loss } = filterNormalizedSurface(objective, theta, { points: 25 });
 */
export function filterNormalizedSurface(
  objective: Pick<ThetaObjective, 'loss' | 'parameterCount' | 'layout'>,
  theta: Float32Array,
  options: SurfaceOptions = {},
): LossSurface {
  assertLength(objective, theta, 'theta');
  const range = options.range ?? 1;
  const points = options.points ?? 21;
  if (!Number.isInteger(points) || points < 2) throw new InputError('E_VALUE', `points must be an integer ≥ 2, got ${points}`);
  if (!(range > 0)) throw new InputError('E_VALUE', `range must be positive, got ${range}`);
  const layout = options.layout ?? objective.layout;
  const seed = options.seed ?? 0;
  const directions: [Float32Array, Float32Array] = options.directions ?? [
    filterNormalizedDirection(theta, layout, seed * 2 + 1, options),
    filterNormalizedDirection(theta, layout, seed * 2 + 2, options),
  ];
  for (const d of directions) assertLength(objective, d, 'a direction');
  const axis = Array.from({ length: points }, (_, i) => -range + (2 * range * i) / (points - 1));
  const [delta, eta] = directions;
  const loss = axis.map((b, j) => {
    const row = axis.map((a) => objective.loss(Float32Array.from(theta, (t, k) => t + a * (delta[k] as number) + b * (eta[k] as number))));
    options.events?.emit({ type: 'progress', task: 'landscape', done: j + 1, total: points, message: `${(j + 1) * points} of ${points * points} points` });
    return row;
  });
  return { x: axis, y: axis.slice(), loss, directions };
}
