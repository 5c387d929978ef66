import { InputError, createRng, type Task } from '@losslens/core';
import { checkCount, checkNonNegative, describeOptions, type SyntheticDataset } from './synthetic-dataset.js';

/** Hidden-layer activations a teacher can use. */
export type TeacherActivation = 'tanh' | 'relu' | 'sigmoid';

/** One dense layer of the teacher: `out = in · weights + bias`, `weights` row-major `[fanIn, fanOut]`. */
export interface TeacherLayer {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** Options for {@link makeTeacher}. */
export interface TeacherOptions {
  /** Rows (default 256). */
  n?: number;
  /** Seed (default 0). The teacher's weights come from their own stream, so `n` does not change them. */
  seed?: number;
  /** Input features (default 4); inputs are standard normal. */
  inputs?: number;
  /** Hidden layer widths (default [16]). */
  hidden?: readonly number[];
  /** Hidden activation (default `tanh`); the last layer is linear. */
  activation?: TeacherActivation;
  /** Regression: target columns (default 1). Classification: classes (default 2, at least 2). */
  outputs?: number;
  /** Regression (default): `y = teacher(x) + noise·N(0,1)`. Classification: `y = argmax(teacher(x))`. */
  task?: Task;
  /** Regression target noise std (default 0.05; ignored for classification). */
  noise?: number;
}

/** A teacher dataset: the truth includes the teacher's layers, so a student of the same shape can match it exactly. */
export type TeacherDataset = SyntheticDataset & {
  readonly truth: SyntheticDataset['truth'] & { readonly layers: readonly TeacherLayer[]; readonly activation: TeacherActivation };
};

/**
 * Data labelled by a random "teacher" MLP with known weights (`N(0, 1/fanIn)`, biases
 * `N(0, 0.1²)`): a target that a network of the same shape can represent exactly, so a large
 * training loss is an optimization problem, not model bias.
 * @example
 * const ds = makeTeacher({ n: 512, inputs: 3, hidden: [8], seed: 2 });
 * ds.truth.layers[0].fanOut; // 8
 */
export function makeTeacher(options: TeacherOptions = {}): TeacherDataset {
  const n = checkCount('n', options.n ?? 256);
  const seed = options.seed ?? 0;
  const inputs = checkCount('inputs', options.inputs ?? 4);
  const hidden = (options.hidden ?? [16]).map((w) => checkCount('hidden width', w));
  const activation = options.activation ?? 'tanh';
  if (!(activation in ACTIVATIONS)) {
    throw new InputError('E_USAGE', `unknown activation "${activation}"; choose one of ${Object.keys(ACTIVATIONS).join(', ')}`);
  }
  const task = options.task ?? 'regression';
  const outputs = checkCount(task === 'classification' ? 'classes' : 'outputs', options.outputs ?? (task === 'classification' ? 2 : 1), task === 'classification' ? 2 : 1);
  const noise = task === 'regression' ? checkNonNegative('noise', options.noise ?? 0.05) : 0;

  const rng = createRng(seed);
  const weightRng = rng.fork('teacher');
  const widths = [inputs, ...hidden, outputs];
  const layers: TeacherLayer[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l] as number;
    const fanOut = widths[l + 1] as number;
    const weights = Float64Array.from({ length: fanIn * fanOut }, () => weightRng.normal() / Math.sqrt(fanIn));
    const bias = Float64Array.from({ length: fanOut }, () => 0.1 * weightRng.normal());
    layers.push({ fanIn, fanOut, weights, bias });
  }
  const act = ACTIVATIONS[activation];
  const f = (x: readonly number[]): number[] => {
    let h = x.slice(0, inputs);
    layers.forEach((layer, l) => {
      const out = Array.from(layer.bias);
      for (let i = 0; i < layer.fanIn; i++) {
        const xi = h[i] as number;
        for (let j = 0; j < layer.fanOut; j++) out[j] = (out[j] as number) + xi * (layer.weights[i * layer.fanOut + j] as number);
      }
      h = l + 1 < layers.length ? out.map(act) : out;
    });
    return h;
  };

  const inputRng = rng.fork('inputs');
  const noiseRng = rng.fork('noise');
  const features = new Float32Array(n * inputs);
  const targets = new Float32Array(task === 'regression' ? n * outputs : n);
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: inputs }, () => inputRng.normal());
    features.set(x, i * inputs);
    // The truth is evaluated on the stored float32 inputs, so `truth.f(features row)` reproduces the targets.
    const y = f(Array.from(features.subarray(i * inputs, (i + 1) * inputs)));
    if (task === 'regression') {
      y.forEach((v, j) => (targets[i * outputs + j] = v + noise * noiseRng.normal()));
    } else {
      targets[i] = argmax(y);
    }
  }
  const description = `${task === 'regression' ? 'y = teacher(x) + N(0, noise²)' : 'y = argmax teacher(x)'}, teacher ${widths.join('→')} ${activation}, x ~ N(0, I)`;
  return {
    name: 'teacher',
    task,
    n,
    featureShape: [inputs],
    features,
    targets,
    outputs,
    featureNames: Array.from({ length: inputs }, (_, j) => `x${j + 1}`),
    targetName: 'y',
    ...(task === 'classification' ? { classNames: Array.from({ length: outputs }, (_, c) => String(c)) } : {}),
    origin: `synthetic:teacher(${describeOptions({ n, inputs, hidden, activation, outputs, task, noise, seed })})`,
    truth: { description, noiseStd: noise, f, layers, activation },
  };
}

const ACTIVATIONS: Record<TeacherActivation, (v: number) => number> = {
  tanh: Math.tanh,
  relu: (v) => Math.max(0, v),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
};

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}
