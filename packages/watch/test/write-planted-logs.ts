/**
 * Writes the training logs of the repository's own planted-fault runs (packages/health/bench's
 * scenarios, seed 1) as a person would have them: tfjs History JSON and Keras CSVLogger CSV.
 * Plus two runs with a validation split: a healthy one and a planted overfit (a wide MLP on 40
 * noisy rows). Run once: `npx tsx --conditions=source test/write-planted-logs.ts` in packages/watch.
 */
import { writeFile } from 'node:fs/promises';
import { initTensorflow } from '@losslens/core';
import { fitStandardizer, holdout, makeCurve, makeTwoMoons } from '@losslens/data';
import { createModel } from '@losslens/models';
import { fit } from '@losslens/optim';
import { runScenario, scenarios } from '../../health/bench/scenarios.js';

await initTensorflow();
const dir = new URL('./fixtures/planted/', import.meta.url);
const { mkdir } = await import('node:fs/promises');
await mkdir(dir, { recursive: true });

const csv = (rows: { loss: number; val_loss?: number }[]) => {
  const val = rows.some((r) => r.val_loss !== undefined);
  const num = (x: number) => (Number.isNaN(x) ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : String(x));
  return `epoch,loss${val ? ',val_loss' : ''}\n${rows.map((r, i) => `${i},${num(r.loss)}${val ? `,${num(r.val_loss as number)}` : ''}`).join('\n')}\n`;
};
const pick = [
  ['healthy', 'moons', 'mlp:32:relu'],
  ['healthy', 'teacher', 'mlp:32:relu'],
  ['healthy', 'curve', 'mlp:32x32:tanh'],
  ['healthy', 'spirals', 'mlp:32x32:relu'],
  ['non-finite', 'teacher', 'mlp:32x32:relu'],
  ['oscillating-loss', 'moons', 'mlp:32:relu'],
  ['plateau', 'moons', 'mlp:32:tanh'],
  ['plateau', 'curve', 'mlp:16x16:tanh'],
  ['learning-rate-too-small', 'moons', 'mlp:32:relu'],
] as const;
for (const [kind, dataset, model] of pick) {
  const s = scenarios.find((x) => x.kind === kind && x.dataset === dataset && x.model === model);
  if (s === undefined) throw new Error(`no scenario ${kind} ${dataset} ${model}`);
  const signals = await runScenario(s, 1);
  const rows = signals.epochs.filter((e) => e.epoch > 0).map((e) => ({ loss: e.trainLoss }));
  const name = `${kind}-${dataset}`;
  // tfjs's History JSON writes NaN as null, exactly as JSON.stringify(history) does.
  await writeFile(new URL(`${name}.json`, dir), `${JSON.stringify({ epoch: rows.map((_, i) => i), history: { loss: rows.map((r) => r.loss) } })}\n`);
  await writeFile(new URL(`${name}.csv`, dir), csv(rows));
  console.log(name, rows.length, 'epochs');
}

for (const [name, raw, spec, epochs] of [
  ['healthy-validation-moons', makeTwoMoons({ n: 400, seed: 1, noise: 0.15 }), 'mlp:32:relu', 40],
  ['overfitting-curve', makeCurve({ n: 50, seed: 1, noise: 0.5 }), 'mlp:256x256:relu', 300],
] as const) {
  const split = holdout(raw, { validation: 0.2, seed: 1, stratify: raw.task === 'classification' });
  const scaler = fitStandardizer(split.train, { targets: true });
  const train = scaler.transform(split.train);
  const validation = scaler.transform(split.validation);
  const model = createModel(spec, { inputShape: train.featureShape, outputs: train.outputs, task: train.task });
  const result = await fit({ model, train, validation, optimizer: 'adam', learningRate: 0.01, epochs, batchSize: 32, seed: 1, finalEvaluation: false });
  const rows = result.history.map((h) => ({ loss: h.trainLoss, val_loss: h.validationLoss as number }));
  await writeFile(new URL(`${name}.csv`, dir), csv(rows));
  await writeFile(new URL(`${name}.json`, dir), `${JSON.stringify({ history: { loss: rows.map((r) => r.loss), val_loss: rows.map((r) => r.val_loss) } })}\n`);
  console.log(name, rows.length, 'epochs');
}
