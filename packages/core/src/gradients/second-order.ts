/**
 * Second-order-safe gradients. Stock tfjs saves some ops' OUTPUTS for their gradients, which
 * cuts the output off from the input on the tape: double backprop (Hessian-vector products)
 * is then silently wrong or throws (tensorflow/tfjs#3252). These replacements save the
 * INPUT and recompute the output, so every derivative is itself differentiable.
 */
import {
  avgPool,
  backend_util,
  cast,
  conv2d,
  conv2dTranspose,
  equal,
  exp,
  greater,
  getGradient,
  log,
  matMul,
  max,
  min,
  minimum,
  mul,
  ones,
  pow,
  reshape,
  scalar,
  sigmoid,
  softmax,
  square,
  sub,
  sum,
  tanh,
  transpose,
  where,
  zerosLike,
  registerGradient,
  util,
} from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap, Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs-core';

const first = (tensors: Tensor[], index = 0): Tensor => {
  const t = tensors[index];
  if (t === undefined) throw new Error(`saved tensor ${index} missing`);
  return t;
};

const unary = (kernelName: string, derivative: (x: Tensor) => Tensor): GradConfig => ({
  kernelName,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => ({ x: () => mul(dy as Tensor, derivative(first(saved))) }),
});

const zeroGradient = (kernelName: string, inputs: string[]): GradConfig => ({
  kernelName,
  inputsToSave: inputs,
  gradFunc: (_dy, saved) =>
    Object.fromEntries(inputs.map((name, i) => [name, () => zerosLike(first(saved, i))])),
});

const minOrMax = (kernelName: 'Max' | 'Min', reduce: typeof max): GradConfig => ({
  kernelName,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs: NamedAttrMap) => {
    const x = first(saved);
    // Max names its axes `reductionIndices`, Min names them `axis`.
    const axisAttr = (kernelName === 'Max' ? attrs['reductionIndices'] : attrs['axis']) as number | number[];
    const axes = util.parseAxisParam(axisAttr, x.shape);
    // dy arrives reduced (keepDims false) or already at x's rank (keepDims true).
    const dyShape = (dy as Tensor).shape;
    const keptShape = dyShape.length < x.rank ? backend_util.expandShapeToKeepDim(dyShape, axes) : dyShape;
    return {
      x: () => {
        const y = reduce(x, axes, true);
        const mask = cast(equal(x, y), 'float32');
        return mul(reshape(dy as Tensor, keptShape), mask);
      },
    };
  },
});

/** The gradient configs that replace or add to the stock ones. Exposed for tests and audits. */
export const secondOrderGradients: readonly GradConfig[] = [
  unary('Tanh', (x) => sub(scalar(1), square(tanh(x)))),
  unary('Sigmoid', (x) => {
    const s = sigmoid(x);
    return mul(s, sub(scalar(1), s));
  }),
  unary('Exp', (x) => exp(x)),
  // elu'(x) = 1 for x > 0, exp(x) otherwise; exp(min(x, 0)) keeps the unused branch finite.
  unary('Elu', (x) => where(greater(x, 0), ones(x.shape), exp(minimum(x, 0)))),
  {
    kernelName: 'Softmax',
    inputsToSave: ['logits'],
    gradFunc: (dy, saved, attrs: NamedAttrMap) => {
      const dim = attrs['dim'] as number;
      return {
        logits: () => {
          const y = softmax(first(saved), dim);
          const dyTimesY = mul(dy as Tensor, y);
          return sub(dyTimesY, mul(sum(dyTimesY, [dim], true), y));
        },
      };
    },
  },
  minOrMax('Max', max),
  minOrMax('Min', min),
  {
    kernelName: 'Pow',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const a = first(saved, 0);
      const b = first(saved, 1);
      const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const reduceTo = (t: Tensor, shape: number[]): Tensor => {
        const axes = backend_util.getReductionAxes(shape, outShape);
        return reshape(axes.length > 0 ? sum(t, axes) : t, shape);
      };
      return {
        a: () => {
          const bf = cast(b, 'float32');
          return reduceTo(mul(dy as Tensor, mul(bf, pow(a, sub(bf, scalar(1))))), a.shape);
        },
        b: () => {
          const logA = where(greater(a, 0), log(a), zerosLike(a));
          return reduceTo(mul(dy as Tensor, mul(pow(a, b), logA)), b.shape);
        },
      };
    },
  },
  // Comparisons are piecewise constant: zero gradients let double backprop pass through
  // masks (relu', elu', max-pool routing) instead of throwing.
  zeroGradient('Equal', ['a', 'b']),
  zeroGradient('NotEqual', ['a', 'b']),
  zeroGradient('Greater', ['a', 'b']),
  zeroGradient('Less', ['a', 'b']),
  zeroGradient('LessEqual', ['a', 'b']),
  zeroGradient('LogicalAnd', ['a', 'b']),
  zeroGradient('LogicalNot', ['x']),
  {
    // dW = B(x, dy) is bilinear; its gradients are the conv's own input/filter maps.
    kernelName: 'Conv2DBackpropFilter',
    inputsToSave: ['x', 'dy'],
    gradFunc: (ddw, saved, attrs: NamedAttrMap) => {
      const x = first(saved, 0) as Tensor4D;
      const dy = first(saved, 1) as Tensor4D;
      const strides = attrs['strides'] as [number, number] | number;
      const pad = attrs['pad'] as 'valid' | 'same' | number;
      return {
        x: () => conv2dTranspose(dy, ddw as Tensor4D, x.shape, strides, pad),
        dy: () => conv2d(x, ddw as Tensor4D, strides, pad),
      };
    },
  },
  {
    // AvgPoolGrad is linear in dy: its adjoint is the average pool itself.
    kernelName: 'AvgPoolGrad',
    inputsToSave: ['input'],
    gradFunc: (ddx, saved, attrs: NamedAttrMap) => {
      const input = first(saved);
      const filterSize = attrs['filterSize'] as [number, number] | number;
      const strides = attrs['strides'] as [number, number] | number;
      const pad = attrs['pad'] as 'valid' | 'same' | number;
      return {
        dy: () => avgPool(ddx as Tensor4D, filterSize, strides, pad),
        input: () => zerosLike(input),
      };
    },
  },
];

/**
 * BatchMatMul with explicit transposes instead of transposeA/transposeB flags: the wasm backend
 * takes a slow path (about 10× here) for flagged products, and the stock gradient of x·W asks
 * for xᵀ·dy that way. Rank-2 products and rank-3 products of one batch size (the batched HVPs of
 * @losslens/critical); others (broadcast batches) keep the stock gradient (`fallback`).
 */
export function matMulGradient(fallback: GradConfig | undefined): GradConfig {
  return {
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs: NamedAttrMap) => {
      const a = first(saved, 0) as Tensor2D;
      const b = first(saved, 1) as Tensor2D;
      const sameBatch = a.rank === 3 && b.rank === 3 && a.shape[0] === b.shape[0];
      if (!((a.rank === 2 && b.rank === 2) || sameBatch)) {
        if (fallback === undefined) throw new Error('no BatchMatMul gradient for these ranks');
        return fallback.gradFunc(dy, saved, attrs);
      }
      const d = dy as Tensor2D;
      // the last two axes swapped (rank 2 or 3; batched products of equal batch size)
      const T = (t: Tensor2D) => (t.rank === 2 ? transpose(t) : transpose(t, [0, 2, 1])) as Tensor2D;
      const ta = attrs['transposeA'] === true;
      const tb = attrs['transposeB'] === true;
      if (!ta && !tb) return { a: () => matMul(d, T(b)), b: () => matMul(T(a), d) };
      if (!ta && tb) return { a: () => matMul(d, b), b: () => matMul(T(d), a) };
      if (ta && !tb) return { a: () => matMul(b, T(d)), b: () => matMul(a, d) };
      return { a: () => matMul(T(b), T(d)), b: () => matMul(T(d), T(a)) };
    },
  };
}

let registered = false;

/**
 * Registers the second-order-safe gradients with tfjs (idempotent). Called once from
 * {@link initTensorflow}; call it yourself only if you set tfjs up without losslens.
 * @example
 * await import('@tensorflow/tfjs');
 * registerSecondOrderGradients();
 */
export function registerSecondOrderGradients(): void {
  if (registered) return;
  for (const config of secondOrderGradients) registerGradient(config);
  registerGradient(matMulGradient(getGradient('BatchMatMul')));
  registered = true;
}

