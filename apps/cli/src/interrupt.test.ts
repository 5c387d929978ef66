/**
 * Interrupts keep finished work: SIGINT/SIGTERM mid-study writes what finished (`"partial": true`,
 * with what is missing) and exits 130/143; `--resume` completes it with the same result as an
 * uninterrupted run; a second signal quits at once. A diagnosis keeps its finished training runs.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { memoryIO, runIn } from './test-io.js';
import type { LensEvent } from '@losslens/core';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'losslens-interrupt-'));
  const rows = Array.from({ length: 200 }, (_, i) => `${Math.sin(i).toFixed(3)},${Math.cos(1.3 * i).toFixed(3)},${(0.5 * Math.sin(3 * i) + 0.1 * Math.cos(i)).toFixed(3)}`);
  await writeFile(join(dir, 'data.csv'), `x1,x2,y\n${rows.join('\n')}\n`);
  await writeFile(join(dir, 'small.csv'), `x1,x2,y\n${rows.slice(0, 40).join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readJson = async (name: string) => JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;

/** Drops wall-clock timings, the only fields two identical runs differ in. */
function untimed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untimed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !['ms', 'msPerUpdate', 'msPerEpoch', 'seconds'].includes(key)).map(([key, v]) => [key, untimed(v)]));
}

/** An in-memory IO whose stop signal fires (as the first SIGINT would) when `when` sees its event. */
function interruptedIO(when: (event: LensEvent) => boolean, reason: 'SIGINT' | 'SIGTERM' = 'SIGINT') {
  const io = memoryIO(dir);
  const controller = new AbortController();
  io.interrupts = { safeStop: () => controller.signal };
  io.events.on((event) => {
    if (when(event)) controller.abort(reason);
  });
  return io;
}

const studies = [
  {
    command: 'batch-study',
    args: ['batch-study', '--train', 'small.csv', '--target', 'y', '--model', 'mlp:4:tanh', '--batch-sizes', '4,8,full', '--epochs', '3', '--workers', '1', '--backend', 'cpu'],
    after: (e: LensEvent) => e.type === 'progress' && e.task === 'batch-study' && e.done === 1,
    missing: { batchSizes: [8, 'full'] },
    finished: (json: Record<string, unknown>) => (json['runs'] as unknown[]).length,
  },
  {
    command: 'cv',
    args: ['cv', '--train', 'small.csv', '--target', 'y', '--models', 'linear;mlp:4:tanh;mlp:8:tanh', '--folds', '3', '--epochs', '3', '--backend', 'cpu'],
    after: (e: LensEvent) => e.type === 'stage' && e.name === 'cv linear' && e.state === 'end',
    missing: { models: ['mlp:4:tanh', 'mlp:8:tanh'] },
    finished: (json: Record<string, unknown>) => (json['models'] as unknown[]).length,
  },
  {
    command: 'critical-study',
    args: ['critical-study', '--train', 'small.csv', '--target', 'y', '--model', 'mlp:2:tanh', '--runs', '3', '--seed', '5', '--epochs', '20', '--polish-steps', '2', '--backend', 'cpu'],
    after: (e: LensEvent) => e.type === 'progress' && e.task === 'critical-study' && e.done === 1,
    missing: { seeds: [6, 7] },
    finished: (json: Record<string, unknown>) => (json['points'] as unknown[]).length,
  },
];

describe.each(studies)('$command: a signal mid-study, then --resume', ({ command, args, after, missing, finished }) => {
  it('writes the finished part marked partial, exits 130, and --resume equals an uninterrupted run', async () => {
    const whole = `${command}-whole.json`;
    const part = `${command}-part.json`;
    expect((await runIn(dir, [...args, '--json', whole])).code).toBe(0);

    const io = interruptedIO(after);
    expect(await runCli([...args, '--json', part], io)).toBe(130);
    expect(io.err).toMatch(new RegExp(`losslens: SIGINT: stopped after 1 of 3 .*; wrote the finished part to .*${part} \\("partial": true\\); continue with --resume ${part}`));
    const partial = await readJson(part);
    expect(partial['partial']).toBe(true);
    expect(partial['missing']).toEqual(missing);
    expect(finished(partial)).toBe(1);

    const resumed = await runIn(dir, [...args, '--resume', part]);
    expect(resumed.err).not.toMatch(/error/);
    expect(resumed.code).toBe(0);
    const final = await readJson(part); // --resume writes back to its file when --json is not given
    expect(final['partial']).toBeUndefined();
    expect(untimed(final)).toEqual(untimed(await readJson(whole)));
  }, 120_000);

  it('SIGTERM exits 143; --resume refuses other settings, a complete file and a missing one', async () => {
    const part = `${command}-term.json`;
    const io = interruptedIO(after, 'SIGTERM');
    expect(await runCli([...args, '--json', part], io)).toBe(143);
    expect(io.err).toMatch(/losslens: SIGTERM: stopped after 1 of 3/);
    const seedIndex = args.indexOf('--seed');
    const changed = seedIndex >= 0 ? args.map((a, i) => (i === seedIndex + 1 ? '9' : a)) : [...args, '--seed', '9'];
    const other = await runIn(dir, [...changed, '--resume', part]);
    expect(other.code).toBe(2);
    expect(other.err.trim()).toBe(`losslens: --resume: ${part}: was made with seed = ${seedIndex >= 0 ? args[seedIndex + 1] : 0}, this run has 9; give the same flags to resume`);
    expect((await runIn(dir, [...args, '--resume', part])).code).toBe(0);
    const complete = await runIn(dir, [...args, '--resume', part]);
    expect(complete.code).toBe(2);
    expect(complete.err).toMatch(/--resume: .*is not a partial losslens output/);
    expect((await runIn(dir, [...args, '--resume', 'nothere.json'])).err).toMatch(/--resume: nothere\.json: cannot read it: no such file or folder \(ENOENT\)/);
  }, 120_000);
});

it('without --json, a stopped study says nothing was saved and still exits 130', async () => {
  const study = studies[0]!;
  const io = interruptedIO(study.after);
  expect(await runCli(study.args, io)).toBe(130);
  expect(io.err).toMatch(/SIGINT: stopped after 1 of 3 batch sizes; no --json was given, so nothing was saved to resume from/);
});

// ---- real signals, in a child process ----

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));

/**
 * Starts the CLI in a child process (from the repository root, so tsx resolves; give absolute
 * paths) and sends each signal once stderr matches its pattern (one at a time: signals sent
 * together may arrive as one).
 */
function child(args: string[], signals: { pattern: RegExp; signal: NodeJS.Signals }[]) {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', bin, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let stderr = '';
  let next = 0;
  proc.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const step = signals[next];
    if (step !== undefined && step.pattern.test(stderr)) {
      next += 1;
      proc.kill(step.signal);
    }
  });
  return new Promise<{ code: number | null; stderr: string }>((resolve) => proc.on('exit', (code) => resolve({ code, stderr })));
}

const inDir = (name: string) => join(dir, name);
const slowStudy = () => ['batch-study', '--train', inDir('data.csv'), '--target', 'y', '--model', 'mlp:16:tanh', '--batch-sizes', '4,5,6', '--epochs', '10', '--workers', '1', '--backend', 'cpu'];

it('a real SIGINT mid-study keeps the finished runs; --resume completes them like an uninterrupted run', async () => {
  const { code, stderr } = await child([...slowStudy(), '--json', inDir('real.json')], [{ pattern: /batch-study: 0\/3/, signal: 'SIGINT' }]);
  expect(stderr).toMatch(/SIGINT: stopping after the run in progress/);
  expect(code).toBe(130);
  const partial = await readJson('real.json');
  expect(partial['partial']).toBe(true);
  const done = (partial['runs'] as unknown[]).length;
  expect(done).toBeGreaterThanOrEqual(1);
  expect(done).toBeLessThan(3);
  expect((partial['missing'] as { batchSizes: number[] }).batchSizes).toEqual([4, 5, 6].slice(done));
  expect((await runIn(dir, [...slowStudy(), '--resume', inDir('real.json')])).code).toBe(0);
  expect((await runIn(dir, [...slowStudy(), '--json', inDir('real-whole.json')])).code).toBe(0);
  expect(untimed(await readJson('real.json'))).toEqual(untimed(await readJson('real-whole.json')));
}, 180_000);

it('a second Ctrl-C quits at once: exit 130, the old output untouched, no temporary file', async () => {
  await writeFile(join(dir, 'twice.json'), '{"old": true}\n');
  const { code, stderr } = await child([...slowStudy(), '--json', inDir('twice.json')], [
    { pattern: /batch-study: 0\/3/, signal: 'SIGINT' },
    { pattern: /stopping after the run in progress/, signal: 'SIGINT' },
  ]);
  expect(code).toBe(130);
  expect(stderr).toMatch(/SIGINT: quit at once/);
  expect(await readFile(join(dir, 'twice.json'), 'utf8')).toBe('{"old": true}\n');
  expect((await readdir(dir)).filter((f) => f.includes('.losslens-'))).toEqual([]);
}, 120_000);

const diagnoseArgs = () => ['diagnose', '--train', inDir('small.csv'), '--target', 'y', '--model', 'mlp:32x32:relu', '--epochs', '60', '--batch-size', '8', '--budget', 'quick', '--backend', 'cpu'];

it('diagnose: a signal keeps the finished training runs (partial JSON, no report); --resume trains only the rest and equals an uninterrupted diagnosis', async () => {
  expect((await runIn(dir, [...diagnoseArgs(), '--json', inDir('diagnosis-whole.json')])).code).toBe(0);
  const io = interruptedIO((e) => e.type === 'stage' && e.name === 'training' && e.state === 'end');
  expect(await runCli([...diagnoseArgs(), '--json', inDir('diagnosis.json'), '--report', inDir('diagnosis.html')], io)).toBe(130);
  expect(io.err).toMatch(/losslens: SIGINT: stopped after \d+ finished training runs; wrote the finished part to .*diagnosis\.json \("partial": true\); continue with --resume/);
  const partial = await readJson('diagnosis.json');
  expect(partial['partial']).toBe(true);
  const kept = (partial['resume'] as { state: { runs: unknown[] } }).state.runs.length;
  expect(kept).toBeGreaterThan(0);
  expect((await readdir(dir)).filter((f) => f === 'diagnosis.html' || f.includes('.losslens-'))).toEqual([]);

  const resumed = memoryIO(dir);
  let retrained = 0;
  resumed.events.on((e) => {
    if (e.type === 'stage' && e.name === 'training' && e.state === 'start') retrained += (e.message ?? '').split(', ').length;
  });
  expect(await runCli([...diagnoseArgs(), '--resume', inDir('diagnosis.json')], resumed)).toBe(0);
  expect(retrained).toBeGreaterThan(0);
  const final = await readJson('diagnosis.json');
  expect(final['partial']).toBeUndefined();
  expect(untimed(final)).toEqual(untimed(await readJson('diagnosis-whole.json')));
  // Other flags are refused, naming the first that differs.
  const io2 = interruptedIO((e) => e.type === 'stage' && e.name === 'training' && e.state === 'end');
  expect(await runCli([...diagnoseArgs(), '--json', inDir('diagnosis-2.json')], io2)).toBe(130);
  const other = await runIn(dir, [...diagnoseArgs().map((a) => (a === '60' ? '61' : a)), '--resume', inDir('diagnosis-2.json')]);
  expect(other.code).toBe(2);
  expect(other.err).toMatch(/--resume: .*diagnosis-2\.json: was made with epochs = 60, this run has 61; give the same flags to resume/);
}, 300_000);

it('diagnose on a real SIGTERM stops after the training in progress, exits 143 and writes only the partial JSON', async () => {
  const { code, stderr } = await child([...diagnoseArgs(), '--json', inDir('diag-term.json'), '--report', inDir('diag-term.html')], [{ pattern: /▶ training/, signal: 'SIGTERM' }]);
  expect(code).toBe(143);
  expect(stderr).toMatch(/SIGTERM: stopping after the run in progress/);
  expect((await readJson('diag-term.json'))['partial']).toBe(true);
  const files = await readdir(dir);
  expect(files.filter((f) => f === 'diag-term.html' || f.includes('.losslens-'))).toEqual([]);
}, 120_000);
