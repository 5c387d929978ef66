import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, type Dataset, type Task } from '@losslens/core';
import { fitStandardizer, holdout, loadCsv, type StandardizerState } from '@losslens/data';
import type { DefaultLens } from '@losslens/lens';
import { optimizerNames, resolveAugmentation, type EpochRecord } from '@losslens/optim';
import { isLosslensModel, toLayersArtifacts } from '@losslens/models';
import type { CliIO } from '../command.js';
import { describePreprocessing, PREPROCESSING_FILE } from '../preprocessing.js';
import { choiceFlag, intFlag, numberFlag, seedFlag } from '../errors.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { checkOptimizer, openLens, withDefaultRate, parseAugment, parseSchedule, pluginFlag } from '../lens.js';

/** Parses `--batch-size`: a whole number ≥ 1 or `full`. */
export function batchSizeFlag(flag: string) {
  return (value: string): number | 'full' => {
    if (value === 'full') return 'full';
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InputError('E_USAGE', `expected a whole number ≥ 1 or "full", got "${value}"`, { flag });
    return n;
  };
}

/** Where a command's rows come from: a built-in dataset or a CSV with a target column. */
export interface DataFlags {
  dataset?: string;
  train?: string;
  target?: string;
  task?: Task;
  validation: number;
  seed: number;
  standardize: boolean;
}

/**
 * Loads `--dataset NAME` or `--train F.csv --target COL`, splits off a seeded validation part
 * (`--validation`, a fraction; 0 for none), and standardizes the features on the train part
 * (built-in datasets as CSVs; one mean/std for images), unless `--no-standardize`. `standardizer`
 * is that fitted transform, to save with a model.
 * @example
 * const { train, validation } = await loadCommandData(options, io, lens);
 */
export async function loadCommandData(
  flags: DataFlags,
  io: CliIO,
  lens: DefaultLens,
): Promise<{ train: Dataset; validation?: Dataset; standardizer?: StandardizerState }> {
  if ((flags.dataset === undefined) === (flags.train === undefined)) {
    throw new InputError('E_USAGE', 'give either --dataset NAME or --train F.csv --target COL', { flag: '--train' });
  }
  let all: Dataset;
  if (flags.dataset !== undefined) {
    all = await lens.dataset(flags.dataset, { seed: flags.seed });
  } else {
    if (flags.target === undefined) throw new InputError('E_USAGE', 'needs --target COL (the column to predict)', { flag: '--target' });
    const file = flags.train as string;
    all = await loadCsv(resolve(io.cwd, file), { target: flags.target, file, ...(flags.task === undefined ? {} : { task: flags.task }) });
  }
  const split = flags.validation === 0 ? { train: all } : holdout(all, { validation: flags.validation, seed: flags.seed });
  if (!flags.standardize) return split;
  const scaler = fitStandardizer(split.train);
  return {
    train: scaler.transform(split.train),
    ...('validation' in split ? { validation: scaler.transform(split.validation) } : {}),
    standardizer: scaler.state,
  };
}

const fixed = (value: number | undefined, digits = 4): string =>
  value === undefined ? '—' : Number.isFinite(value) ? value.toFixed(digits) : String(value);

/** The per-epoch curve as a Markdown table. */
export function formatCurve(history: readonly EpochRecord[]): string {
  const lines = [
    '| epoch | train loss | train acc | val loss | val acc | grad norm | lr | ms/epoch |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of history) {
    lines.push(
      `| ${r.epoch} | ${fixed(r.trainLoss)} | ${fixed(r.trainAccuracy)} | ${fixed(r.validationLoss)} | ${fixed(r.validationAccuracy)} | ${fixed(r.gradientNorm)} | ${r.learningRate.toPrecision(3)} | ${r.msPerEpoch.toFixed(0)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface TrainFlags extends DataFlags {
  model: string;
  optimizer: string;
  lr?: number;
  augment?: string;
  schedule?: string;
  plugin?: string[];
  epochs: number;
  batchSize: number | 'full';
  earlyStopping?: number;
  clipNorm?: number;
  backend?: string;
  json?: string;
  save?: string;
}

/** The files `train --save DIR` writes: the tfjs-layers model (load it with tf.loadLayersModel) and its preprocessing. */
const savedFiles = (dir: string) => ['model.json', 'weights.bin', PREPROCESSING_FILE].map((name) => ({ path: join(dir, name), flag: '--save' }));

/** `losslens train`: fits a model spec (or a tfjs-layers model.json) on a CSV or built-in dataset and prints the per-epoch curve. */
export function register(program: Command, io: CliIO): void {
  program
    .command('train')
    .description('train a model on a CSV or built-in dataset and print the per-epoch loss curve')
    .option('--train <file>', 'training CSV (header row; every column but --target is a numeric feature)')
    .option('--target <column>', 'the column to predict')
    .option('--dataset <name>', 'a built-in dataset instead of --train (e.g. mnist, iris, two-moons)')
    .option('--task <task>', 'regression or classification (default: inferred from the target)', choiceFlag('--task', ['regression', 'classification'] as const))
    .option('--model <spec>', 'linear | mlp:<w1>x<w2>…:<activation> | path to a tfjs-layers model.json', 'mlp:64x64:relu')
    .option('--optimizer <name>', `${optimizerNames.join(', ')}, or a plugin's`, 'adam')
    .option('--schedule <name[:json]>', 'learning-rate schedule, e.g. \'cosine:{"totalEpochs":20}\' or a plugin\'s')
    .option('--augment <name[:json]>', 'augmentation of every training batch, e.g. data/gaussian-noise or a plugin\'s')
    .option('--lr <rate>', 'learning rate (default: 0.01 for adam/adamw/lamb, else the optimizer’s)', numberFlag('--lr'))
    .option('--epochs <n>', 'epochs', intFlag('--epochs', { min: 1 }), 20)
    .option('--batch-size <n|full>', 'rows per update, or full', batchSizeFlag('--batch-size'), 32 as number | 'full')
    .option('--validation <fraction>', 'validation share held out from the training rows (0 for none)', numberFlag('--validation', { min: 0 }), 0.2)
    .option('--early-stopping <patience>', 'stop after this many epochs without validation improvement; restore the best weights', intFlag('--early-stopping', { min: 0 }))
    .option('--clip-norm <x>', 'clip the gradient to this L2 norm', numberFlag('--clip-norm'))
    .option('--seed <n>', 'seed for the split, initialization and shuffling', seedFlag(), 0)
    .option('--no-standardize', 'keep CSV features as they are (default: standardize on the train part)')
    .option('--backend <name>', 'tfjs backend: wasm | cpu | tensorflow')
    .option(...pluginFlag)
    .option('--json <file>', 'write the run (curve, final metrics, stop reason) as JSON')
    .option('--save <dir>', `write the trained model (model.json, weights.bin) and its ${PREPROCESSING_FILE} into this folder, for hessian, landscape and tf.loadLayersModel`)
    .action(async (flags: TrainFlags) => {
      if (flags.save !== undefined && flags.save.trim() === '') throw new InputError('E_USAGE', 'expected a folder path, got ""', { flag: '--save' });
      await preflightOutputs(io.cwd, flags, flags.save === undefined ? [] : savedFiles(flags.save));
      if (flags.validation >= 1) throw new InputError('E_USAGE', `expected a fraction below 1, got ${flags.validation}`, { flag: '--validation' });
      const lens = await openLens(flags, io);
      checkOptimizer(lens, flags.optimizer);
      const augment = flags.augment === undefined ? undefined : parseAugment(lens, flags.augment);
      const schedule = flags.schedule === undefined ? undefined : parseSchedule(lens, flags.schedule);
      const { train, validation, standardizer } = await loadCommandData(flags, io, lens);
      const { model, theta } = await lens.model(flags.model, { inputShape: train.featureShape, outputs: train.outputs, task: train.task, cwd: io.cwd, flag: '--model' });
      if (flags.save !== undefined && !isLosslensModel(model)) {
        throw new InputError('E_USAGE', `${model.spec} is a plugin's model, which has no tfjs-layers form to save; use --json for the run`, { flag: '--save' });
      }
      const result = await lens.fit({
        model,
        train,
        ...(validation === undefined ? {} : { validation }),
        optimizer: flags.optimizer,
        ...withDefaultRate(lens, flags.optimizer, flags.lr),
        epochs: flags.epochs,
        batchSize: flags.batchSize,
        seed: flags.seed,
        ...(flags.earlyStopping === undefined ? {} : { earlyStopping: { patience: flags.earlyStopping } }),
        ...(flags.clipNorm === undefined ? {} : { clipNorm: flags.clipNorm }),
        ...(theta === undefined ? {} : { initialTheta: theta }),
        ...(augment === undefined ? {} : { augment: resolveAugmentation(augment, lens) }),
        ...(schedule === undefined ? {} : { schedule }),
        events: io.events,
      });
      io.stdout(`${model.spec}: ${model.parameterCount} parameters, ${train.n} training rows${validation === undefined ? '' : `, ${validation.n} validation rows`}\n`);
      io.stdout(formatCurve(result.history));
      const final = result.final;
      const summary = [
        `stopped: ${result.stopReason}${result.divergence === undefined ? '' : ` (${result.divergence.reason})`}`,
        `returned θ of epoch ${result.bestEpoch}`,
        final === undefined ? '' : `train loss ${fixed(final.train.loss)}${final.train.accuracy === undefined ? '' : `, accuracy ${fixed(final.train.accuracy)}`}`,
        final?.validation === undefined ? '' : `validation loss ${fixed(final.validation.loss)}${final.validation.accuracy === undefined ? '' : `, accuracy ${fixed(final.validation.accuracy)}`}`,
      ].filter((s) => s.length > 0);
      io.stdout(`${summary.join('; ')}\n`);
      if (flags.json !== undefined) {
        const report = {
          model: model.spec,
          parameters: model.parameterCount,
          optimizer: flags.optimizer,
          learningRate: result.history[0]?.learningRate,
          batchSize: flags.batchSize,
          epochs: flags.epochs,
          seed: flags.seed,
          rows: { train: train.n, validation: validation?.n ?? 0 },
          stopReason: result.stopReason,
          bestEpoch: result.bestEpoch,
          ...(result.divergence === undefined ? {} : { divergence: result.divergence }),
          initialLoss: result.initialLoss,
          final: result.final,
          history: result.history,
        };
        await writeOutput(io.cwd, flags.json, `${JSON.stringify(report, null, 2)}\n`, '--json');
      }
      if (flags.save !== undefined && isLosslensModel(model)) {
        const artifacts = toLayersArtifacts(model, result.theta);
        const [modelFile, weightsFile, preprocessingFile] = savedFiles(flags.save).map((f) => f.path) as [string, string, string];
        await writeOutput(io.cwd, weightsFile, new Uint8Array(artifacts.weightData), '--save');
        await writeOutput(io.cwd, preprocessingFile, `${JSON.stringify(describePreprocessing(train, standardizer), null, 2)}\n`, '--save');
        await writeOutput(io.cwd, modelFile, `${JSON.stringify(artifacts.modelJson, null, 2)}\n`, '--save');
        io.stdout(`saved ${modelFile}, ${weightsFile} and ${preprocessingFile} (θ of epoch ${result.bestEpoch})\n`);
      }
    });
}
