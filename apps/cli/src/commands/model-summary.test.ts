import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIn } from '../test-io.js';

/** Runs the CLI in `cwd`. */
const run = (args: string[], cwd = process.cwd()) => runIn(cwd, args);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losslens-cli-model-'));
  await mkdir(join(root, 'm'));
  await writeFile(
    join(root, 'm', 'model.json'),
    JSON.stringify({
      modelTopology: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { name: 'hidden', units: 3, activation: 'tanh', batch_input_shape: [null, 2] } },
            { class_name: 'Dense', config: { name: 'out', units: 1, use_bias: false } },
          ],
        },
      },
      weightsManifest: [
        {
          paths: ['weights.bin'],
          weights: [
            { name: 'hidden/kernel', shape: [2, 3], dtype: 'float32' },
            { name: 'hidden/bias', shape: [3], dtype: 'float32' },
            { name: 'out/kernel', shape: [3, 1], dtype: 'float32' },
          ],
        },
      ],
    }),
  );
  await writeFile(join(root, 'm', 'weights.bin'), new Uint8Array(12 * 4));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('losslens model summary', () => {
  it('prints layers, shapes and parameter counts of a spec', async () => {
    const { code, out } = await run(['model', 'summary', 'mlp:64x64:relu', '--input-shape', '4', '--outputs', '3']);
    expect(code).toBe(0);
    expect(out).toContain('dense_1 (Dense)   [null, 64]         320');
    expect(out).toContain('dense_3 (Dense)   [null, 3]          195');
    expect(out).toContain('Total params: 4,675'); // 320 + 4,160 + 195
  });
  it('defaults cnn specs to 28×28×1 inputs and prints JSON on request', async () => {
    const { code, out } = await run(['model', 'summary', 'cnn:8c3-p2-16c3-p2:relu', '--outputs', '10', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(out) as { totalParameters: number; layers: { type: string; outputShape: (number | null)[] }[] };
    expect(summary.layers.map((l) => l.outputShape)).toEqual([
      [null, 26, 26, 8],
      [null, 13, 13, 8],
      [null, 11, 11, 16],
      [null, 5, 5, 16],
      [null, 400],
      [null, 10],
    ]);
    expect(summary.totalParameters).toBe(80 + 1168 + 4010);
  });
  it('reads a tfjs-layers model.json relative to the working directory', async () => {
    const { code, out } = await run(['model', 'summary', 'm/model.json'], root);
    expect(code).toBe(0);
    expect(out).toMatch(/^hidden \(Dense\)\s+\[null, 3\]\s+9$/m);
    expect(out).toMatch(/^out \(Dense\)\s+\[null, 1\]\s+3$/m);
    expect(out).toContain('Total params: 12');
  });
  it('bad input exits 2 with one line', async () => {
    const cases: [string[], RegExp][] = [
      [['model', 'summary', 'transformer'], /^losslens: unknown model spec "transformer"; use linear/],
      [['model', 'summary', 'mlp:64xx:relu'], /^losslens: model spec "mlp:64xx:relu": width "" is not a positive integer$/],
      [['model', 'summary', 'mlp:8:relu', '--input-shape', '4,a'], /^losslens: --input-shape "4,a": expected positive integers such as 4 or 28,28,1$/],
      [['model', 'summary', 'mlp:8:relu', '--outputs', '0'], /^losslens: --outputs "0": expected a positive integer$/],
      [['model', 'summary', 'cnn:4c3:relu', '--input-shape', '10'], /a cnn needs \[height, width, channels\] inputs/],
      [['model', 'summary', 'missing/model.json'], /missing\/model.json: file not found$/],
      [['model', 'summary', 'm/model.json', '--input-shape', '5'], /^losslens: m\/model.json: the model takes inputs of shape \[2\], the data has \[5\]$/],
      [['model', 'summary'], /missing required argument 'model'/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await run(args, root);
      expect(code, args.join(' ')).toBe(2);
      expect(err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(err.trim(), args.join(' ')).toMatch(message);
    }
  });
});
