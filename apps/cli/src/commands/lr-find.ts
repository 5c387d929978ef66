import type { Command } from 'commander';
import { InputError } from '@losslens/core';
import { lrFind } from '@losslens/health';
import { optimizerNames } from '@losslens/optim';
import type { CliIO } from '../command.js';
import { choiceFlag, intFlag, numberFlag, seedFlag } from '../errors.js';
import { checkOptimizer, openLens, pluginFlag } from '../lens.js';
import { preflightOutputs, writeOutput } from '../write-output.js';
import { formatTable } from '../table.js';
import { batchSizeFlag, loadCommandData, type DataFlags } from './train.js';

interface LrFindFlags extends Omit<DataFlags, 'validation'> {
  model: string;
  optimizer: string;
  minLr: number;
  maxLr: number;
  steps: number;
  batchSize: number | 'full';
  repeats: number;
  backend?: string;
  plugin?: string[];
  json?: string;
}

const g = (x: number | undefined): string => (x === undefined ? '—' : Number.isFinite(x) ? x.toPrecision(3) : String(x));

/** `losslens lr-find`: the learning-rate range test on a CSV or built-in dataset. */
export function register(program: Command, io: CliIO): void {
  program
    .command('lr-find')
    .description('learning-rate range test: ramp the rate up exponentially, smooth the loss, stop at divergence, suggest a rate')
    .option('--train <file>', 'training CSV (header row; every column but --target is a numeric feature)')
    .option('--target <column>', 'the column to predict')
    .option('--dataset <name>', 'a built-in dataset instead of --train (e.g. mnist, iris, two-moons)')
    .option('--task <task>', 'regression or classification (default: inferred from the target)', choiceFlag('--task', ['regression', 'classification'] as const))
    .option('--model <spec>', 'linear | mlp:<w1>x<w2>…:<activation> | path to a tfjs-layers model.json', 'mlp:64x64:relu')
    .option('--optimizer <name>', `${optimizerNames.join(', ')}, or a plugin's`, 'adam')
    .option('--min-lr <rate>', 'first rate of the ramp', numberFlag('--min-lr'), 1e-7)
    .option('--max-lr <rate>', 'last rate of the ramp', numberFlag('--max-lr'), 10)
    .option('--steps <n>', 'updates per ramp', intFlag('--steps', { min: 5 }), 100)
    .option('--batch-size <n|full>', 'rows per update, or full', batchSizeFlag('--batch-size'), 32 as number | 'full')
    .option('--repeats <n>', 'ramps with different seeds; their spread is the uncertainty', intFlag('--repeats', { min: 1 }), 3)
    .option('--seed <n>', 'seed of the first ramp (initialization and batch order)', seedFlag(), 0)
    .option('--no-standardize', 'keep CSV features as they are (default: standardize)')
    .option('--backend <name>', 'tfjs backend: wasm | cpu | tensorflow')
    .option(...pluginFlag)
    .option('--json <file>', 'write the suggestion and every ramp as JSON')
    .action(async (flags: LrFindFlags) => {
      if (!(flags.maxLr > flags.minLr)) throw new InputError('E_USAGE', `expected a rate above --min-lr ${flags.minLr}, got ${flags.maxLr}`, { flag: '--max-lr' });
      await preflightOutputs(io.cwd, flags);
      const lens = await openLens(flags, io);
      checkOptimizer(lens, flags.optimizer);
      const { train } = await loadCommandData({ ...flags, validation: 0 }, io, lens);
      const { model } = await lens.model(flags.model, { inputShape: train.featureShape, outputs: train.outputs, task: train.task, cwd: io.cwd, flag: '--model' });
      const found = await lrFind({
        model,
        train,
        lens,
        optimizer: flags.optimizer,
        minRate: flags.minLr,
        maxRate: flags.maxLr,
        steps: flags.steps,
        batchSize: flags.batchSize,
        repeats: flags.repeats,
        seed: flags.seed,
        events: io.events,
      });
      io.stdout(`${model.spec}, ${flags.optimizer}: ${train.n} rows, ${found.ramps.length} ramp(s) of ${flags.steps} updates from ${flags.minLr} to ${flags.maxLr}\n`);
      const first = found.ramps[0];
      if (first !== undefined) {
        const every = Math.max(1, Math.ceil(first.rates.length / 12));
        const rows = first.rates.flatMap((rate, i) => (i % every === 0 || i === first.rates.length - 1 ? [[g(rate), g(first.losses[i]), g(first.smoothed[i])]] : []));
        io.stdout(`${formatTable(['lr', 'loss', 'smoothed'], rows)}\n`);
      }
      const perRamp = formatTable(
        ['seed', 'steepest descent at', 'smoothed minimum at', 'diverged at'],
        found.ramps.map((r) => [String(r.seed), g(r.steepest), g(r.minimum), r.divergedAt === undefined ? 'no' : g(r.divergedAt)]),
      );
      io.stdout(`\n${perRamp}\n\n`);
      io.stdout(`suggested learning rate: ${g(found.suggested)} (×/÷ ${found.spread.toFixed(2)}; ramps ${g(found.range[0])}–${g(found.range[1])}); the loss bottoms out near ${g(found.minimum)}\n`);
      if (flags.json !== undefined) {
        const report = {
          model: model.spec,
          optimizer: flags.optimizer,
          rows: train.n,
          batchSize: flags.batchSize,
          suggested: found.suggested,
          spread: found.spread,
          range: found.range,
          minimum: found.minimum,
          ramps: found.ramps,
        };
        io.stderr(`wrote ${await writeOutput(io.cwd, flags.json, `${JSON.stringify(report, null, 2)}\n`, '--json')}\n`);
      }
    });
}
