import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfjs from '@tensorflow/tfjs';
import { watch } from './watch.js';
import { trainingSettings } from './watch-diagnose.js';

describe('watcher.diagnose({ comparisons: true }): the tree on the user\'s own model and settings', () => {
  it('reads the optimizer, rate, epochs and batch size of the fit, runs the tree, and writes the CLI\'s reports with the health added', async () => {
    const { x, y } = tfjs.tidy(() => {
      const x = tfjs.randomUniform([120, 2], -2, 2, 'float32', 4);
      return { x, y: tfjs.add(tfjs.sin(tfjs.slice(x, [0, 0], [-1, 1])), tfjs.mul(0.5, tfjs.slice(x, [0, 1], [-1, 1]))) };
    });
    const net = tfjs.sequential({ layers: [tfjs.layers.dense({ units: 16, activation: 'tanh', inputShape: [2] }), tfjs.layers.dense({ units: 1 })] });
    const optimizer = tfjs.train.adam(0.02);
    net.compile({ optimizer, loss: 'meanSquaredError' });
    const dir = await mkdtemp(join(tmpdir(), 'watch-tree-'));
    const watcher = watch({ tf: tfjs, probe: { x, y } });
    await net.fit(x, y, { epochs: 6, batchSize: 16, verbose: 0, callbacks: [watcher] });
    expect(trainingSettings(watcher.model, watcher.params ?? {})).toEqual({ optimizer: 'adam', learningRate: 0.02, epochs: 6, batchSize: 16 });
    const result = await watcher.diagnose({
      comparisons: true,
      train: { x, y },
      settings: { budget: 'quick', seeds: 1 },
      report: { json: join(dir, 'd.json'), markdown: join(dir, 'd.md'), html: join(dir, 'd.html') },
    });
    expect(['model-bias', 'optimization', 'overfitting', 'mismatch', 'healthy']).toContain(result.diagnosis?.verdict);
    expect(result.diagnosis?.model).toMatch(/^LayersModel "sequential_\d+_model"$/);
    const json = JSON.parse(await readFile(join(dir, 'd.json'), 'utf8'));
    for (const key of ['verdict', 'losses', 'evidence', 'remedies']) expect(json).toHaveProperty(key);
    expect(json.health.detections).toHaveLength(10);
    expect(await readFile(join(dir, 'd.md'), 'utf8')).toMatch(/^# Verdict: [\s\S]*## Training health of your run/);
    const html = await readFile(join(dir, 'd.html'), 'utf8');
    expect(html).toMatch(/Where this lands in the lecture[\s\S]*Training health of your run \(detectors\)[\s\S]*<\/body>/);
    tfjs.dispose([x, y]);
    net.dispose();
    optimizer.dispose();
  }, 300_000);
});
