/**
 * Many exact Hessian-vector products in one double-backprop pass, for models that are a chain
 * of dense layers: k copies of θ are stacked into a [k, P] tensor and the k models run at once
 * (the first layer as one wide matrix product, the rest as batched products), so one tape gives
 * all k products instead of k passes with k times the kernel launches.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossFunction, Model } from '@losslens/core';
import { activate, type ActivationName } from '@losslens/models';

/** One step of a dense chain: a dense layer (kernel block, optional bias block) or an activation. */
type ChainStep =
  | { kind: 'dense'; kernel: { offset: number; size: number; rows: number; columns: number }; bias?: { offset: number; size: number }; activation: ActivationName }
  | { kind: 'activation'; activation: ActivationName };

/** A model whose forward pass is dense layers and activations on rank-1 samples. */
export interface DenseChain {
  readonly steps: readonly ChainStep[];
  readonly parameterCount: number;
  /** The widest activation per sample (input included): what k copies multiply in memory. */
  readonly widest: number;
}

interface LayerLike {
  readonly name: string;
  readonly className: string;
  readonly config: object;
}

/**
 * The dense chain of `model`, or undefined when it has any other layer (convolutions, batch
 * norm, residual blocks, …) or multi-axis samples: those keep one HVP per pass.
 * @example
 * const chain = denseChainOf(createModel('mlp:16:tanh', { inputShape: [4], outputs: 3 }));
 */
export function denseChainOf(model: Model): DenseChain | undefined {
  const layers = (model as Model & { layers?: readonly LayerLike[] }).layers;
  if (layers === undefined || model.inputShape.length !== 1) return undefined;
  const blocks = new Map(model.layout.map((b) => [b.name, b]));
  const steps: ChainStep[] = [];
  let widest = model.inputShape[0] as number;
  for (const layer of layers) {
    const config = layer.config as { activation?: ActivationName; useBias?: boolean };
    if (layer.className === 'Dropout') continue; // identity in evaluation mode
    if (layer.className === 'Activation') {
      steps.push({ kind: 'activation', activation: config.activation ?? 'linear' });
      continue;
    }
    if (layer.className !== 'Dense') return undefined;
    const kernel = blocks.get(`${layer.name}/kernel`);
    if (kernel === undefined || kernel.shape.length !== 2) return undefined;
    const bias = blocks.get(`${layer.name}/bias`);
    widest = Math.max(widest, kernel.shape[1] as number);
    steps.push({
      kind: 'dense',
      kernel: { offset: kernel.offset, size: kernel.size, rows: kernel.shape[0] as number, columns: kernel.shape[1] as number },
      ...(bias === undefined ? {} : { bias: { offset: bias.offset, size: bias.size } }),
      activation: config.activation ?? 'linear',
    });
  }
  return { steps, parameterCount: model.parameterCount, widest };
}

/**
 * The outputs of k models at once: `thetas` is [k, P], `x` is [N, inputs]; returns [k·N, outputs]
 * (copy i's rows at i·N … i·N + N − 1).
 * @example
 * const out = chainForward(chain, tf.stack([theta1, theta2]), x); // [2N, outputs]
 */
export function chainForward(chain: DenseChain, thetas: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor2D {
  const k = thetas.shape[0];
  const n = x.shape[0];
  let h: tf.Tensor | undefined; // [k, N, width] once past the first dense layer
  let first: tf.Tensor = x;
  for (const step of chain.steps) {
    if (step.kind === 'activation') {
      if (h === undefined) first = activate(step.activation, first);
      else h = activate(step.activation, h);
      continue;
    }
    const { offset, size, rows, columns } = step.kernel;
    const kernels = tf.reshape(tf.slice(thetas, [0, offset], [k, size]), [k, rows, columns]);
    let z: tf.Tensor;
    if (h === undefined) {
      // the shared input: one wide product x · [W₁ | … | W_k], then [N, k, c] → [k, N, c]
      const wide = tf.reshape(tf.transpose(kernels, [1, 0, 2]), [rows, k * columns]);
      z = tf.transpose(tf.reshape(tf.matMul(first as tf.Tensor2D, wide), [n, k, columns]), [1, 0, 2]);
    } else {
      z = tf.matMul(h as tf.Tensor3D, kernels as tf.Tensor3D);
    }
    if (step.bias !== undefined) z = tf.add(z, tf.reshape(tf.slice(thetas, [0, step.bias.offset], [k, step.bias.size]), [k, 1, columns]));
    h = activate(step.activation, z);
  }
  const out = h ?? tf.tile(tf.expandDims(first, 0), [k, 1, 1]);
  return tf.reshape(out, [k * n, out.shape[2] as number]) as tf.Tensor2D;
}

/**
 * H(θ)·v for each row v of `directions` ([k, P]), exact, in one double-backprop pass over the
 * chunk (x, y): rows of the result are the k products. The loss is the mean `loss` of the chunk.
 * @example
 * const hv = chainHvps(chain, loss, theta, tf.stack(vs) as tf.Tensor2D, x, y); // [k, P]
 */
export function chainHvps(
  chain: DenseChain,
  loss: LossFunction,
  theta: tf.Tensor1D,
  directions: tf.Tensor2D,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
): tf.Tensor2D {
  return tf.tidy(() => {
    const k = directions.shape[0];
    const targets = tf.tile(y, [k, 1]);
    // Σ_i L(θ_i): the mean over k·N rows times k; its gradient's row i is ∇L(θ_i)
    const total = (thetas: tf.Tensor) => tf.mul(loss(chainForward(chain, thetas as tf.Tensor2D, x), targets), k);
    const gradient = tf.grad(total);
    const thetas = tf.tile(tf.expandDims(theta, 0), [k, 1]);
    return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gradient(t), directions)))(thetas) as tf.Tensor2D;
  });
}
