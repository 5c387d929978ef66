/**
 * Experiment (c) of the lecture: the model ŷ = w1·w2·x on one sample (x = 1, y = 1) with
 * the mean squared error, L(w1, w2) = (1 − w1·w2)². At (0, 0) the gradient is zero and the
 * Hessian [[0, −2], [−2, 0]] has eigenvalues −2 and 2: a saddle point. Stepping along the
 * eigenvector of −2 lowers the loss, and gradient descent then reaches the minimum, while
 * plain gradient descent started at the saddle never moves.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classifyCriticalPoint, hvpTensor, minimumRatio, symmetricEigen } from '@losslens/critical';
import type { CriticalPointKind } from '@losslens/critical';
import { mse } from '@losslens/models';
import { lineChart } from '@losslens/plot';
import type { Model } from '@losslens/core';
import { formatNumber, nextFrame } from '../experiment.js';
import type { Experiment, ExperimentContext, ExperimentResult } from '../experiment.js';
import { throwIfStopped } from './training.js';

/** The lecture's two-parameter model ŷ = w1·w2·x, as a core Model over θ = [w1, w2]. */
export const productModel: Model = {
  spec: 'w1*w2*x',
  inputShape: [1],
  outputs: 1,
  layout: [
    { name: 'w1', shape: [1], offset: 0, size: 1 },
    { name: 'w2', shape: [1], offset: 1, size: 1 },
  ],
  parameterCount: 2,
  init: () => new Float32Array(2),
  apply: (theta, x) =>
    tf.tidy(() => tf.mul(x, tf.mul(tf.slice(theta, [0], [1]), tf.slice(theta, [1], [1])))),
};

/** Options of {@link measureSaddle}. */
export interface SaddleOptions {
  /** Length η of the escape step along the negative-curvature eigenvector; default 0.5. */
  escapeStep?: number;
  /** Gradient-descent learning rate of the traces; default 0.1. */
  learningRate?: number;
  /** Gradient-descent steps of each trace; default 40. */
  steps?: number;
  /** Reports progress per gradient-descent step. */
  onStep?: (done: number, total: number) => void | Promise<void>;
}

/** Everything {@link measureSaddle} measures (float32 precision). */
export interface SaddleMeasurements {
  theta: [number, number];
  loss: number;
  gradient: [number, number];
  gradientNorm: number;
  /** Rows of the Hessian, column j = H·e_j from double backprop (critical's `hvpTensor`). */
  hessian: number[][];
  /** Ascending (critical's `symmetricEigen`). */
  eigenvalues: number[];
  /** Unit eigenvectors, in the order of `eigenvalues`. */
  eigenvectors: number[][];
  kind: CriticalPointKind;
  /** Positive eigenvalues / all eigenvalues (critical's `minimumRatio`). */
  minimumRatio: number;
  escape: {
    eigenvalue: number;
    step: number;
    /** The unit eigenvector of `eigenvalue`, first entry positive. */
    direction: [number, number];
    lossBefore: number;
    lossAfter: number;
    /** Second-order Taylor prediction L + ½λη². */
    predicted: number;
  };
  /** Loss after each gradient-descent step from the escaped θ (index 0 = before the first step). */
  descentWithEscape: number[];
  /** The same from (0, 0) itself. */
  descentWithoutEscape: number[];
  /** Final θ of the run with the escape step. */
  finalTheta: [number, number];
  /** Loss along t·u for each eigenvector u, t from −1.5 to 1.5. */
  profiles: { t: number[]; alongNegative: number[]; alongPositive: number[] };
}

const pair = (values: ArrayLike<number>): [number, number] => [values[0] ?? Number.NaN, values[1] ?? Number.NaN];

/**
 * Runs the saddle-point measurements on the active backend, reading tensors asynchronously.
 * Tensors are all disposed.
 * @example
 * await initTensorflow({ backend: 'cpu' });
 * const m = await measureSaddle();
 * m.eigenvalues; // [-2, 2]
 */
export async function measureSaddle(options: SaddleOptions = {}): Promise<SaddleMeasurements> {
  const eta = options.escapeStep ?? 0.5;
  const learningRate = options.learningRate ?? 0.1;
  const steps = options.steps ?? 40;
  const x = tf.tensor2d([[1]]);
  const y = tf.tensor2d([[1]]);
  try {
    const lossOf = (theta: tf.Tensor): tf.Scalar => mse(productModel.apply(theta as tf.Tensor1D, x), y);
    const gradientOf = tf.grad(lossOf);
    const read = async (make: () => tf.Tensor): Promise<Float32Array> => {
      const t = tf.tidy(make);
      const values = (await t.data()) as Float32Array;
      t.dispose();
      return values;
    };
    const lossAt = async (theta: readonly number[]): Promise<number> =>
      (await read(() => lossOf(tf.tensor1d(theta as number[]))))[0] ?? Number.NaN;

    const theta: [number, number] = [0, 0];
    const loss = await lossAt(theta);
    const gradient = pair(await read(() => gradientOf(tf.tensor1d(theta))));
    const columns = [
      await read(() => hvpTensor(lossOf, tf.tensor1d(theta), tf.tensor1d([1, 0]))),
      await read(() => hvpTensor(lossOf, tf.tensor1d(theta), tf.tensor1d([0, 1]))),
    ];
    const hessian = [0, 1].map((i) => [0, 1].map((j) => columns[j]?.[i] ?? Number.NaN));
    const symmetric = hessian.map((row, i) => row.map((h, j) => (h + (hessian[j]?.[i] ?? Number.NaN)) / 2));
    const eigen = symmetricEigen(symmetric);
    const eigenvalues = Array.from(eigen.values);
    const eigenvectors = eigen.vectors.map((v) => Array.from(v));
    const gradientNorm = Math.hypot(...gradient);
    const { kind } = classifyCriticalPoint({
      gradientNorm,
      smallest: eigenvalues[0] ?? Number.NaN,
      largest: eigenvalues.at(-1) ?? Number.NaN,
    });

    const low = eigenvectors[0] ?? [];
    const sign = (low[0] ?? 0) < 0 ? -1 : 1; // either sign is an eigenvector; show the one pointing right
    const direction = pair(low.map((v) => sign * v));
    const escaped: [number, number] = [theta[0] + eta * direction[0], theta[1] + eta * direction[1]];
    const lambda = eigenvalues[0] ?? Number.NaN;
    const escape = {
      eigenvalue: lambda,
      step: eta,
      direction,
      lossBefore: loss,
      lossAfter: await lossAt(escaped),
      predicted: loss + 0.5 * lambda * eta * eta,
    };

    const descend = async (start: [number, number], offset: number): Promise<{ losses: number[]; end: [number, number] }> => {
      let current = tf.tensor1d(start);
      try {
        const losses = [await lossAt(start)];
        for (let i = 0; i < steps; i++) {
          const next = tf.tidy(() => tf.sub(current, tf.mul(gradientOf(current), learningRate)) as tf.Tensor1D);
          current.dispose();
          current = next;
          losses.push((await read(() => lossOf(current)))[0] ?? Number.NaN);
          await options.onStep?.(offset + i + 1, 2 * steps);
          if (i % 5 === 4) await nextFrame();
        }
        return { losses, end: pair((await current.data()) as Float32Array) };
      } finally {
        current.dispose();
      }
    };
    const without = await descend(theta, 0);
    const withEscape = await descend(escaped, steps);

    const t = Array.from({ length: 61 }, (_, i) => -1.5 + i * 0.05);
    const along = async (u: readonly number[]): Promise<number[]> =>
      Array.from(await read(() => tf.stack(t.map((s) => lossOf(tf.tensor1d([s * (u[0] ?? 0), s * (u[1] ?? 0)]))))));
    const profiles = { t, alongNegative: await along(direction), alongPositive: await along(eigenvectors[1] ?? []) };

    return {
      theta,
      loss,
      gradient,
      gradientNorm,
      hessian,
      eigenvalues,
      eigenvectors,
      kind,
      minimumRatio: minimumRatio(eigenvalues).value,
      escape,
      descentWithEscape: withEscape.losses,
      descentWithoutEscape: without.losses,
      finalTheta: withEscape.end,
      profiles,
    };
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** Experiment (c): the w1·w2·x saddle, its Hessian eigenvalues and the escape step. */
export const saddleExperiment: Experiment = {
  id: 'saddle',
  title: 'Saddle point of ŷ = w1·w2·x',
  topic: 'optimization issue: critical points',
  description:
    'One sample (x = 1, y = 1), loss (1 − w1·w2)². At (0, 0) the gradient vanishes; the Hessian eigenvalues tell a saddle from a minimum, and the eigenvector of the negative one is the way out.',
  async run(context: ExperimentContext): Promise<ExperimentResult> {
    context.events.emit({ type: 'stage', name: 'hessian', state: 'start' });
    const m = await measureSaddle({
      onStep: (done, total) => {
        throwIfStopped(context.signal);
        context.events.emit({ type: 'progress', task: 'gradient descent', done, total });
      },
    });
    context.events.emit({ type: 'stage', name: 'hessian', state: 'end' });
    const { escape } = m;
    const f = (v: number, digits = 3): string => formatNumber(v, digits);
    const list = (values: readonly number[]): string => values.map((v) => f(v)).join(', ');
    const steps = (losses: number[]): [number, number][] => losses.map((l, i) => [i, l]);
    return {
      headline: `(0, 0) is a ${m.kind.replace('-', ' ')}: the Hessian eigenvalues are ${list(m.eigenvalues)}; one step of ${f(escape.step)} along the eigenvector of ${f(escape.eigenvalue)} lowers the loss from ${f(escape.lossBefore)} to ${f(escape.lossAfter)}, where gradient descent does not move.`,
      facts: [
        { id: 'loss', label: 'loss at (0, 0)', value: f(m.loss) },
        { id: 'gradient-norm', label: 'gradient norm', value: f(m.gradientNorm) },
        { id: 'hessian', label: 'Hessian (double backprop)', value: `[${m.hessian.map((row) => `[${list(row)}]`).join(', ')}]` },
        { id: 'eigenvalues', label: 'eigenvalues', value: list(m.eigenvalues) },
        { id: 'kind', label: 'critical point', value: m.kind },
        { id: 'minimum-ratio', label: 'minimum ratio (positive / all eigenvalues)', value: f(m.minimumRatio, 2) },
        { id: 'escape-direction', label: `escape direction u (eigenvector of ${f(escape.eigenvalue)})`, value: `(${list(escape.direction)})` },
        { id: 'escape-loss', label: `loss after θ + ${f(escape.step, 2)}·u (second-order prediction L + ½λη²)`, value: `${f(escape.lossAfter)} (${f(escape.predicted)})` },
        { id: 'final-theta', label: `θ after ${m.descentWithEscape.length - 1} gradient-descent steps from there`, value: `(${list(m.finalTheta)})` },
        { id: 'final-loss', label: 'final loss: with the escape step / without', value: `${f(m.descentWithEscape.at(-1) ?? Number.NaN, 4)} / ${f(m.descentWithoutEscape.at(-1) ?? Number.NaN, 4)}` },
      ],
      charts: [
        {
          spec: lineChart({
            title: 'Loss along the Hessian eigenvectors through (0, 0)',
            series: [
              { name: `u for λ = ${f(m.eigenvalues[0] ?? Number.NaN, 1)}`, points: m.profiles.t.map((t, i) => [t, m.profiles.alongNegative[i] ?? Number.NaN]) },
              { name: `u for λ = ${f(m.eigenvalues[1] ?? Number.NaN, 1)}`, points: m.profiles.t.map((t, i) => [t, m.profiles.alongPositive[i] ?? Number.NaN]) },
            ],
            x: { title: 'step t along u' },
            y: { title: 'loss L(t·u)' },
            marks: [{ x: escape.step, label: 'escape step' }],
          }),
          caption: 'Downhill along one eigenvector, uphill along the other: a saddle, not a minimum.',
        },
        {
          spec: lineChart({
            title: 'Gradient descent from the saddle',
            series: [
              { name: 'after the escape step', points: steps(m.descentWithEscape) },
              { name: 'from (0, 0) (stuck)', points: steps(m.descentWithoutEscape) },
            ],
            x: { title: 'gradient-descent step' },
            y: { title: 'training loss' },
          }),
          caption: 'At the saddle the gradient is exactly zero, so gradient descent never moves; after a step along the negative-curvature direction it reaches the minimum.',
        },
      ],
    };
  },
};
