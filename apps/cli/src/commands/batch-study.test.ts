import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { memoryIO } from '../test-io.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-batch-study-'));
  const rows = ['a,b,k'];
  for (let i = 0; i < 60; i++) {
    const k = i % 2;
    rows.push(`${(k === 1 ? 1 : -1) + 0.3 * Math.sin(7 * i)},${Math.cos(5 * i)},${k === 1 ? 'yes' : 'no'}`);
  }
  await writeFile(join(dir, 'classes.csv'), `${rows.join('\n')}\n`);
});

describe('losslens batch-study', () => {
  it('writes the DESIGN.md JSON: one run per batch size, updates per epoch falling as the batch grows', async () => {
    const io = memoryIO(dir);
    const code = await runCli(
      ['batch-study', '--train', 'classes.csv', '--target', 'k', '--batch-sizes', '4,16,full', '--epochs', '2', '--model', 'mlp:4:tanh', '--lr', '0.05', '--lr-scaling', 'linear', '--workers', '1', '--backend', 'cpu', '--json', 'study.json'],
      io,
    );
    expect(io.err).not.toMatch(/error/);
    expect(code).toBe(0);
    const { runs } = JSON.parse(await readFile(join(dir, 'study.json'), 'utf8')) as {
      runs: { batchSize: number; learningRate: number; updatesPerEpoch: number; msPerUpdate: number; msPerEpoch: number; train: { loss: number; accuracy: number }; validation: { loss: number; accuracy: number } }[];
    };
    // 60 rows, 20 % validation → 48 training rows: ⌈48/4⌉ = 12, ⌈48/16⌉ = 3, full = 1 update per epoch
    expect(runs.map((r) => [r.batchSize, r.updatesPerEpoch])).toEqual([[4, 12], [16, 3], [48, 1]]);
    expect(runs.map((r) => r.learningRate)).toEqual([0.05, 0.2, 0.6].map((v) => expect.closeTo(v, 10)));
    for (const r of runs) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['batchSize', 'updatesPerEpoch', 'msPerUpdate', 'msPerEpoch', 'train', 'validation']));
      expect(r.train.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.validation.accuracy).toBeLessThanOrEqual(1);
      expect(r.msPerEpoch).toBeGreaterThan(0);
    }
    expect(io.out).toMatch(/\| full \(48\) \|/);
    // The critical batch size next to the table: B_simple = tr(Σ)/|G|² at the trials' initial θ.
    const { noiseScale } = JSON.parse(await readFile(join(dir, 'study.json'), 'utf8')) as {
      noiseScale: { bSimple: number; criticalBatchSize: number; traceCovariance: number; gradientNormSquared: number; at: string };
    };
    expect(noiseScale.bSimple).toBeCloseTo(noiseScale.traceCovariance / noiseScale.gradientNormSquared, 6);
    expect(noiseScale.criticalBatchSize).toBe(Math.max(1, Math.round(noiseScale.bSimple)));
    expect(noiseScale.at).toBe('initial θ');
    expect(io.out).toContain(`the critical batch size for this model and data is about ${noiseScale.criticalBatchSize} (`);
  });

  it('--sharpness fills run.sharpness from @losslens/critical', async () => {
    const io = memoryIO(dir);
    const code = await runCli(
      ['batch-study', '--train', 'classes.csv', '--target', 'k', '--batch-sizes', '8,full', '--epochs', '2', '--model', 'linear', '--workers', '1', '--backend', 'cpu', '--sharpness', '--json', 'sharp.json', '--html', 'sharp.html'],
      io,
    );
    expect(code).toBe(0);
    const { runs } = JSON.parse(await readFile(join(dir, 'sharp.json'), 'utf8')) as { runs: { msPerUpdate: number; train: { loss: number }; validation: { loss: number }; sharpness: { topEigenvalue: number; keskar: number } }[] };
    for (const r of runs) {
      // softmax cross-entropy of a linear model is convex: its top Hessian eigenvalue is positive
      expect(r.sharpness.topEigenvalue).toBeGreaterThan(0);
      expect(r.sharpness.keskar).toBeGreaterThanOrEqual(0);
    }
    // The text output prints the sharpness beside each batch size, and the lecture's comparison.
    expect(io.out).toMatch(/\| top λ \| Keskar \|/);
    for (const r of runs) expect(io.out).toContain(`| ${r.sharpness.topEigenvalue.toPrecision(4)} | ${r.sharpness.keskar.toPrecision(4)} |`);
    expect(io.out).toMatch(/smallest vs largest batch, beside the lecture's table/);
    expect(io.out).toMatch(/\| sharpness \(top Hessian eigenvalue; Keskar ε-sharpness\) \| flat minimum \| sharp minimum \|/);
    // The HTML report: the lecture's table filled in, curves, time and sharpness charts, labels whole.
    const html = await readFile(join(dir, 'sharp.html'), 'utf8');
    expect(html).toContain('<h2>Small (8) vs large (full (48)) batch, as in the lecture</h2>');
    for (const quantity of ['time per update (ms)', 'time per epoch (ms)', 'optimization (final training loss)', 'generalization (validation loss; gap to train)', 'generalization (validation accuracy)']) {
      expect(html).toContain(`<td>${quantity}</td>`);
    }
    const num = (x: number) => String(Number(x.toPrecision(4)));
    expect(html).toContain(`<td>${num(runs[0]!.train.loss)}</td><td>${num(runs[1]!.train.loss)}</td>`);
    expect(html).toContain(`<td>${num(runs[0]!.sharpness.topEigenvalue)}; ${num(runs[0]!.sharpness.keskar)}</td>`);
    for (const title of ['Training loss per epoch', 'Time per update', 'Time per epoch', 'Final loss', 'Final accuracy', 'Top Hessian eigenvalue', 'Keskar ε-sharpness']) {
      expect(html).toContain(`Title text '${title}`);
    }
    expect(html).toMatch(/legend.*2 values: batch 8, batch full \(48\)/);
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) expect(svg).not.toContain('…');
  });

  it('bad flags exit 2 with one line naming them', async () => {
    const cases: [string[], RegExp][] = [
      [['batch-study', '--train', 'classes.csv', '--target', 'k', '--batch-sizes', '16,abc'], /--batch-sizes: expected comma-separated whole numbers ≥ 1 or "full", got "abc"/],
      [['batch-study', '--train', 'classes.csv', '--target', 'k', '--batch-sizes', '16', '--lr-scaling', 'cubic'], /--lr-scaling/],
      [['batch-study', '--dataset', 'nope', '--batch-sizes', '16'], /--dataset: no dataset named "nope" \(known: data\/mnist, data\/iris, .*synthetic\/curve/],
      [['batch-study', '--train', 'classes.csv', '--target', 'k'], /--batch-sizes/],
    ];
    for (const [args, message] of cases) {
      const io = memoryIO(dir);
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(io.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(io.err).toMatch(message);
    }
  });
});
