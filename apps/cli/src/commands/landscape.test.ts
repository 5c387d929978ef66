import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../test-io.js';

/** A one-layer linear tfjs-layers model (y = x·W + b), written as model.save('file://…') does. */
async function writeLinear(folder: string, kernel: number[], bias: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  const json = {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'sequential_1', layers: [{ class_name: 'Dense', config: { units: 1, activation: 'linear', use_bias: true, name: 'dense_Dense1', trainable: true, dtype: 'float32', batch_input_shape: [null, 2] } }] },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'dense_Dense1/kernel', shape: [2, 1], dtype: 'float32' }, { name: 'dense_Dense1/bias', shape: [1], dtype: 'float32' }] }],
  };
  await writeFile(join(folder, 'model.json'), JSON.stringify(json));
  await writeFile(join(folder, 'weights.bin'), new Uint8Array(Float32Array.from([...kernel, bias]).buffer));
}

let dir = '';
const rows: [number, number, number][] = [];
/** Mean squared error of y ≈ w1·x1 + w2·x2 + b in float64. */
const mseAt = (w: [number, number, number]) => rows.reduce((s, [x1, x2, y]) => s + (w[0] * x1 + w[1] * x2 + w[2] - y) ** 2, 0) / rows.length;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-landscape-'));
  const lines = ['x1,x2,y'];
  for (let i = 0; i < 20; i++) {
    const x1 = Number(Math.sin(i).toFixed(3));
    const x2 = Number(Math.cos(2 * i).toFixed(3));
    const y = Number((2 * x1 - x2 + 0.5 + 0.2 * Math.sin(7 * i)).toFixed(3));
    rows.push([x1, x2, y]);
    lines.push(`${x1},${x2},${y}`);
  }
  await writeFile(join(dir, 'data.csv'), `${lines.join('\n')}\n`);
  await writeLinear(join(dir, 'a'), [1, 0], 0);
  await writeLinear(join(dir, 'b'), [2, -1], 0.5);
});

const run = (args: string[]) => runIn(dir, ['landscape', ...args, '--backend', 'cpu']);

describe('losslens landscape', () => {
  it('1-D: the loss along (1 − α)A + αB equals the closed form at every α; SVG and HTML written', async () => {
    const { code, err } = await run(['--model', 'a/model.json', '--compare', 'b/model.json', '--data', 'data.csv', '--target', 'y', '--points', '5', '--json', 'out/line.json', '--svg', 'out/line.svg', '--html', 'out/line.html']);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(0);
    const line = JSON.parse(await readFile(join(dir, 'out/line.json'), 'utf8'));
    expect(line.mode).toBe('1d');
    expect(line.alpha).toEqual([-0.5, 0, 0.5, 1, 1.5]);
    line.alpha.forEach((alpha: number, i: number) => {
      const w: [number, number, number] = [1 + alpha, -alpha, 0.5 * alpha];
      expect(line.loss[i]).toBeCloseTo(mseAt(w), 4);
    });
    expect(await readFile(join(dir, 'out/line.svg'), 'utf8')).toMatch(/^<svg/);
    expect(await readFile(join(dir, 'out/line.html'), 'utf8')).toMatch(/<svg/);
  });

  it('2-D: a filter-normalized grid around the model whose center is the model\'s loss', async () => {
    const { code, out } = await run(['--model', 'b/model.json', '--data', 'data.csv', '--target', 'y', '--points', '5', '--range', '0.5', '--json', 'out/surface.json', '--svg', 'out/surface.svg']);
    expect(code).toBe(0);
    expect(out).toMatch(/5×5 grid/);
    const surface = JSON.parse(await readFile(join(dir, 'out/surface.json'), 'utf8'));
    expect(surface.mode).toBe('2d');
    expect(surface.alpha).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(surface.loss).toHaveLength(5);
    expect(surface.loss[2][2]).toBeCloseTo(mseAt([2, -1, 0.5]), 4);
    // only the kernel moves (the bias is 1-D: ignored); along any kernel direction the loss is a convex quadratic
    for (const row of surface.loss) expect(row[0] + row[4] - 2 * row[2]).toBeGreaterThanOrEqual(-1e-5);
    expect(await readFile(join(dir, 'out/surface.svg'), 'utf8')).toMatch(/^<svg/);
    // The picture marks your model at the centre and the lowest grid point, with horizontal α ticks.
    const svg = await readFile(join(dir, 'out/surface.svg'), 'utf8');
    expect(svg).toContain('>your model</text>');
    // b is the data's generating line: the centre is the lowest point, so it is not marked twice.
    expect(Math.min(...(surface.loss as number[][]).flat())).toBe(surface.loss[2][2]);
    expect(svg).not.toContain('>lowest');
    const aside = await run(['--model', 'a/model.json', '--data', 'data.csv', '--target', 'y', '--points', '5', '--range', '0.5', '--json', 'out/aside.json', '--svg', 'out/aside.svg']);
    expect(aside.code).toBe(0);
    const lowest = Math.min(...(JSON.parse(await readFile(join(dir, 'out/aside.json'), 'utf8')).loss as number[][]).flat());
    expect(await readFile(join(dir, 'out/aside.svg'), 'utf8')).toContain(`>lowest ${lowest.toPrecision(3)}</text>`);
    expect(svg).toMatch(/X-axis titled 'α \(first filter-normalized direction\)' for a discrete scale with 5 values: −0.50, −0.25, 0.00, 0.25, 0.50/);
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing --compare file', ['--model', 'a/model.json', '--compare', 'zz/model.json', '--data', 'data.csv', '--target', 'y'], /--compare/],
    ['--to below --from', ['--model', 'a/model.json', '--compare', 'b/model.json', '--data', 'data.csv', '--target', 'y', '--from', '1', '--to', '0'], /--to \(0\) must exceed --from \(1\)/],
    ['too many points', ['--model', 'a/model.json', '--data', 'data.csv', '--target', 'y', '--points', '1000'], /--points: expected an integer >= 2 and <= 201, got "1000"/],
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
