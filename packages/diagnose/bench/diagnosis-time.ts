/**
 * Benchmark (not a test): wall time of a default-budget diagnosis, end to end through the CLI
 * code path (CSV parse → splits → runs → checks → verdict), on a 2,500-row, 4-feature
 * regression CSV and on MNIST. Target: under 60 s each on 2 cores. Also, in the same run, ONE fit
 * of the user's model with the diagnosis's own settings (its training part, standardized; its
 * optimizer, learning rate, batch size, epochs and seed), and the diagnosis time as a multiple
 * of it (issue 18's target: ≤ 4×).
 * Run: `pnpm --filter @losslens/diagnose bench` (writes bench/results/diagnosis-time.json).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, initTensorflow } from '@losslens/core';
import type { Dataset } from '@losslens/core';
import { fitStandardizer, holdout, loadBuiltin, loadCsv } from '@losslens/data';
import { budgets, diagnose, epochsFor } from '@losslens/diagnose';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';

/** One fit of the user's model as `diagnose` (standard budget, defaults) trains it, in seconds. */
async function oneFit(data: Dataset, spec: string): Promise<number> {
  const started = performance.now();
  const split = holdout(data, { validation: 0.2, seed: 0, stratify: data.task === 'classification' });
  const scaler = fitStandardizer(split.train, { targets: true });
  const train = scaler.transform(split.train);
  const validation = scaler.transform(split.validation);
  const model = createModel(spec, { inputShape: train.featureShape, outputs: train.outputs, task: train.task });
  const epochs = epochsFor(budgets.standard, train.n, 32);
  await fit({ model, train, validation, optimizer: 'adam', learningRate: 0.01, epochs, batchSize: 32, seed: 0 });
  return (performance.now() - started) / 1000;
}

async function regressionCsv(path: string): Promise<void> {
  const rng = createRng(7);
  const lines = ['x1,x2,x3,x4,y'];
  for (let i = 0; i < 2500; i++) {
    const x = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const y = Math.sin(2 * x[0]!) + x[1]! * x[2]! - 0.5 * x[3]! + 0.1 * rng.normal();
    lines.push([...x, y].map((v) => v.toFixed(5)).join(','));
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

const rows: { case: string; backend: string; verdict: string; seconds: number; runs: number; rows: number; oneFitSeconds: number; multipleOfOneFit: number }[] = [];
const { backend } = await initTensorflow();
const dir = await mkdtemp(join(tmpdir(), 'losslens-bench-'));
await regressionCsv(join(dir, 'train.csv'));

for (const [name, load, model] of [
  ['2,500-row 4-feature regression CSV, mlp:64x64:relu', () => loadCsv(join(dir, 'train.csv'), { target: 'y' }), 'mlp:64x64:relu'],
  ['MNIST (10,000 digits), mlp:64:relu', () => loadBuiltin('mnist'), 'mlp:64:relu'],
] as const) {
  const started = performance.now();
  const train = await load();
  const d = await diagnose({ train, model, budget: 'standard' });
  const seconds = (performance.now() - started) / 1000;
  const fitSeconds = await oneFit(train, model);
  rows.push({
    case: name, backend, verdict: d.verdict, seconds: Number(seconds.toFixed(1)), runs: 1 + d.measurements.others.length, rows: train.n,
    oneFitSeconds: Number(fitSeconds.toFixed(1)), multipleOfOneFit: Number((seconds / fitSeconds).toFixed(2)),
  });
  console.log(`${name}: ${d.verdict} in ${seconds.toFixed(1)} s (${1 + d.measurements.others.length} runs); one fit ${fitSeconds.toFixed(1)} s; ${(seconds / fitSeconds).toFixed(2)}× one fit`);
}
console.table(rows);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/diagnosis-time.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
