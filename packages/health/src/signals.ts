/**
 * The signals a training run leaves behind, as {@link recordHealth} records them: what every
 * health detector reads. Plain numbers (JSON-safe apart from non-finite values), no tensors.
 */
import type { Task } from '@losslens/core';

/** One parameter block (`dense_1/kernel`) at the end of an epoch. */
export interface BlockSignal {
  /** The block's name in `model.layout`. */
  block: string;
  /** True for weight matrices and kernels (rank ≥ 2); false for biases, γ/β. */
  weight: boolean;
  /** ‖∂L/∂θ_block‖₂ of the probe-batch loss at the epoch-end θ. */
  gradientNorm: number;
  /** ‖θ_block‖₂ at the epoch-end θ. */
  weightNorm: number;
  /**
   * mean‖Δθ_block‖ / mean‖θ_block‖ over the epoch's updates (‖θ‖ before each update); NaN for
   * epoch 0 and for a block that stayed zero.
   */
  updateRatio: number;
  /** Whether every value of the block is finite at the epoch-end θ. */
  finite: boolean;
}

/** One layer's activations on the probe batch at the end of an epoch. */
export interface ActivationSignal {
  /** The layer's name (`dense_1`). */
  layer: string;
  /** The activation the layer ends with. */
  activation: string;
  /** Units of the layer (the last axis; a conv layer's channels). */
  units: number;
  /** ReLU layers: share of units whose output is ≤ 0 for every probe row (and position). */
  deadShare?: number;
  /**
   * tanh/sigmoid layers: share of units in the saturated zone (|tanh| > 0.99, sigmoid outside
   * [0.01, 0.99]) on at least {@link SATURATED_ROW_SHARE} of the probe rows.
   */
  saturatedShare?: number;
}

/** Everything measured at one epoch boundary; epoch 0 is the initial θ. */
export interface EpochSignal {
  epoch: number;
  /** The fit's mean mini-batch training loss of the epoch (epoch 0: the probe loss at θ₀). */
  trainLoss: number;
  trainAccuracy?: number;
  validationLoss?: number;
  validationAccuracy?: number;
  /** Loss of the probe batch at the epoch-end θ (evaluation mode). */
  probeLoss: number;
  /** The learning rate of the epoch's last update (NaN for epoch 0). */
  learningRate: number;
  blocks: BlockSignal[];
  activations: ActivationSignal[];
}

/** A run's recorded signals. */
export interface HealthSignals {
  /** The model spec. */
  model: string;
  task: Task;
  /** Outputs (classes for classification). */
  outputs: number;
  /** Rows of the fixed probe batch. */
  probeRows: number;
  /** Mean over output columns of the probe targets' variance (regression), the MSE of predicting the mean. */
  targetVariance?: number;
  /** Mean over output columns of the probe targets' squared mean (regression): what an uncentered target adds to the initial MSE. */
  targetMeanSquare?: number;
  /** Whether `loss` was the task's default (MSE / softmax cross-entropy), so that {@link expectedInitialLoss} applies. */
  defaultLoss: boolean;
  /** Epoch 0 (initial θ) first, then one entry per epoch trained. */
  epochs: EpochSignal[];
}

/** A unit counts as saturated when it is saturated on at least this share of the probe rows (0.5). */
export const SATURATED_ROW_SHARE = 0.5;
