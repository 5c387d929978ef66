/**
 * Input validation shared by every command: seeds, the crossentropy target check, and the size
 * limits (model specs, dense Hessians), each a one-line exit-2 error before any work.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PARAMETERS } from '@losslens/models';
import { SEED_LIMIT, seedFlag } from './errors.js';
import { MAX_DENSE_HESSIAN_PARAMETERS } from './limits.js';
import { runIn } from './test-io.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-inputs-'));
  // 120 distinct real-valued targets
  const rows = Array.from({ length: 120 }, (_, i) => `${Math.sin(i).toFixed(4)},${Math.cos(i).toFixed(4)},${(0.37 * i + Math.sin(i)).toFixed(4)}`);
  await writeFile(join(dir, 'real.csv'), `x1,x2,y\n${rows.join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every command with a --seed, with arguments that would otherwise get past flag parsing. */
const seeded: [string, string[]][] = [
  ['diagnose', ['diagnose', '--train', 'nope.csv', '--target', 'y']],
  ['train', ['train', '--train', 'nope.csv', '--target', 'y']],
  ['batch-study', ['batch-study', '--train', 'nope.csv', '--target', 'y', '--batch-sizes', '8']],
  ['cv', ['cv', '--train', 'nope.csv', '--target', 'y', '--models', 'linear']],
  ['learning-curve', ['learning-curve', '--train', 'nope.csv', '--target', 'y', '--model', 'linear']],
  ['shift', ['shift', '--train', 'nope.csv', '--test', 'nope.csv', '--target', 'y']],
  ['hessian', ['hessian', '--model', 'linear', '--data', 'nope.csv', '--target', 'y']],
  ['critical-study', ['critical-study', '--train', 'nope.csv', '--target', 'y']],
  ['landscape', ['landscape', '--model', 'linear', '--data', 'nope.csv', '--target', 'y']],
];

describe.each(seeded)('%s --seed', (_name, args) => {
  it('refuses anything but an integer in [0, 2^32), the same way', async () => {
    for (const bad of ['-1', String(SEED_LIMIT), '1.5', '0x10', '1e3', '', 'abc', '99999999999999999999']) {
      const { code, err } = await runIn(dir, [...args, '--seed', bad]);
      expect(code, bad).toBe(2);
      expect(err.trim()).toBe(`losslens: --seed: expected an integer in [0, 2^32) (0 … ${SEED_LIMIT - 1}), got "${bad}"`);
    }
  });
  it('accepts 0 and 2^32 − 1 (then fails on the missing file, not the seed)', async () => {
    for (const good of ['0', String(SEED_LIMIT - 1)]) {
      const { code, err } = await runIn(dir, [...args, '--seed', good]);
      expect(code).toBe(2);
      expect(err).toMatch(/nope\.csv/);
      expect(err).not.toMatch(/--seed/);
    }
  });
});

it('seedFlag parses decimal integers only', () => {
  expect(seedFlag()('42')).toBe(42);
  expect(seedFlag()(' 7 ')).toBe(7);
  expect(seedFlag()('4294967295')).toBe(4294967295);
  expect(() => seedFlag('--first-seed')('-0')).toThrow('--first-seed: expected an integer');
});

it('critical-study refuses seeds that would run past 2^32 − 1', async () => {
  const { code, err } = await runIn(dir, ['critical-study', '--train', 'real.csv', '--target', 'y', '--seed', String(SEED_LIMIT - 2), '--runs', '3', '--backend', 'cpu']);
  expect(code).toBe(2);
  expect(err.trim()).toBe(`losslens: --runs: --seed ${SEED_LIMIT - 2} + --runs 3 goes past the largest seed ${SEED_LIMIT - 1}`);
});

it('hessian --loss crossentropy on a real-valued target is an error, not 120 classes', async () => {
  const { code, out, err } = await runIn(dir, ['hessian', '--model', 'linear', '--data', 'real.csv', '--target', 'y', '--loss', 'crossentropy', '--backend', 'cpu']);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err.trim().split('\n')).toHaveLength(1);
  expect(err).toMatch(/real\.csv: --loss: --loss crossentropy needs integer or named classes, but target column "y" has non-integer values such as -?\d+\.\d+ \(120 distinct values\); use --loss mse/);
});

it('an oversized model spec is a one-line exit-2 error naming the limit', async () => {
  const { code, err } = await runIn(dir, ['train', '--train', 'real.csv', '--target', 'y', '--model', 'mlp:100000x100000', '--backend', 'cpu']);
  expect(code).toBe(2);
  expect(err.trim()).toBe(
    `losslens: model spec "mlp:100000x100000": 10,000,500,001 parameters is more than the limit of ${MAX_PARAMETERS.toLocaleString('en-US')}; use narrower or fewer layers`,
  );
});

it('hessian --full refuses above MAX_DENSE_HESSIAN_PARAMETERS and names --top/--bottom', async () => {
  // mlp:1100 on 2 inputs, 1 output: 2·1100 + 1100 + 1100 + 1 = 4401 parameters
  const { code, err } = await runIn(dir, ['hessian', '--model', 'mlp:1100:tanh', '--data', 'real.csv', '--target', 'y', '--full', '--backend', 'cpu']);
  expect(code).toBe(2);
  expect(err.trim()).toBe(
    `losslens: --full: a dense Hessian of 4401 parameters is more than the limit of ${MAX_DENSE_HESSIAN_PARAMETERS}; use --top K --bottom K (Lanczos, any size) instead`,
  );
});

it('critical-study refuses a model too large for its per-run dense Hessian', async () => {
  const { code, err } = await runIn(dir, ['critical-study', '--train', 'real.csv', '--target', 'y', '--model', 'mlp:1100:tanh', '--backend', 'cpu']);
  expect(code).toBe(2);
  expect(err).toMatch(/--model: a dense Hessian of 4401 parameters is more than the limit of 4096; every run computes a dense Hessian/);
});
