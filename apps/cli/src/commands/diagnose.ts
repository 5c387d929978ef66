import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, type Dataset, type Task } from '@losslens/core';
import { loadCsv } from '@losslens/data';
import { diagnosisMarkdown, diagnosisReport, isDiagnosisStopped, type Budget, type Diagnosis, type TrainedRun } from '@losslens/diagnose';
import type { CliIO } from '../command.js';
import { choiceFlag, intFlag, numberFlag, seedFlag } from '../errors.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { stopSignal } from '../interrupt.js';
import { partialFields, readResume } from '../resume.js';
import { resultSettings, stopWithPartial } from '../resumable.js';
import { checkOptimizer, openLens, parseAugment, pluginFlag } from '../lens.js';
import { diagnoseHistory } from '../diagnose-history.js';
import { queueExecutorOption, queueFlag } from '../queue-option.js';

interface DiagnoseFlags {
  queue?: string;
  train?: string;
  test?: string;
  dataset?: string;
  target?: string;
  task?: Task;
  model?: string;
  optimizer?: string;
  augment?: string;
  lr?: number;
  epochs?: number;
  batchSize?: number | 'full';
  seed: number;
  seeds?: number;
  budget: Budget;
  backend?: string;
  json?: string;
  report?: string;
  plugin?: string[];
  resume?: string;
  history?: string;
}

/** The finished runs of a stopped diagnosis, as its partial JSON keeps them (θ as base64 float32). */
interface DiagnoseState {
  runs: { key: string; run: TrainedRun['run']; theta: string }[];
}

const toBase64 = (theta: Float32Array) => Buffer.from(theta.buffer, theta.byteOffset, theta.byteLength).toString('base64');
const fromBase64 = (text: string) => {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

const optimizers = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad', 'lars', 'lamb'];

const batchSizeFlag = (value: string): number | 'full' => (value === 'full' ? 'full' : intFlag('--batch-size', { min: 1 })(value));

/** `losslens diagnose`: the lecture's decision tree on a CSV or a built-in dataset. */
export function register(program: Command, io: CliIO): void {
  program
    .command('diagnose')
    .description("walk the lecture's decision tree: model bias, optimization, overfitting, mismatch or healthy")
    .option('--train <file>', 'training CSV (header row; numeric features)')
    .option('--test <file>', 'test CSV with the same columns (never used for choices)')
    .option('--dataset <name>', 'a dataset instead of --train: curve, iris, mnist, two-moons, … or a plugin\'s (`losslens plugins` lists them)')
    .option('--target <column>', 'the column to predict (required with --train)')
    .option('--task <task>', 'regression or classification (default: inferred)', choiceFlag('--task', ['regression', 'classification'] as const))
    .option('--model <spec>', 'linear | mlp:<w1>x<w2>…:<act> | cnn:… | resnet-mlp:… | a plugin\'s prefix | model.json', 'mlp:32x32:relu')
    .option('--optimizer <name>', `${optimizers.join('|')} or a plugin's`, 'adam')
    .option('--augment <name[:json]>', 'augmentation of every run\'s training batches, e.g. data/gaussian-noise or a plugin\'s')
    .option('--lr <x>', 'learning rate (default: 0.01 for adam/adamw/lamb, else the optimizer\'s)', numberFlag('--lr'))
    .option('--epochs <n>', 'epochs per training run (default: the budget\'s)', intFlag('--epochs', { min: 1 }))
    .option('--batch-size <n|full>', 'rows per update, or full', batchSizeFlag, 32)
    .option('--seed <n>', 'seed for splits, initialization and shuffling', seedFlag(), 0)
    .option('--seeds <n>', 'seeds for the decisive comparisons, decided on their means (default: 1 for quick, else 3)', intFlag('--seeds', { min: 1 }))
    .option('--budget <b>', 'quick | standard | thorough', choiceFlag('--budget', ['quick', 'standard', 'thorough'] as const), 'standard')
    .option('--backend <name>', 'wasm | cpu | tensorflow (default: best available)')
    .option(...pluginFlag)
    .option(...queueFlag)
    .option('--json <out>', 'write the diagnosis as JSON')
    .option('--report <out.html>', 'write a self-contained HTML report with plots')
    .option('--history <log>', 'diagnose from a training log alone (Keras CSVLogger CSV, tfjs History JSON, epoch/loss table): no data, no training')
    .option('--resume <out.json>', 'continue a diagnosis stopped by Ctrl-C or SIGTERM without retraining its finished runs; writes to --json, else back to this file')
    .action(async (flags: DiagnoseFlags, command: Command) => {
      if (flags.history !== undefined) {
        const given = new Set(Object.keys(flags).filter((key) => command.getOptionValueSource(key) === 'cli'));
        return diagnoseHistory({ ...flags }, io, given);
      }
      if ((flags.train === undefined) === (flags.dataset === undefined)) {
        throw new InputError('E_USAGE', 'give exactly one of --train FILE or --dataset NAME', { flag: flags.train ? '--dataset' : '--train' });
      }
      if (flags.train !== undefined && flags.target === undefined) throw new InputError('E_USAGE', 'is required with --train', { flag: '--target' });
      if (flags.dataset !== undefined && flags.test !== undefined) throw new InputError('E_USAGE', 'goes with --train, not --dataset', { flag: '--test' });
      flags.json ??= flags.resume;
      await preflightOutputs(io.cwd, flags);
      const settings = resultSettings(flags);
      const store = new Map<string, TrainedRun>();
      if (flags.resume !== undefined) {
        const state = await readResume<DiagnoseState>(io.cwd, flags.resume, 'diagnose', settings);
        for (const r of state.runs) store.set(r.key, { run: r.run, theta: fromBase64(r.theta) });
      }
      const lens = await openLens(flags, io);
      checkOptimizer(lens, flags.optimizer ?? 'adam');
      const augment = flags.augment === undefined ? undefined : parseAugment(lens, flags.augment);
      const task = flags.task !== undefined ? { task: flags.task } : {};
      let train: Dataset;
      let test: Dataset | undefined;
      if (flags.dataset !== undefined) {
        train = await lens.dataset(flags.dataset, { seed: flags.seed });
      } else {
        train = await loadCsv(resolve(io.cwd, flags.train!), { target: flags.target!, file: flags.train!, ...task });
        if (flags.test !== undefined) {
          test = await loadCsv(resolve(io.cwd, flags.test), { target: flags.target!, file: flags.test, like: train });
        }
      }
      const signal = stopSignal(io);
      const diagnosis: Diagnosis = await lens.diagnose({
        train,
        ...(test ? { test } : {}),
        model: flags.model ?? 'mlp:32x32:relu',
        ...(flags.optimizer ? { optimizer: flags.optimizer } : {}),
        ...(flags.lr !== undefined ? { learningRate: flags.lr } : {}),
        ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
        ...(flags.batchSize !== undefined ? { batchSize: flags.batchSize } : {}),
        seed: flags.seed,
        ...(flags.seeds !== undefined ? { seeds: flags.seeds } : {}),
        budget: flags.budget,
        ...(augment ? { augment } : {}),
        cwd: io.cwd,
        events: io.events,
        signal,
        runStore: store,
        ...(await queueExecutorOption(flags, io)),
      }).catch(async (error: unknown) => {
        if (!isDiagnosisStopped(error)) throw error;
        const runs = [...store].map(([key, { run, theta }]) => ({ key, run, theta: toBase64(theta) }));
        const json = partialFields('diagnose', settings, { stage: 'the training runs after the finished ones, and the verdict' }, { runs } satisfies DiagnoseState);
        return stopWithPartial(io, signal, flags.json, json, `stopped after ${runs.length} finished training run${runs.length === 1 ? '' : 's'}`);
      });
      io.stdout(diagnosisMarkdown(diagnosis));
      if (flags.json !== undefined) {
        const path = await writeOutput(io.cwd, flags.json, `${JSON.stringify(diagnosis, null, 2)}\n`, '--json');
        io.stderr(`wrote ${path}\n`);
      }
      if (flags.report !== undefined) {
        const path = await writeOutput(io.cwd, flags.report, await diagnosisReport(diagnosis), '--report');
        io.stderr(`wrote ${path}\n`);
      }
    });
}
