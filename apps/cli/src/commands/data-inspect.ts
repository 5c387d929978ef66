import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, type Dataset, type Task } from '@losslens/core';
import { formatDatasetSummary, loadCsv, loadJson, summarizeDataset } from '@losslens/data';
import type { CliIO } from '../command.js';
import { openLens, pluginFlag } from '../lens.js';
import { choiceFlag } from '../errors.js';

interface InspectFlags {
  train?: string;
  dataset?: string;
  target?: string;
  task?: Task;
  json?: boolean;
  plugin?: string[];
}

/**
 * `losslens data inspect`: loads a CSV (or JSON records, or a built-in dataset) with every check
 * the other commands apply, and prints its schema (columns, types, min/mean/max/std), task,
 * class balance and row count. Bad input exits 2 with one line naming file, row and column.
 */
export function register(program: Command, io: CliIO): void {
  const data = program.command('data').description('look at datasets before training on them');
  data
    .command('inspect')
    .description('print the schema, task, class balance and row count of a dataset')
    .option('--train <file>', 'CSV with a header row (or a .json array of records)')
    .option('--dataset <name>', 'a dataset instead of --train: curve, iris, mnist, two-moons, … or a plugin\'s (`losslens plugins` lists them)')
    .option('--target <column>', 'the column to predict (required with --train)')
    .option('--task <task>', 'regression or classification (default: inferred)', choiceFlag('--task', ['regression', 'classification'] as const))
    .option('--json', 'print the summary as JSON')
    .option(...pluginFlag)
    .action(async (flags: InspectFlags) => {
      const ds = await loadForInspect(flags, io);
      const summary = summarizeDataset(ds);
      io.stdout(flags.json === true ? `${JSON.stringify(summary, null, 2)}\n` : formatDatasetSummary(summary));
    });
}

async function loadForInspect(flags: InspectFlags, io: CliIO): Promise<Dataset> {
  if ((flags.train === undefined) === (flags.dataset === undefined)) {
    throw new InputError('E_USAGE', 'give exactly one of --train FILE or --dataset NAME', { flag: flags.train ? '--dataset' : '--train' });
  }
  if (flags.dataset !== undefined) {
    const lens = await openLens({ ...(flags.plugin ? { plugin: flags.plugin } : {}), backend: 'cpu' }, io);
    return lens.dataset(flags.dataset);
  }
  const file = flags.train as string;
  if (flags.target === undefined) throw new InputError('E_USAGE', 'is required with --train (the column to predict)', { flag: '--target' });
  const options = { target: flags.target, file, ...(flags.task !== undefined ? { task: flags.task } : {}) };
  const path = resolve(io.cwd, file);
  return file.toLowerCase().endsWith('.json') ? loadJson(path, options) : loadCsv(path, options);
}
