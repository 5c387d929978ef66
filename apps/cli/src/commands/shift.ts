import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '@losslens/core';
import { loadCsv } from '@losslens/data';
import { shiftReport, type ShiftReport, type ShiftTestName } from '@losslens/validate';
import type { CliIO } from '../command.js';
import { intFlag, numberFlag, seedFlag } from '../errors.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { openLens, pluginFlag } from '../lens.js';

const testNames: readonly ShiftTestName[] = ['ks', 'wasserstein', 'mmd', 'domain-classifier'];

interface ShiftFlags {
  train?: string;
  dataset?: string;
  test: string;
  target?: string;
  plugin?: string[];
  alpha: number;
  tests?: ShiftTestName[];
  permutations?: number;
  seed: number;
  json?: string;
}

function testsFlag(value: string): ShiftTestName[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.find((n) => !(testNames as readonly string[]).includes(n));
  if (names.length === 0 || unknown !== undefined) {
    throw new InputError('E_USAGE', `expected some of ${testNames.join(', ')} separated by commas, got "${value}"`, { flag: '--tests' });
  }
  return names as ShiftTestName[];
}

const fmt = (x: number | undefined) => (x === undefined ? '—' : Number.isFinite(x) ? x.toPrecision(3) : String(x));

/** The report as text: one line per test, then the per-feature KS and Wasserstein numbers. */
export function shiftText(report: ShiftReport): string {
  const lines: string[] = [];
  const header = ['test', 'statistic', 'p-value', 'alpha', 'shifted', 'drivers'];
  const rows = report.tests.map((t) => [
    t.test,
    fmt(t.statistic),
    t.pValue !== undefined ? fmt(t.pValue) : `threshold ${fmt(t.threshold)}`,
    fmt(t.alpha),
    t.shifted ? 'yes' : 'no',
    t.drivers.join(', ') || '—',
  ]);
  const table = (head: string[], body: string[][]) => {
    const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => (r[c] as string).length)));
    return [head, ...body].map((cells) => cells.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ').trimEnd());
  };
  lines.push(...table(header, rows));
  const ks = report.tests.find((t) => t.test === 'ks');
  const w = report.tests.find((t) => t.test === 'wasserstein');
  const perFeature = ks ?? w;
  if (perFeature !== undefined) {
    lines.push('');
    const body = perFeature.features.map((f) => {
      const k = ks?.features.find((x) => x.index === f.index);
      const v = w?.features.find((x) => x.index === f.index);
      return [f.feature, fmt(k?.statistic), fmt(k?.adjustedPValue), fmt(v?.statistic), fmt(v?.adjustedPValue)];
    });
    lines.push(...table(['feature', 'KS D', 'KS p (Holm)', 'W1 (train std)', 'W1 p (Holm)'], body));
  }
  lines.push('');
  lines.push(
    report.shifted
      ? `verdict: the test inputs differ from the training inputs${report.drivers.length > 0 ? ` (driven by ${report.drivers.join(', ')})` : ''}`
      : 'verdict: no evidence that the test inputs differ from the training inputs',
  );
  return `${lines.join('\n')}\n`;
}

/** `losslens shift`: do the test inputs come from the same distribution as the training inputs? */
export function register(program: Command, io: CliIO): void {
  program
    .command('shift')
    .description('test whether the test inputs differ from the training inputs (KS, Wasserstein, MMD, domain classifier)')
    .option('--train <file>', 'training CSV (header row)')
    .option('--dataset <name>', 'a built-in dataset (or a plugin\'s) as the training side instead of --train')
    .requiredOption('--test <file>', 'test CSV with the same columns')
    .option('--target <column>', 'the target column, left out: only the inputs are compared (with --dataset: its target)')
    .option('--alpha <a>', 'overall significance level, split evenly over the tests', numberFlag('--alpha'), 0.05)
    .option('--tests <list>', `which tests, comma-separated (default ${testNames.join(',')})`, testsFlag)
    .option('--permutations <n>', 'permutations of the permutation tests (default: 200 for Wasserstein and MMD, 100 for the domain classifier)', intFlag('--permutations', { min: 1 }))
    .option('--seed <n>', 'seed of the permutations and subsamples (and of a synthetic dataset)', seedFlag(), 0)
    .option(...pluginFlag)
    .option('--json <out>', 'write every test result as JSON')
    .action(async (flags: ShiftFlags) => {
      await preflightOutputs(io.cwd, flags);
      if (!(flags.alpha < 1)) throw new InputError('E_USAGE', `expected a number in (0, 1), got ${flags.alpha}`, { flag: '--alpha' });
      if ((flags.train === undefined) === (flags.dataset === undefined)) {
        throw new InputError('E_USAGE', 'give either --train F.csv --target COL or --dataset NAME', { flag: flags.train === undefined ? '--train' : '--dataset' });
      }
      if (flags.train !== undefined && flags.target === undefined) throw new InputError('E_USAGE', 'needs --target COL (left out of the comparison)', { flag: '--target' });
      const source = flags.train ?? (flags.dataset as string);
      const train =
        flags.train !== undefined
          ? await loadCsv(resolve(io.cwd, flags.train), { target: flags.target as string, file: flags.train })
          : await (await openLens(flags, io)).dataset(flags.dataset as string, { seed: flags.seed });
      if (train.featureShape.length > 1) throw new InputError('E_USAGE', `${source} holds images (${train.featureShape.join('×')}); the shift tests compare table columns`, { flag: '--dataset' });
      const test = await loadCsv(resolve(io.cwd, flags.test), { target: flags.target ?? train.targetName, file: flags.test, task: train.task });
      const same = train.featureNames.length === test.featureNames.length && train.featureNames.every((n, i) => n === test.featureNames[i]);
      if (!same) {
        const i = train.featureNames.findIndex((n, k) => n !== test.featureNames[k]);
        const expected = train.featureNames[i];
        throw new InputError(
          'E_SCHEMA',
          expected === undefined
            ? `has feature columns ${test.featureNames.slice(train.featureNames.length).map((n) => `"${n}"`).join(', ')} that ${source} lacks`
            : `feature column ${i + 1} is "${test.featureNames[i] ?? '(missing)'}" but ${source} has "${expected}"`,
          { file: flags.test },
        );
      }
      const p = flags.permutations;
      const report = shiftReport(train, test, {
        alpha: flags.alpha,
        seed: flags.seed,
        ...(flags.tests !== undefined ? { tests: flags.tests } : {}),
        ...(p !== undefined ? { wasserstein: { permutations: p }, mmd: { permutations: p }, domainClassifier: { permutations: p } } : {}),
      });
      io.stdout(`shift tests: ${source} (${train.n} rows) vs ${flags.test} (${test.n} rows), alpha ${flags.alpha}\n\n${shiftText(report)}`);
      if (flags.json !== undefined) {
        io.stdout(`wrote ${await writeOutput(io.cwd, flags.json, `${JSON.stringify(report, null, 2)}\n`, '--json')}\n`);
      }
    });
}
