import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfjs from '@tensorflow/tfjs';
import { fromLayersModel } from '@losslens/models';
import { watch } from './watch.js';
import { earlyStopping } from './early-stopping.js';
import { terminateOnNaN } from './terminate-on-nan.js';

/** Float64 L2 norm. */
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

function data(n = 64, seed = 3) {
  const x = tfjs.randomNormal([n, 3], 0, 1, 'float32', seed);
  const y = tfjs.tidy(() => tfjs.sum(tfjs.mul(x, tfjs.tensor1d([0.5, -1, 2])), 1, true).add(0.3));
  return { x, y };
}
function net(seed = 1) {
  const model = tfjs.sequential({
    layers: [
      tfjs.layers.dense({ units: 6, activation: 'relu', inputShape: [3], kernelInitializer: tfjs.initializers.glorotUniform({ seed }), biasInitializer: tfjs.initializers.constant({ value: -0.5 }) }),
      tfjs.layers.dense({ units: 4, activation: 'tanh', kernelInitializer: tfjs.initializers.glorotUniform({ seed: seed + 1 }) }),
      tfjs.layers.dense({ units: 1, kernelInitializer: tfjs.initializers.glorotUniform({ seed: seed + 2 }) }),
    ],
  });
  model.compile({ optimizer: tfjs.train.sgd(0.05), loss: 'meanSquaredError' });
  return model;
}

describe('watch() in a user\'s own model.fit', () => {
  it('records norms that equal an independent computation on the same weights (float64 norms, losslens\'s own functional gradient, hand-computed ReLU shares)', async () => {
    const model = net();
    const { x, y } = data();
    const probeRows = 16;
    const watcher = watch({ tf: tfjs, probe: { x, y }, probeRows, updateSamples: 1000 });
    // Independent record: weights at each epoch end and before/after every update.
    const atEpochEnd: Float32Array[][] = [];
    const updateSums: { delta: number[]; weight: number[]; count: number }[] = [];
    let before: Float32Array[] = [];
    const weightsNow = () => model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
    const recorder = new tfjs.CustomCallback({
      onEpochBegin: async () => { updateSums.push({ delta: [0, 0, 0, 0, 0, 0], weight: [0, 0, 0, 0, 0, 0], count: 0 }); },
      onBatchBegin: async () => { before = weightsNow(); },
      onBatchEnd: async () => {
        const after = weightsNow();
        const s = updateSums.at(-1)!;
        after.forEach((w, i) => {
          s.delta[i]! += norm(w.map((v, j) => v - before[i]![j]!));
          s.weight[i]! += norm(before[i]!);
        });
        s.count += 1;
      },
      onEpochEnd: async () => { atEpochEnd.push(weightsNow()); },
    });
    const initial = weightsNow();
    await model.fit(x, y, { epochs: 3, batchSize: 16, shuffle: false, verbose: 0, callbacks: [recorder, watcher] as never });
    const signals = watcher.signals();
    expect(signals.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    const px = tfjs.slice(x, 0, probeRows);
    const py = tfjs.slice(y, 0, probeRows);
    const thetas = [initial, ...atEpochEnd];
    for (const [k, e] of signals.epochs.entries()) {
      const weights = thetas[k]!;
      // weight norms in float64
      e.blocks.forEach((b, i) => expect(rel(b.weightNorm, norm(weights[i]!))).toBeLessThan(1e-6));
      // gradient norms: losslens's functional model at the same θ, a hand-written MSE, tf.grad on the flat θ
      const { model: functional } = await fromLayersModel({ save: async (h) => { const m = await tfjs.loadLayersModel(tfjs.io.fromMemory((await saveArtifacts(model, weights)))); return m.save(h); } });
      const theta = tfjs.tensor1d(Float32Array.from(weights.flatMap((w) => Array.from(w))));
      const grad = tfjs.tidy(() => tfjs.grad((t: tfjs.Tensor) => tfjs.mean(tfjs.square(tfjs.sub(functional.apply(t as tfjs.Tensor1D, px), py))))(theta).dataSync());
      let at = 0;
      e.blocks.forEach((b, i) => {
        const size = weights[i]!.length;
        expect(rel(b.gradientNorm, norm(grad.slice(at, at + size)))).toBeLessThan(1e-4);
        at += size;
      });
      theta.dispose();
      // update/weight ratio: mean‖Δθ‖ / mean‖θ‖ over the epoch's updates
      if (k === 0) e.blocks.forEach((b) => expect(b.updateRatio).toBeNaN());
      else {
        const s = updateSums[k - 1]!;
        e.blocks.forEach((b, i) => expect(rel(b.updateRatio, s.delta[i]! / s.weight[i]!)).toBeLessThan(1e-3));
      }
      // dead ReLU share of the first layer by hand: a unit is dead when relu(xW + b) ≤ 0 on every probe row
      const [W, bias] = [weights[0]!, weights[1]!];
      const xs = px.arraySync() as number[][];
      let dead = 0;
      for (let u = 0; u < 6; u++) if (xs.every((row) => row.reduce((s, v, j) => s + v * W[j * 6 + u]!, bias[u]!) <= 0)) dead += 1;
      expect(e.activations[0]!.deadShare).toBeCloseTo(dead / 6, 10);
      expect(e.activations[1]!.saturatedShare).toBeDefined();
    }
    tfjs.dispose([px, py, x, y]);
    model.dispose();
  });

  it('leaves no tensors behind, measures every `every` epochs plus the last, and the detectors read the signals', async () => {
    const model = net(5);
    const { x, y } = data();
    await model.fit(x, y, { epochs: 1, verbose: 0 }); // warm-up: tfjs's own lazily made tensors
    const before = tfjs.memory().numTensors;
    const watcher = watch({ tf: tfjs, probe: { x, y }, every: 2 });
    await model.fit(x, y, { epochs: 5, batchSize: 16, validationSplit: 0.25, verbose: 0, callbacks: watcher });
    const result = await watcher.diagnose();
    expect(tfjs.memory().numTensors).toBe(before);
    expect(result.signals.epochs.map((e) => e.epoch)).toEqual([0, 1, 3, 5]);
    expect(result.signals.epochs[1]!.validationLoss).toBeGreaterThan(0);
    expect(result.signals.epochs[2]!.learningRate).toBe(0.05);
    expect(watcher.history).toHaveLength(5);
    expect(result.detections.map((d) => d.detector)).toContain('vanishing-gradients');
    expect(result.markdown).toMatch(/\| detector \| fired \|/);
    tfjs.dispose([x, y]);
    model.dispose();
  });

  it('finds a planted fault in the user\'s own training (SGD rate 1e-6: learning rate too small, plateau) and writes JSON, Markdown and HTML', async () => {
    const model = tfjs.sequential({ layers: [tfjs.layers.dense({ units: 16, activation: 'relu', inputShape: [3] }), tfjs.layers.dense({ units: 1 })] });
    model.compile({ optimizer: tfjs.train.sgd(1e-6), loss: 'meanSquaredError' });
    const { x, y } = data(128);
    const dir = await mkdtemp(join(tmpdir(), 'watch-'));
    const watcher = watch({ tf: tfjs, probe: { x, y }, report: { json: join(dir, 'd.json'), markdown: join(dir, 'd.md'), html: join(dir, 'd.html') } });
    await model.fit(x, y, { epochs: 8, batchSize: 32, verbose: 0, callbacks: [watcher] });
    const result = await watcher.diagnose();
    const fired = result.detections.filter((d) => d.fired).map((d) => d.detector);
    expect(fired).toContain('learning-rate-too-small');
    expect(fired).toContain('plateau');
    expect(result.written).toHaveLength(3);
    const json = JSON.parse(await readFile(join(dir, 'd.json'), 'utf8'));
    expect(json.health.detections.find((d: { detector: string }) => d.detector === 'learning-rate-too-small').fired).toBe(true);
    const html = await readFile(join(dir, 'd.html'), 'utf8');
    expect(html).toMatch(/<strong>yes<\/strong><\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>learning rate too small/);
    expect(html).toMatch(/<svg/);
    tfjs.dispose([x, y]);
    model.dispose();
  });

  it('records the last epoch when earlyStopping ends training early, and restores the best weights after it measured', async () => {
    const model = net(7);
    const { x, y } = data();
    const watcher = watch({ tf: tfjs, probe: { x, y }, every: 3 });
    const stop = earlyStopping({ tf: tfjs, monitor: 'loss', patience: 0, minDelta: 10, log: () => undefined });
    await model.fit(x, y, { epochs: 20, verbose: 0, callbacks: [watcher, stop] });
    expect(stop.stoppedEpoch).toBe(1);
    expect(watcher.signals().epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    tfjs.dispose([x, y]);
    model.dispose();
  });

  it('a run that blows up: terminateOnNaN stops it, the epoch it stopped in is recorded, and the non-finite detector names it', async () => {
    const model = net(13);
    model.compile({ optimizer: tfjs.train.sgd(50), loss: 'meanSquaredError' });
    const { x, y } = data();
    const scaled = tfjs.mul(y, 100);
    const watcher = watch({ tf: tfjs, probe: { x, y: scaled } });
    const stop = terminateOnNaN({ tf: tfjs, log: () => undefined });
    await model.fit(x, scaled, { epochs: 30, batchSize: 16, verbose: 0, callbacks: [watcher, stop] });
    expect(stop.stopped).toBeDefined();
    const result = await watcher.diagnose();
    const nonFinite = result.detections.find((d) => d.detector === 'non-finite')!;
    expect(nonFinite.fired).toBe(true);
    expect(result.signals.epochs.at(-1)!.epoch).toBe(stop.stopped!.epoch + 1);
    tfjs.dispose([x, y, scaled]);
    model.dispose();
  });

  it('works in fitDataset too (steps unknown: the first updates of each epoch are sampled)', async () => {
    const model = net(11);
    const { x, y } = data();
    const rows = { xs: tfjs.unstack(x), ys: tfjs.unstack(y) };
    const dataset = tfjs.data.zip({ xs: tfjs.data.array(rows.xs), ys: tfjs.data.array(rows.ys) }).batch(16);
    const watcher = watch({ tf: tfjs, probe: { x, y } });
    await model.fitDataset(dataset as never, { epochs: 2, verbose: 0, callbacks: [watcher] });
    const epochs = watcher.signals().epochs;
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(epochs[1]!.blocks.every((b) => b.updateRatio > 0 && Number.isFinite(b.gradientNorm))).toBe(true);
    expect(epochs[2]!.trainLoss).toBeGreaterThan(0);
    tfjs.dispose([x, y, ...rows.xs, ...rows.ys]);
    model.dispose();
  });

  it('a custom loop: begin, update after each step, step at each epoch end', async () => {
    const model = net(9);
    const { x, y } = data();
    const optimizer = tfjs.train.sgd(0.05);
    const watcher = watch({ probe: { x, y }, loss: (t, p) => tfjs.losses.meanSquaredError(t, p) });
    const before = tfjs.memory().numTensors;
    await watcher.begin(model);
    for (let epoch = 0; epoch < 3; epoch++) {
      let total = 0;
      for (let b = 0; b < 4; b++) {
        const xb = tfjs.slice(x, b * 16, 16);
        const yb = tfjs.slice(y, b * 16, 16);
        const cost = optimizer.minimize(() => tfjs.losses.meanSquaredError(yb, model.apply(xb) as tfjs.Tensor) as tfjs.Scalar, true)!;
        total += cost.dataSync()[0]!;
        tfjs.dispose([xb, yb, cost]);
        await watcher.update(model);
      }
      await watcher.step({ model, epoch, logs: { loss: total / 4 }, last: epoch === 2 });
    }
    watcher.dispose();
    expect(tfjs.memory().numTensors).toBe(before);
    const epochs = watcher.signals().epochs;
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(epochs[2]!.blocks.every((b) => b.updateRatio > 0)).toBe(true);
    tfjs.dispose([x, y]);
    model.dispose();
  });

  it('refuses a probe whose x and y rows differ, and every < 1', () => {
    const x = tfjs.zeros([4, 3]);
    const y = tfjs.zeros([3, 1]);
    expect(() => watch({ probe: { x, y } })).toThrow(/probe x has 4 rows but y has 3/);
    expect(() => watch({ probe: { x, y: x }, every: 0 })).toThrow(/every must be a whole number/);
    tfjs.dispose([x, y]);
  });
});

/** The model's topology with other weights, as artifacts (to read them with fromLayersModel). */
async function saveArtifacts(model: tfjs.LayersModel, weights: Float32Array[]): Promise<tfjs.io.ModelArtifacts> {
  let artifacts: tfjs.io.ModelArtifacts | undefined;
  await model.save({ save: async (a) => { artifacts = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; } });
  const bytes = new Float32Array(weights.reduce((n, w) => n + w.length, 0));
  let at = 0;
  for (const w of weights) { bytes.set(w, at); at += w.length; }
  return { ...artifacts!, weightData: bytes.buffer };
}
