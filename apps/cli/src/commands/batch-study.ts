import type { Command } from 'commander';
import { InputError } from '@losslens/core';
import { sharpnessMeasure } from '@losslens/critical';
import { learningRateScalings, optimizerNames, type BatchRun, type LearningRateScaling, type SharpnessMeasure } from '@losslens/optim';
import type { CliIO } from '../command.js';
import { choiceFlag, intFlag, numberFlag, seedFlag } from '../errors.js';
import { checkOptimizer, openLens, withDefaultRate, pluginFlag } from '../lens.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { stopSignal } from '../interrupt.js';
import { partialFields, readResume } from '../resume.js';
import { resultSettings, stopWithPartial } from '../resumable.js';
import { batchStudyInSteps } from '../resumable-studies.js';
import { batchStudyReport, lectureTable } from '../batch-study-report.js';
import { queueExecutorOption, queueFlag } from '../queue-option.js';
import { loadCommandData, type DataFlags } from './train.js';
import { studyNoiseScale } from '../batch-noise-scale.js';

/** Parses `--batch-sizes 16,64,256,full`. */
export function batchSizesFlag(value: string): (number | 'full')[] {
  const parts = value.split(',').map((p) => p.trim());
  return parts.map((p) => {
    if (p === 'full') return 'full';
    const n = Number(p);
    if (p === '' || !Number.isInteger(n) || n < 1) {
      throw new InputError('E_USAGE', `expected comma-separated whole numbers ≥ 1 or "full", got "${p}" in "${value}"`, { flag: '--batch-sizes' });
    }
    return n;
  });
}

const fixed = (value: number | undefined, digits = 4): string =>
  value === undefined ? '—' : Number.isFinite(value) ? value.toFixed(digits) : String(value);

/** The batch-size table as Markdown, with the sharpness columns when it was measured. */
export function formatRuns(runs: readonly BatchRun[]): string {
  const sharp = runs.some((r) => r.sharpness !== undefined);
  const lines = [
    `| batch size | lr | updates/epoch | ms/update | ms/epoch | train loss | train acc | val loss | val acc |${sharp ? ' top λ | Keskar |' : ''}`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|---:|${sharp ? '---:|---:|' : ''}`,
  ];
  for (const r of runs) {
    const size = r.requested === 'full' ? `full (${r.batchSize})` : String(r.batchSize);
    const sharpness = sharp ? ` ${r.sharpness === undefined ? '—' : r.sharpness.topEigenvalue.toPrecision(4)} | ${r.sharpness === undefined ? '—' : r.sharpness.keskar.toPrecision(4)} |` : '';
    lines.push(
      `| ${size} | ${r.learningRate.toPrecision(3)} | ${r.updatesPerEpoch} | ${r.msPerUpdate.toFixed(2)} | ${r.msPerEpoch.toFixed(0)} | ${fixed(r.train.loss)} | ${fixed(r.train.accuracy)} | ${fixed(r.validation?.loss)} | ${fixed(r.validation?.accuracy)} |${sharpness}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The lecture's small-vs-large table as Markdown (empty with one batch size). */
export function formatLectureTable(runs: readonly BatchRun[]): string {
  const rows = lectureTable(runs);
  if (rows.length === 0) return '';
  const mark = (a: boolean | undefined) => (a === undefined ? '—' : a ? 'yes' : 'no');
  const lines = ['| | lecture: small | lecture: large | measured: small | measured: large | as the lecture says? |', '|---|---|---|---:|---:|---|'];
  for (const r of rows) lines.push(`| ${r.quantity} | ${r.lecture.small} | ${r.lecture.large} | ${r.measured.small} | ${r.measured.large} | ${mark(r.agrees)}: ${r.reading} |`);
  return `${lines.join('\n')}\n`;
}

/** The `runs` of the batch-study JSON (DESIGN.md contract). */
export function batchRunsJson(runs: readonly BatchRun[]) {
  const metrics = (m: { loss: number; accuracy?: number } | undefined) => ({ loss: m?.loss ?? null, accuracy: m?.accuracy ?? null });
  return runs.map((r) => ({
    batchSize: r.batchSize,
    requested: r.requested,
    learningRate: r.learningRate,
    updatesPerEpoch: r.updatesPerEpoch,
    msPerUpdate: r.msPerUpdate,
    msPerEpoch: r.msPerEpoch,
    train: metrics(r.train),
    validation: metrics(r.validation),
    epochs: r.epochs,
    stopReason: r.stopReason,
    ...(r.sharpness === undefined ? {} : { sharpness: r.sharpness }),
  }));
}

interface BatchStudyFlags extends DataFlags {
  batchSizes: (number | 'full')[];
  epochs: number;
  lrScaling: LearningRateScaling;
  sharpness?: boolean;
  model: string;
  optimizer: string;
  lr?: number;
  workers?: number;
  queue?: string;
  backend?: string;
  plugin?: string[];
  json?: string;
  html?: string;
  resume?: string;
}

/** `losslens batch-study`: the lecture's small-vs-large batch table, measured (DESIGN.md contract). */
export function register(program: Command, io: CliIO): void {
  program
    .command('batch-study')
    .description('train the same model at several batch sizes and compare time per update/epoch and losses')
    .option('--dataset <name>', 'a dataset (e.g. mnist) or a plugin\'s')
    .option('--train <file>', 'training CSV instead of --dataset')
    .option('--target <column>', 'the column to predict (with --train)')
    .option('--task <task>', 'regression or classification (default: inferred)', choiceFlag('--task', ['regression', 'classification'] as const))
    .requiredOption('--batch-sizes <list>', 'comma-separated batch sizes, e.g. 16,64,256,full', batchSizesFlag)
    .option('--epochs <n>', 'epochs per batch size', intFlag('--epochs', { min: 1 }), 5)
    .option('--lr-scaling <rule>', 'none | linear | sqrt, from the smallest batch size', choiceFlag('--lr-scaling', learningRateScalings), 'none' as LearningRateScaling)
    .option('--sharpness', 'also measure the sharpness of each final θ: top Hessian eigenvalue and Keskar ε-sharpness')
    .option('--model <spec>', 'linear | mlp:<w1>x<w2>…:<activation> | a plugin\'s prefix', 'mlp:128:relu')
    .option('--optimizer <name>', `${optimizerNames.join(', ')}, or a plugin's`, 'sgd')
    .option('--lr <rate>', 'learning rate at the smallest batch size (default: 0.01 for adam/adamw/lamb, else the optimizer’s)', numberFlag('--lr'))
    .option('--validation <fraction>', 'validation share held out from the training rows', numberFlag('--validation'), 0.2)
    .option('--seed <n>', 'one seed for the split and every trial', seedFlag(), 0)
    .option('--workers <n>', 'worker threads (default: one per core, at most one per batch size)', intFlag('--workers', { min: 1 }))
    .option('--no-standardize', 'keep CSV features as they are (default: standardize on the train part)')
    .option('--backend <name>', 'tfjs backend: wasm | cpu | tensorflow')
    .option(...pluginFlag)
    .option(...queueFlag)
    .option('--json <file>', 'write { runs: [...] } as JSON')
    .option('--html <out>', 'write a self-contained HTML report: the lecture\'s small-vs-large table, loss curves, time and sharpness')
    .option('--resume <out.json>', 'continue a partial run (written on Ctrl-C or SIGTERM) without redoing finished batch sizes; writes to --json, else back to this file')
    .action(async (flags: BatchStudyFlags) => {
      flags.json ??= flags.resume;
      await preflightOutputs(io.cwd, flags);
      const settings = resultSettings(flags);
      const resumed = flags.resume === undefined ? undefined : await readResume<{ runs: { key: string; run: BatchRun }[] }>(io.cwd, flags.resume, 'batch-study', settings);
      if (flags.validation >= 1) throw new InputError('E_USAGE', `expected a fraction below 1, got ${flags.validation}`, { flag: '--validation' });
      // critical's measure: top Hessian eigenvalue (Lanczos) and Keskar's ε-sharpness at each final θ.
      const measureSharpness: SharpnessMeasure | undefined = flags.sharpness === true ? sharpnessMeasure() : undefined;
      const lens = await openLens(flags, io);
      checkOptimizer(lens, flags.optimizer);
      const { train, validation } = await loadCommandData(flags, io, lens);
      const signal = stopSignal(io);
      const result = await batchStudyInSteps({
        lens,
        model: flags.model,
        train,
        ...(validation === undefined ? {} : { validation }),
        batchSizes: flags.batchSizes,
        epochs: flags.epochs,
        optimizer: flags.optimizer,
        ...withDefaultRate(lens, flags.optimizer, flags.lr),
        lrScaling: flags.lrScaling,
        seed: flags.seed,
        ...(flags.workers === undefined ? {} : { workers: flags.workers }),
        ...(await queueExecutorOption(flags, io)),
        ...(measureSharpness === undefined ? {} : { measureSharpness }),
        events: io.events,
      }, { signal, ...(resumed === undefined ? {} : { finished: resumed.runs }) });
      if (result.missing.length > 0) {
        const missing = { batchSizes: result.missing.map((u) => u.requested) };
        const json = { runs: batchRunsJson(result.runs), ...partialFields('batch-study', settings, missing, { runs: result.state }) };
        await stopWithPartial(io, signal, flags.json, json, `stopped after ${result.runs.length} of ${flags.batchSizes.length} batch sizes`);
      }
      io.stdout(`${flags.model} on ${train.n} training rows, ${flags.epochs} epochs, ${flags.optimizer}, lr scaling ${flags.lrScaling}, ${result.workers} worker(s)\n`);
      io.stdout(formatRuns(result.runs));
      const lecture = formatLectureTable(result.runs);
      if (lecture !== '') io.stdout(`\nsmallest vs largest batch, beside the lecture's table:\n${lecture}`);
      const noiseScale = await studyNoiseScale(lens, flags.model, train, flags.seed, io.cwd);
      io.stdout(`\n${noiseScale.finding}\n`);
      if (flags.json !== undefined) {
        const runs = batchRunsJson(result.runs);
        await writeOutput(io.cwd, flags.json, `${JSON.stringify({ runs, noiseScale }, null, 2)}\n`, '--json');
      }
      if (flags.html !== undefined) {
        const subtitle = `${flags.model} on ${train.n} training rows, ${flags.epochs} epochs, ${flags.optimizer}, lr scaling ${flags.lrScaling}.`;
        io.stdout(`wrote ${await writeOutput(io.cwd, flags.html, await batchStudyReport(result.runs, subtitle), '--html')}\n`);
      }
    });
}
