import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '@losslens/critical';
import { runIn } from '../test-io.js';

type Activation = 'tanh' | 'sigmoid' | 'linear';

interface Net {
  inputs: number;
  hidden: number;
  outputs: number;
  activation: Activation;
  outputActivation: Activation;
  useBias: boolean;
  /** tfjs-layers order: kernel 1 (row-major [in, hidden]), [bias 1], kernel 2, [bias 2]. */
  weights: number[][];
}

/** A tfjs-layers model.json + weights.bin as `model.save('file://…')` writes them (format written out by hand). */
async function writeModel(folder: string, net: Net): Promise<void> {
  await mkdir(folder, { recursive: true });
  const dense = (name: string, units: number, activation: Activation, extra: Record<string, unknown>) => ({
    class_name: 'Dense',
    config: { units, activation, use_bias: net.useBias, name, trainable: true, dtype: 'float32', ...extra },
  });
  const specs = [
    { name: 'dense_Dense1/kernel', shape: [net.inputs, net.hidden] },
    ...(net.useBias ? [{ name: 'dense_Dense1/bias', shape: [net.hidden] }] : []),
    { name: 'dense_Dense2/kernel', shape: [net.hidden, net.outputs] },
    ...(net.useBias ? [{ name: 'dense_Dense2/bias', shape: [net.outputs] }] : []),
  ];
  const json = {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential_1',
        layers: [
          dense('dense_Dense1', net.hidden, net.activation, { batch_input_shape: [null, net.inputs] }),
          dense('dense_Dense2', net.outputs, net.outputActivation, {}),
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    weightsManifest: [{ paths: ['weights.bin'], weights: specs.map((s) => ({ ...s, dtype: 'float32' })) }],
  };
  await writeFile(join(folder, 'model.json'), JSON.stringify(json));
  await writeFile(join(folder, 'weights.bin'), new Uint8Array(Float32Array.from(net.weights.flat()).buffer));
}

const act = (a: Activation, z: number) => (a === 'tanh' ? Math.tanh(z) : a === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z);

/** The net's mean loss in float64 plain JavaScript, from a flat θ in tfjs-layers order: the independent reference. */
function referenceLoss(net: Net, rows: number[][], loss: 'mse' | 'bce') {
  return (theta: Float64Array) => {
    const { inputs: I, hidden: Hn, outputs: O } = net;
    let k = 0;
    const take = (n: number) => Array.from(theta.subarray(k, (k += n)));
    const w1 = take(I * Hn);
    const b1 = net.useBias ? take(Hn) : new Array(Hn).fill(0);
    const w2 = take(Hn * O);
    const b2 = net.useBias ? take(O) : new Array(O).fill(0);
    let total = 0;
    for (const row of rows) {
      const h = Array.from({ length: Hn }, (_, j) => act(net.activation, (b1[j] as number) + row.slice(0, I).reduce((s, x, i) => s + x * (w1[i * Hn + j] as number), 0)));
      for (let o = 0; o < O; o++) {
        const out = act(net.outputActivation, (b2[o] as number) + h.reduce((s, x, j) => s + x * (w2[j * O + o] as number), 0));
        const y = row[I + o] as number;
        total += loss === 'mse' ? (out - y) ** 2 / O : -(y * Math.log(out) + (1 - y) * Math.log(1 - out));
      }
    }
    return total / rows.length;
  };
}

/** Dense Hessian of a float64 function by central second differences (h = 1e-4). */
function secondDifferences(f: (t: Float64Array) => number, theta: number[]): number[][] {
  const h = 1e-4;
  const p = theta.length;
  const at = (di: number, si: number, dj: number, sj: number) => {
    const t = Float64Array.from(theta);
    t[di] = (t[di] as number) + si * h;
    t[dj] = (t[dj] as number) + sj * h;
    return f(t);
  };
  return Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h * h)),
  );
}

let dir = '';
const rows: number[][] = [];
const tanhNet: Net = {
  inputs: 2, hidden: 3, outputs: 1, activation: 'tanh', outputActivation: 'linear', useBias: true,
  weights: [[0.4, -0.7, 0.2, 0.9, 0.3, -0.5], [0.1, -0.2, 0.05], [0.8, -0.6, 0.5], [0.1]],
};
const sigmoidNet: Net = {
  inputs: 2, hidden: 3, outputs: 1, activation: 'sigmoid', outputActivation: 'sigmoid', useBias: false,
  weights: [[1.2, -0.7, 0.4, 0.6, -1.1, 0.3], [1.5, -1.0, 0.7]],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-hessian-'));
  const lines = ['x1,x2,y'];
  const classes = ['x1,x2,label'];
  for (let i = 0; i < 24; i++) {
    const x1 = Math.sin(1.3 * i);
    const x2 = Math.cos(0.7 * i);
    const y = Number((x1 - 0.5 * x2 + 0.1 * Math.sin(5 * i)).toFixed(4));
    rows.push([Number(x1.toFixed(4)), Number(x2.toFixed(4)), y]);
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${y}`);
    classes.push(`${x1.toFixed(4)},${x2.toFixed(4)},${x1 + x2 > 0.2 ? 1 : 0}`);
  }
  await writeFile(join(dir, 'data.csv'), `${lines.join('\n')}\n`);
  await writeFile(join(dir, 'classes.csv'), `${classes.join('\n')}\n`);
  await writeFile(join(dir, 'wide.csv'), 'a,b,c,y\n1,2,3,4\n5,6,7,8\n');
  await writeModel(join(dir, 'tanh'), tanhNet);
  await writeModel(join(dir, 'sigmoid'), sigmoidNet);
  // the symmetric point of a tanh net: zero weights, output bias = mean target → every gradient is zero
  const meanY = rows.reduce((s, r) => s + (r[2] as number), 0) / rows.length;
  await writeModel(join(dir, 'saddle'), { ...tanhNet, weights: [new Array(6).fill(0), [0, 0, 0], [0, 0, 0], [Math.fround(meanY)]] });
});

const run = (args: string[]) => runIn(dir, ['hessian', ...args, '--backend', 'cpu']);

describe('losslens hessian', () => {
  it('tanh with biases, --full: the DESIGN.md JSON, eigenvalues equal to an independent float64 Hessian', async () => {
    const { code, out, err } = await run(['--model', 'tanh/model.json', '--data', 'data.csv', '--target', 'y', '--full', '--json', 'out/h.json']);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(0);
    expect(out).toMatch(/kind: /);
    const report = JSON.parse(await readFile(join(dir, 'out/h.json'), 'utf8'));
    for (const key of ['parameters', 'loss', 'gradientNorm', 'eigenvalues', 'top', 'bottom', 'minimumRatio', 'kind']) expect(report).toHaveProperty(key);
    expect(report.parameters).toBe(13);
    expect(['not-critical', 'local-minimum', 'local-maximum', 'saddle-point', 'degenerate']).toContain(report.kind);
    const f = referenceLoss(tanhNet, rows, 'mse');
    const theta = tanhNet.weights.flat().map(Math.fround);
    expect(report.loss).toBeCloseTo(f(Float64Array.from(theta)), 5);
    const exact = symmetricEigenvalues(secondDifferences(f, theta));
    const scale = Math.max(...Array.from(exact, Math.abs));
    expect(report.eigenvalues).toHaveLength(13);
    (report.eigenvalues as number[]).forEach((value, i) => expect(Math.abs(value - (exact[i] as number))).toBeLessThan(1e-4 * scale));
    expect(report.top).toEqual([...report.eigenvalues].reverse().slice(0, 3));
    expect(report.bottom).toEqual(report.eigenvalues.slice(0, 3));
    const positive = Array.from(exact).filter((v) => v > report.zeroTolerance).length;
    expect(report.minimumRatio).toBeCloseTo(positive / 13, 12);
  });

  it('sigmoid without biases, two classes on one sigmoid output: binary cross-entropy; --top/--bottom without --full', async () => {
    const { code, err } = await run(['--model', 'sigmoid', '--data', 'classes.csv', '--target', 'label', '--loss', 'crossentropy', '--top', '2', '--bottom', '1', '--json', 'out/s.json']);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'out/s.json'), 'utf8'));
    expect(report.parameters).toBe(9);
    expect(report.eigenvalues).toBeUndefined(); // only with --full (P = 9 is still solved densely inside)
    expect(report.minimumRatioMethod).toBe('exact');
    expect(report.top).toHaveLength(2);
    expect(report.bottom).toHaveLength(1);
    const labelled = rows.map((r) => [r[0] as number, r[1] as number, (r[0] as number) + (r[1] as number) > 0.2 ? 1 : 0]);
    const f = referenceLoss(sigmoidNet, labelled, 'bce');
    const theta = sigmoidNet.weights.flat().map(Math.fround);
    expect(report.loss).toBeCloseTo(f(Float64Array.from(theta)), 5);
    const exact = symmetricEigenvalues(secondDifferences(f, theta));
    const scale = Math.max(...Array.from(exact, Math.abs));
    expect(Math.abs(report.top[0] - (exact[8] as number))).toBeLessThan(1e-4 * scale);
    expect(Math.abs(report.top[1] - (exact[7] as number))).toBeLessThan(1e-4 * scale);
    expect(Math.abs(report.bottom[0] - (exact[0] as number))).toBeLessThan(1e-4 * scale);
  });

  it('at the symmetric point of a tanh net: a saddle, and the escape step lowers the loss', async () => {
    const { code, out } = await run(['--model', 'saddle/model.json', '--data', 'data.csv', '--target', 'y', '--json', 'out/saddle.json']);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'out/saddle.json'), 'utf8'));
    expect(report.gradientNorm).toBeLessThan(1e-5);
    expect(report.kind).toBe('saddle-point');
    expect(report.bottom[0]).toBeLessThan(0);
    expect(report.escape.eigenvalue).toBeCloseTo(report.bottom[0], 6);
    expect(report.escape.lossAfter).toBeLessThan(report.escape.lossBefore);
    expect(report.escape.lossBefore).toBeCloseTo(report.loss, 6);
    expect(out).toMatch(/escape: step/);
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing model file', ['--model', 'nope/model.json', '--data', 'data.csv', '--target', 'y'], /nope\/model\.json: file not found/],
    ['a missing data file', ['--model', 'tanh/model.json', '--data', 'missing.csv', '--target', 'y'], /missing\.csv/],
    ['a missing target column', ['--model', 'tanh/model.json', '--data', 'data.csv', '--target', 'q'], /"q"/],
    ['data that do not fit the model', ['--model', 'tanh/model.json', '--data', 'wide.csv', '--target', 'y'], /wide\.csv: the data has samples of shape \[3\], model ".*" takes \[2\]/],
    ['a bad --top', ['--model', 'tanh/model.json', '--data', 'data.csv', '--target', 'y', '--top', '0'], /--top: expected an integer >= 1, got "0"/],
    ['a bad --loss', ['--model', 'tanh/model.json', '--data', 'data.csv', '--target', 'y', '--loss', 'hinge'], /--loss: expected one of mse, crossentropy, got "hinge"/],
    ['a bad spec', ['--model', 'mlp:x:tanh', '--data', 'data.csv', '--target', 'y'], /--model/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one line on stderr for ${what}`, async () => {
      const { code, err } = await run(args);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(message);
    });
  }
});
