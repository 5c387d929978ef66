import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../test-io.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-critical-study-'));
});

const run = (args: string[]) => runIn(dir, ['critical-study', ...args, '--backend', 'cpu']);

describe('losslens critical-study', () => {
  it('runs the seeds, prints the table and writes JSON, SVG and a self-contained HTML page', async () => {
    const { code, out, err } = await run([
      '--dataset', 'curve', '--model', 'mlp:3:tanh', '--runs', '2', '--epochs', '20', '--lr', '0.05', '--polish-steps', '2',
      '--json', 'out/study.json', '--svg', 'out/study.svg', '--html', 'out/study.html',
    ]);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(0);
    expect(out).toMatch(/\| seed \| training loss \| minimum ratio/);
    expect(out).toMatch(/largest minimum ratio: /);
    const study = JSON.parse(await readFile(join(dir, 'out/study.json'), 'utf8'));
    expect(study.parameters).toBe(10);
    expect(study.points.map((p: { seed: number }) => p.seed)).toEqual([0, 1]);
    for (const p of study.points) {
      expect(p.minimumRatio).toBeGreaterThanOrEqual(0);
      expect(p.minimumRatio).toBeLessThanOrEqual(1);
      expect(p.counts.positive + p.counts.negative + p.counts.zero).toBe(10);
      expect(p.minimumRatio).toBeCloseTo(p.counts.positive / 10, 12);
      expect(p.gradientNorm).toBeLessThanOrEqual(p.gradientNormAfterFit);
    }
    const svg = await readFile(join(dir, 'out/study.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toMatch(/minimum ratio/);
    const html = await readFile(join(dir, 'out/study.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  const bad: [string, string[], RegExp][] = [
    ['--runs 0', ['--runs', '0'], /--runs: expected an integer >= 1, got "0"/],
    ['an unknown polish', ['--polish', 'newton'], /--polish: expected one of levenberg-marquardt, newton-mr, gradient-norm, gradient-descent, none, got "newton"/],
    ['a bad model spec', ['--model', 'mlp:q:tanh'], /--model/],
    ['both --dataset and --train', ['--dataset', 'curve', '--train', 'x.csv', '--target', 'y'], /give either --dataset NAME or --train F\.csv --target COL/],
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
