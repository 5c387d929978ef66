/**
 * Every command with a file output checks all of its outputs before any work: an empty path, a
 * folder, an unwritable folder, a path under a file, or a path that is one of the inputs (also
 * through a symlink or a hard link) is a one-line exit-2 error naming the flag, with nothing
 * printed, nothing computed and nothing written.
 */
import { chmod, link, mkdir, mkdtemp, open, readFile, readdir, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn } from './test-io.js';

let dir = '';
let unwritable = '';
const csv = `x1,x2,y\n${Array.from({ length: 30 }, (_, i) => `${Math.sin(i).toFixed(3)},${Math.cos(i).toFixed(3)},${(i % 3).toFixed(1)}`).join('\n')}\n`;

/** A folder this process cannot create files in: mode 0555 for a normal user; root ignores modes, so /sys then. */
async function unwritableFolder(): Promise<string> {
  const folder = join(dir, 'read-only');
  await mkdir(folder, { recursive: true });
  await chmod(folder, 0o555);
  try {
    await (await open(join(folder, 'probe'), 'wx')).close();
    await unlink(join(folder, 'probe'));
    return '/sys'; // running as root
  } catch {
    return folder;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-outputs-'));
  await writeFile(join(dir, 'train.csv'), csv);
  await writeFile(join(dir, 'test.csv'), csv);
  await writeFile(join(dir, 'model.json'), '{"not": "read: the output check comes first"}');
  await mkdir(join(dir, 'somedir'));
  await writeFile(join(dir, 'blocker'), 'a file, not a folder');
  await symlink(join(dir, 'train.csv'), join(dir, 'train-link.csv'));
  await link(join(dir, 'train.csv'), join(dir, 'train-hard.csv'));
  unwritable = await unwritableFolder();
});
afterAll(async () => {
  await chmod(join(dir, 'read-only'), 0o755).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

/** Each command with its output flags and the cheapest otherwise valid arguments. */
const commands: { name: string; args: string[]; outputs: string[]; input: string; inputFlag: string }[] = [
  { name: 'diagnose', args: ['diagnose', '--train', 'train.csv', '--target', 'y', '--budget', 'quick'], outputs: ['--json', '--report'], input: 'train.csv', inputFlag: '--train' },
  { name: 'diagnose (test file)', args: ['diagnose', '--train', 'train.csv', '--test', 'test.csv', '--target', 'y'], outputs: ['--json'], input: 'test.csv', inputFlag: '--test' },
  { name: 'train', args: ['train', '--train', 'train.csv', '--target', 'y', '--epochs', '1'], outputs: ['--json'], input: 'train.csv', inputFlag: '--train' },
  { name: 'train (model.json)', args: ['train', '--train', 'train.csv', '--target', 'y', '--model', 'model.json'], outputs: ['--json'], input: 'model.json', inputFlag: '--model' },
  { name: 'batch-study', args: ['batch-study', '--train', 'train.csv', '--target', 'y', '--batch-sizes', '8', '--epochs', '1'], outputs: ['--json'], input: 'train.csv', inputFlag: '--train' },
  { name: 'cv', args: ['cv', '--train', 'train.csv', '--target', 'y', '--models', 'linear', '--epochs', '1'], outputs: ['--json'], input: 'train.csv', inputFlag: '--train' },
  { name: 'cv (model.json among --models)', args: ['cv', '--train', 'train.csv', '--target', 'y', '--models', 'linear;model.json'], outputs: ['--json'], input: 'model.json', inputFlag: '--models' },
  { name: 'learning-curve', args: ['learning-curve', '--train', 'train.csv', '--target', 'y', '--model', 'linear', '--epochs', '1'], outputs: ['--json', '--svg', '--html'], input: 'train.csv', inputFlag: '--train' },
  { name: 'shift', args: ['shift', '--train', 'train.csv', '--test', 'test.csv', '--target', 'y'], outputs: ['--json'], input: 'test.csv', inputFlag: '--test' },
  { name: 'hessian', args: ['hessian', '--model', 'linear', '--data', 'train.csv', '--target', 'y'], outputs: ['--json'], input: 'train.csv', inputFlag: '--data' },
  { name: 'hessian (model.json)', args: ['hessian', '--model', 'model.json', '--data', 'train.csv', '--target', 'y'], outputs: ['--json'], input: 'model.json', inputFlag: '--model' },
  { name: 'critical-study', args: ['critical-study', '--train', 'train.csv', '--target', 'y', '--runs', '1', '--epochs', '1'], outputs: ['--json', '--svg', '--html'], input: 'train.csv', inputFlag: '--train' },
  { name: 'landscape', args: ['landscape', '--model', 'linear', '--data', 'train.csv', '--target', 'y'], outputs: ['--json', '--svg', '--html'], input: 'train.csv', inputFlag: '--data' },
];

/** Runs and checks: exit 2, one stderr line naming `flag` and matching `why`, nothing on stdout, no file added or changed. */
async function expectRefused(args: string[], flag: string, why: RegExp): Promise<void> {
  const before = (await readdir(dir)).sort();
  const { code, out, err } = await runIn(dir, args);
  expect(err).not.toMatch(/internal error/);
  expect(code).toBe(2);
  expect(err.trim().split('\n'), err).toHaveLength(1);
  expect(err).toContain(`${flag}: `);
  expect(err).toMatch(why);
  expect(out).toBe('');
  expect((await readdir(dir)).sort()).toEqual(before);
  expect(await readFile(join(dir, 'train.csv'), 'utf8')).toBe(csv);
  expect(await readFile(join(dir, 'test.csv'), 'utf8')).toBe(csv);
}

describe.each(commands)('$name checks its outputs before any work', ({ args, outputs, input, inputFlag }) => {
  it.each(outputs)('%s: empty, folder, unwritable, under a file', async (flag) => {
    await expectRefused([...args, flag, ''], flag, /expected a file path, got ""/);
    await expectRefused([...args, flag, 'somedir'], flag, /cannot write somedir: it is a folder; give a file name/);
    await expectRefused([...args, flag, 'somedir/'], flag, /cannot write somedir\/: the path names a folder/);
    await expectRefused([...args, flag, join(unwritable, 'out.json')], flag, /is not writable: [a-z -]+ \(E(ACCES|PERM|ROFS)\)/);
    await expectRefused([...args, flag, 'blocker/out.json'], flag, /cannot write blocker\/out\.json: .*blocker is not a folder/);
    await expectRefused([...args, flag, 'blocker/missing/out.json'], flag, /cannot write blocker\/missing\/out\.json: .*blocker is not a folder/);
  });
  it.each(outputs)('%s: never the input file, however it is spelled or linked', async (flag) => {
    const inputMessage = new RegExp(`it is the input file of ${inputFlag} \\(${input.replace('.', '\\.')}\\)`);
    await expectRefused([...args, flag, input], flag, inputMessage);
    await expectRefused([...args, flag, `./${input}`], flag, inputMessage);
    await expectRefused([...args, flag, join(dir, input)], flag, inputMessage);
    if (input === 'train.csv') {
      await expectRefused([...args, flag, 'train-link.csv'], flag, inputMessage);
      await expectRefused([...args, flag, 'train-hard.csv'], flag, inputMessage);
    }
  });
});

it('two outputs naming the same file are refused', async () => {
  const { code, err } = await runIn(dir, ['landscape', '--model', 'linear', '--data', 'train.csv', '--target', 'y', '--json', 'same.out', '--svg', 'same.out']);
  expect(code).toBe(2);
  expect(err.trim()).toBe('losslens: --svg: cannot write same.out: --json writes the same file');
});

it('a missing output folder under a writable parent passes the check and is created when written', async () => {
  const { code, err } = await runIn(dir, ['train', '--train', 'train.csv', '--target', 'y', '--model', 'linear', '--epochs', '1', '--backend', 'cpu', '--json', 'new/deeper/run.json']);
  expect(err).not.toMatch(/error/);
  expect(code).toBe(0);
  expect(JSON.parse(await readFile(join(dir, 'new/deeper/run.json'), 'utf8'))).toMatchObject({ model: 'linear', epochs: 1 });
  expect((await readdir(join(dir, 'new/deeper'))).filter((f) => f.includes('losslens-'))).toEqual([]);
});

it('batch-study writes through the shared writer: an existing output is replaced whole', async () => {
  await writeFile(join(dir, 'study.json'), 'old');
  const { code, err } = await runIn(dir, ['batch-study', '--train', 'train.csv', '--target', 'y', '--model', 'linear', '--batch-sizes', '8,full', '--epochs', '1', '--workers', '1', '--backend', 'cpu', '--json', 'study.json']);
  expect(err).not.toMatch(/error/);
  expect(code).toBe(0);
  const { runs } = JSON.parse(await readFile(join(dir, 'study.json'), 'utf8')) as { runs: unknown[] };
  expect(runs).toHaveLength(2);
});

it("an output that is a model.json's weight file is refused, naming the shard (the model's weights would be lost)", async () => {
  const folder = join(dir, 'trained');
  await mkdir(folder, { recursive: true });
  const weights = new Uint8Array(16).fill(7);
  await writeFile(join(folder, 'weights.bin'), weights);
  await writeFile(join(folder, 'model.json'), JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['weights.bin'], weights: [] }] }));
  for (const args of [
    ['hessian', '--model', 'trained/model.json', '--data', 'train.csv', '--target', 'y'],
    ['cv', '--train', 'train.csv', '--target', 'y', '--models', 'linear;trained/model.json'],
  ]) {
    const { code, err } = await runIn(dir, [...args, '--json', 'trained/weights.bin']);
    expect(code).toBe(2);
    expect(err.trim()).toMatch(/--json: cannot write trained\/weights\.bin: it is the input file of --models? \(trained\/model\.json's weight file weights\.bin\); choose another output path/);
  }
  expect(new Uint8Array(await readFile(join(folder, 'weights.bin')))).toEqual(weights);
});
