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
    expect(out).toMatch(/\| seed \| training loss \| minimum ratio \| ‖∇L‖ after training \| ‖∇L‖ analyzed \| critical \| kind \| positive \| negative \| flat \|/);
    expect(out).toMatch(/\d of 2 runs reached a critical point \(‖∇L‖ ≤ 0\.001\)/);
    const study = JSON.parse(await readFile(join(dir, 'out/study.json'), 'utf8'));
    expect(study.parameters).toBe(10);
    expect(study.points.map((p: { seed: number }) => p.seed)).toEqual([0, 1]);
    for (const p of study.points) {
      expect(p.minimumRatio).toBeGreaterThanOrEqual(0);
      expect(p.minimumRatio).toBeLessThanOrEqual(1);
      expect(p.counts.positive + p.counts.negative + p.counts.zero).toBe(10);
      expect(p.minimumRatio).toBeCloseTo(p.counts.positive / 10, 12);
      expect(p.gradientNorm).toBeLessThanOrEqual(p.gradientNormAfterFit);
      expect(p.critical).toBe(p.gradientNorm <= 1e-3);
      expect(p.flatDirections).toBe(p.counts.zero);
    }
    const critical = study.points.filter((p: { critical: boolean }) => p.critical);
    expect(study.summary).toMatchObject({ runs: 2, critical: critical.length, gradientTolerance: 1e-3 });
    expect(study.spec.data.values).toHaveLength(critical.length);
    const svg = await readFile(join(dir, 'out/study.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toMatch(/minimum ratio/);
    const html = await readFile(join(dir, 'out/study.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    // the runs as a real table: one header row, one row per run; no Markdown left in a <pre>
    expect(html).not.toMatch(/<pre>/);
    expect(html).not.toMatch(/\|---/);
    expect(html.match(/<th[ >]/g)).toHaveLength(10);
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toMatch(/runs reached a critical point/);
    expect(html).not.toMatch(/<script/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  const bad: [string, string[], RegExp][] = [
    ['--runs 0', ['--runs', '0'], /--runs: expected an integer >= 1, got "0"/],
    ['an unknown polish', ['--polish', 'newton'], /--polish: expected one of newton-mr, levenberg-marquardt, gradient-norm, gradient-descent, none, got "newton"/],
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

describe('critical-study summary lines', () => {
  it('say how many runs reached a critical point, the ratio range and Spearman with its p-value', async () => {
    const { summaryLines } = await import('./critical-study.js');
    const lines = summaryLines({
      runs: 20,
      critical: 18,
      gradientTolerance: 1e-3,
      largestRatio: 0.52,
      smallestRatio: 0.32,
      correlation: { rho: -0.941, pValue: 5.2e-10, n: 18 },
      kinds: { 'local-minimum': 17, 'saddle-point': 1 },
    });
    expect(lines).toEqual([
      '18 of 20 runs reached a critical point (‖∇L‖ ≤ 0.001); the plot and the lines below use those only',
      'kinds: 17 local-minimum, 1 saddle-point',
      "minimum ratio 0.320–0.520 (1 would be a strict local minimum; the lecture's largest was about 0.6)",
      "Spearman correlation of minimum ratio and training loss: ρ = -0.94, p = 5.2e-10 (n = 18; the lecture's trend is negative: a larger ratio, a lower loss)",
    ]);
    const none = summaryLines({ runs: 3, critical: 0, gradientTolerance: 1e-3, largestRatio: Number.NaN, smallestRatio: Number.NaN, correlation: { rho: Number.NaN, pValue: Number.NaN, n: 0 }, kinds: {} });
    expect(none[1]).toBe('no run reached a critical point: train longer (--epochs) or polish more (--polish-steps)');
  });
});
