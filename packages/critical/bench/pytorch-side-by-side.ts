/**
 * Benchmark: losslens (tfjs, default wasm) against PyTorch CPU on the same workloads, shapes and
 * data sizes, float32, in one run, each workload measured tfjs → torch 1 thread → torch 2
 * threads back to back so a change in machine load hits them alike. Prints a ratio table and
 * JSON, and writes bench/results/pytorch-side-by-side.json. Where PyTorch cannot be imported
 * (Debian: `apt-get install python3-torch libopenblas0-pthread`), only the tfjs figures print.
 * The python is `/usr/bin/python3` unless LOSSLENS_PYTHON names another.
 *   Workloads: the full spectrum of mlp:48x16:tanh on 256 rows (P = 1,843, softmax CE); the
 *   gradient of the MNIST MLP 784-128-10 at batch 512; HVP / gradient time; training
 *   samples/s at batch 256 (SGD, 10,000 rows); a plain [512, 784]×[784, 128] matmul in GFLOP/s.
 *   pnpm --filter @losslens/critical bench   (or: npx tsx --conditions=source bench/pytorch-side-by-side.ts [--backend cpu] [--repeats 15] [--skip full-spectrum])
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initTensorflow } from '@losslens/core';
import type { Dataset } from '@losslens/core';
import { loadMnist, subset } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';
import { datasetObjective, fullHessian, symmetricEigenvalues } from '../src/index.js';
import { arg, interleavedMedians, medianMs, report } from './common.js';

const backend = arg('backend', 'wasm');
const repeats = Number(arg('repeats', '15'));
const skip = new Set(arg('skip', '').split(',').filter((s) => s !== ''));
const python = process.env['LOSSLENS_PYTHON'] ?? '/usr/bin/python3';
const script = new URL('./pytorch-side-by-side.py', import.meta.url).pathname;
const threads = [1, 2];

const torchAvailable = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
/** Runs one workload in PyTorch with `n` threads (BLAS and OpenMP pinned to n as well). */
const torchRun = (workload: string, n: number): Record<string, unknown> | undefined => {
  if (!torchAvailable) return undefined;
  const env = { ...process.env, OMP_NUM_THREADS: String(n), OPENBLAS_NUM_THREADS: String(n), MKL_NUM_THREADS: String(n) };
  const run = spawnSync(python, [script, workload, String(n), String(repeats)], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`PyTorch ${workload} failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { result: Record<string, unknown> }).result;
};
const blas = torchAvailable
  ? spawnSync(python, ['-c', 'import numpy, torch; print(torch.__version__)'], { encoding: 'utf8' }).stdout.trim()
  : 'not installed';

const { backend: active } = await initTensorflow({ backend });
const mnist = await loadMnist();

type Measured = { tfjs: Record<string, number>; torch: Record<number, Record<string, unknown> | undefined> };
const measured: Record<string, Measured> = {};
const measure = (name: string, tfjs: () => Record<string, number>) => {
  if (skip.has(name)) return;
  const result: Measured = { tfjs: tfjs(), torch: {} };
  for (const n of threads) result.torch[n] = torchRun(name, n);
  measured[name] = result;
  console.error(`measured ${name}`);
};

measure('matmul', () => {
  const a = tf.randomUniform([512, 784]);
  const b = tf.randomUniform([784, 128]);
  const ms = medianMs(() => tf.tidy(() => tf.matMul(a, b).dataSync()), repeats * 10);
  tf.dispose([a, b]);
  return { ms, gflops: (2 * 512 * 784 * 128) / (ms * 1e6) };
});

measure('full-spectrum', () => {
  const rng = createRng(5);
  const n = 256;
  const inputs = 20;
  const outputs = 3;
  const data: Dataset = {
    name: 'random', task: 'classification', n, featureShape: [inputs],
    features: Float32Array.from({ length: n * inputs }, () => rng.normal()),
    targets: Float32Array.from({ length: n }, () => rng.int(outputs)),
    outputs, featureNames: Array.from({ length: inputs }, (_, i) => `x${i}`), targetName: 'y', origin: 'bench:random',
  };
  const model = createModel('mlp:48x16:tanh', { inputShape: [inputs], outputs, task: 'classification' });
  const objective = datasetObjective(model, data, undefined, { batchSize: 'full' });
  const theta = model.init(0);
  objective.hvp(theta, new Float32Array(model.parameterCount)); // warm-up
  const t0 = performance.now();
  const hessian = fullHessian(objective, theta);
  const t1 = performance.now();
  const values = symmetricEigenvalues(hessian);
  const t2 = performance.now();
  objective.dispose();
  // the same float64 matrix through PyTorch's float64 eigvalsh (LAPACK): max |Δλ| / max |λ|
  let float64Error = Number.NaN;
  if (torchAvailable) {
    const dir = mkdtempSync(join(tmpdir(), 'losslens-hessian-'));
    const file = join(dir, 'hessian.f64');
    writeFileSync(file, new Uint8Array(hessian.data.buffer, hessian.data.byteOffset, hessian.data.byteLength));
    const reference = (torchRun(`eigvalsh64:${file}`, 1) as { values: number[] }).values;
    rmSync(dir, { recursive: true, force: true });
    const scale = Math.max(...reference.map(Math.abs));
    float64Error = Math.max(...reference.map((r, i) => Math.abs(r - (values[i] as number)))) / scale;
  }
  return {
    parameters: model.parameterCount, hessianSeconds: (t1 - t0) / 1000, eigenvaluesSeconds: (t2 - t1) / 1000,
    totalSeconds: (t2 - t0) / 1000, float64Error, asymmetry: hessian.asymmetry,
  };
});

const batch = subset(mnist, Array.from({ length: 512 }, (_, i) => i));
const gradientAndHvp = (withHvp: boolean) => {
  const out: Record<string, number> = {};
  for (const activation of ['relu', 'tanh']) {
    const model = createModel(`mlp:128:${activation}`, { inputShape: mnist.featureShape, outputs: 10, task: 'classification' });
    const objective = datasetObjective(model, batch, undefined, { batchSize: 'full' });
    const theta = model.init(0);
    const rng = createRng(1);
    const v = Float32Array.from({ length: model.parameterCount }, () => rng.normal());
    if (withHvp) {
      const [g = Number.NaN, h = Number.NaN] = interleavedMedians([() => objective.lossAndGradient(theta), () => objective.hvp(theta, v)], repeats);
      Object.assign(out, { [`${activation}.gradientMs`]: g, [`${activation}.hvpMs`]: h, [`${activation}.ratio`]: h / g });
    } else {
      out[`${activation}.gradientMs`] = medianMs(() => objective.lossAndGradient(theta), repeats);
    }
    objective.dispose();
  }
  return out;
};
measure('gradient', () => gradientAndHvp(false));
measure('hvp', () => gradientAndHvp(true));

const trainRows = subset(mnist, Array.from({ length: Math.min(10_000, mnist.n) }, (_, i) => i));
const training = async () => {
  const model = createModel('mlp:128:relu', { inputShape: mnist.featureShape, outputs: 10, task: 'classification' });
  const common = { model, train: trainRows, optimizer: 'sgd' as const, learningRate: 0.1, batchSize: 256, finalEvaluation: false, divergence: false as const };
  await fit({ ...common, epochs: 1 }); // warm-up
  const result = await fit({ ...common, epochs: 2 });
  const ms = result.history.reduce((s, h) => s + h.msPerEpoch, 0);
  return { samplesPerSecond: (trainRows.n * 2) / (ms / 1000), msPerEpoch: ms / 2 };
};
if (!skip.has('training')) {
  measured['training'] = { tfjs: await training(), torch: {} };
  for (const n of threads) (measured['training'] as Measured).torch[n] = torchRun('training', n);
  console.error('measured training');
}

// One row per figure: tfjs, torch at each thread count, and tfjs time / torch time (> 1: slower).
type Figure = { work: string; pick: (r: Record<string, unknown>) => number; higherIsBetter?: boolean };
const torchPick = (path: string) => (r: Record<string, unknown>) => {
  const [a, b] = path.split('.');
  const v = b === undefined ? r[a as string] : (r[a as string] as Record<string, unknown> | undefined)?.[b];
  return typeof v === 'number' ? v : Number.NaN;
};
const figures: (Figure & { workload: string; tfjsKey: string; unit: string })[] = [
  { workload: 'full-spectrum', work: 'full spectrum P=1,843: total', tfjsKey: 'totalSeconds', unit: 's', pick: torchPick('totalSeconds') },
  { workload: 'full-spectrum', work: '  dense Hessian', tfjsKey: 'hessianSeconds', unit: 's', pick: torchPick('hessianSeconds') },
  { workload: 'full-spectrum', work: '  all eigenvalues (float64)', tfjsKey: 'eigenvaluesSeconds', unit: 's', pick: torchPick('eigenvaluesSeconds') },
  { workload: 'gradient', work: 'gradient 784-128-10 relu, batch 512', tfjsKey: 'relu.gradientMs', unit: 'ms', pick: torchPick('relu.gradientMs') },
  { workload: 'gradient', work: 'gradient 784-128-10 tanh, batch 512', tfjsKey: 'tanh.gradientMs', unit: 'ms', pick: torchPick('tanh.gradientMs') },
  { workload: 'hvp', work: 'HVP/gradient relu (ratio of ratios)', tfjsKey: 'relu.ratio', unit: '×', pick: torchPick('relu.ratio') },
  { workload: 'hvp', work: 'HVP/gradient tanh (ratio of ratios)', tfjsKey: 'tanh.ratio', unit: '×', pick: torchPick('tanh.ratio') },
  { workload: 'training', work: 'training samples/s, batch 256', tfjsKey: 'samplesPerSecond', unit: '/s', pick: torchPick('samplesPerSecond'), higherIsBetter: true },
  { workload: 'matmul', work: 'matmul [512,784]×[784,128] GFLOP/s', tfjsKey: 'gflops', unit: 'GFLOP/s', pick: torchPick('gflops'), higherIsBetter: true },
];
const rows: Record<string, string | number>[] = [];
for (const f of figures) {
  const m = measured[f.workload];
  if (m === undefined) continue;
  const ours = m.tfjs[f.tfjsKey] ?? Number.NaN;
  const row: Record<string, string | number> = { work: f.work, unit: f.unit, losslens: ours };
  for (const n of threads) {
    const theirs = m.torch[n] === undefined ? Number.NaN : f.pick(m.torch[n] as Record<string, unknown>);
    row[`torch ${n}t`] = torchAvailable ? theirs : '-';
    // how many times slower losslens is (times: ours/theirs; rates: theirs/ours)
    row[`slower vs ${n}t`] = torchAvailable ? (f.higherIsBetter === true ? theirs / ours : ours / theirs) : '-';
  }
  rows.push(row);
}
const result = { benchmark: 'pytorch-side-by-side', date: new Date().toISOString(), backend: active, repeats, torch: blas, measured };
report(
  `losslens (${active}) vs PyTorch ${torchAvailable ? blas : '(not installed: tfjs figures only)'} CPU float32, one run; 'slower' = how many times slower losslens is`,
  rows,
  result,
);
const spectrum = measured['full-spectrum']?.tfjs;
if (spectrum !== undefined) {
  console.log(`full spectrum: eigenvalues against PyTorch float64 eigvalsh of the same matrix, max |Δλ| / max |λ| = ${spectrum['float64Error']?.toExponential(2)} (target ≤ 1e-5); Hessian asymmetry ${spectrum['asymmetry']?.toExponential(2)}`);
}
if (process.argv.includes('--save')) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const name = arg('save', 'pytorch-side-by-side');
  writeFileSync(new URL(`./results/${name}.json`, import.meta.url), `${JSON.stringify({ ...result, table: rows }, null, 2)}\n`);
}
